-- Observations, their time series and their locations.
-- Identity and naming follow E-SOH (reference/esoh.md §1.4, §1.6); values are numbers, not text.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Small key/value store for decisions the storage layer makes once (e.g. the partition width).
CREATE TABLE storage_setting (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- Every distinct position an observation was made at. lon/lat keep the exact floats that were sent.
CREATE TABLE geo_point (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  point geography(Point, 4326) NOT NULL,
  CONSTRAINT geo_point_lon_lat UNIQUE (lon, lat)
);
CREATE INDEX geo_point_point ON geo_point USING gist (point);

-- One row per E-SOH time series. level is in centimetres and period in seconds, as in E-SOH;
-- instrument is '' when not given (E-SOH: NULL, compared NULLS NOT DISTINCT).
-- first_obstime / last_obstime / geo_point_id are summaries maintained by every ingest, so that
-- station lists and extents never scan the observation table.
CREATE TABLE time_series (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  naming_authority text NOT NULL,
  platform text NOT NULL,
  standard_name text NOT NULL,
  level integer NOT NULL,
  function text NOT NULL,
  period integer NOT NULL,
  instrument text NOT NULL DEFAULT '',
  parameter_name text NOT NULL,
  timeseries_id text NOT NULL,
  unit text NOT NULL,
  platform_name text,
  platform_vocabulary text,
  instrument_vocabulary text,
  quality_code_vocabulary text,
  title text,
  summary text,
  keywords text,
  keywords_vocabulary text,
  license text,
  conventions text,
  creator_type text,
  creator_name text,
  creator_email text,
  creator_url text,
  institution text,
  project text,
  source text,
  version text,
  links jsonb,
  geo_point_id integer REFERENCES geo_point (id),
  first_obstime timestamptz,
  last_obstime timestamptz,
  CONSTRAINT time_series_identity UNIQUE (naming_authority, platform, standard_name, level, function, period, instrument)
);
CREATE INDEX time_series_timeseries_id ON time_series (timeseries_id);
CREATE INDEX time_series_platform ON time_series (platform);
CREATE INDEX time_series_parameter_name ON time_series (parameter_name);
CREATE INDEX time_series_geo_point ON time_series (geo_point_id);

-- Observations, partitioned by time so that retention drops whole partitions. The primary key serves
-- "one series over a time range" and "latest value per series". No foreign keys here: the ingest
-- writes ts_id and geo_point_id from the rows it has just upserted, and per-row FK checks would cost
-- most of the bulk-insert throughput.
CREATE TABLE observation (
  ts_id integer NOT NULL,
  obstime timestamptz NOT NULL,
  geo_point_id integer NOT NULL,
  value double precision,
  value_text text,
  pubtime timestamptz NOT NULL,
  quality_code integer,
  camsl integer,
  history text,
  processing_level text,
  PRIMARY KEY (ts_id, obstime)
) PARTITION BY RANGE (obstime);
