-- Query API support: when each series last changed (for ETag / Last-Modified without scanning
-- observations), and an index for the data version and retention-window reads.
ALTER TABLE time_series ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE FUNCTION time_series_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER time_series_touch BEFORE UPDATE ON time_series
  FOR EACH ROW EXECUTE FUNCTION time_series_touch();

CREATE INDEX time_series_updated_at ON time_series (updated_at);
CREATE INDEX time_series_last_obstime ON time_series (last_obstime);
