-- Query-path speed (issue 5, measured with `npm run bench`).

-- Every ingest batch moves last_obstime of the series it touches. While last_obstime was indexed, each of
-- those updates wrote a new row version with new entries in every index of time_series: under a steady
-- feed the table and its indexes filled with dead versions faster than autovacuum removed them, and every
-- query on time_series (each EDR request starts with one) visited thousands of dead versions (measured: a
-- parameter-name lookup went from 0.3 to 8 ms after 24 h of 50 stations). Without that index, and with
-- free room on each page, the updates are heap-only (HOT): no new index entries, and dead versions are
-- pruned page by page as they are read. Reads by last_obstime select most series of the window anyway,
-- and the retention job's delete scans the table once per run.
DROP INDEX IF EXISTS time_series_last_obstime;
ALTER TABLE time_series SET (fillfactor = 70);

-- The observations of one series inside [since, until] (null: open), oldest first, as two arrays. Planning
-- a read of the observation table costs more than running it for one series (every hourly partition is
-- considered: ~3 ms with 26 partitions), so the plan is made once per connection and kept: a PL/pgSQL
-- function caches its plans, and the generic plan prunes partitions when it starts, from the arguments.
CREATE FUNCTION observation_arrays(series integer, since timestamptz, until timestamptz)
RETURNS TABLE (times float8[], vals float8[])
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
  SELECT array_agg((extract(epoch FROM o.obstime) * 1000)::float8 ORDER BY o.obstime),
         array_agg(o.value ORDER BY o.obstime)
  FROM observation o
  WHERE o.ts_id = series
    AND o.obstime >= coalesce(since, '-infinity') AND o.obstime <= coalesce(until, 'infinity');
END $$;
