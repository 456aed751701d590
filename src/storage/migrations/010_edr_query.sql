-- Query API support: when the stored data last changed (for ETag / Last-Modified without scanning
-- observations), and an index for retention-window reads of the series.

-- One row per writing process: each ingest transaction and each retention run stamps its own row as its
-- last statement, so writers never wait on each other; the data version is the newest stamp.
CREATE TABLE data_version (
  writer text PRIMARY KEY,
  changed_at timestamptz NOT NULL
);

CREATE INDEX time_series_last_obstime ON time_series (last_obstime);
