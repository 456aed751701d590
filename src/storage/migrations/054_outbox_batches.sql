-- One outbox row per committed batch instead of one per observation: the ingest writes one row with the
-- batch's observations (ts_ids[i], obstimes[i], in the batch's order) and the relay claims, leases and
-- deletes whole batches. A row per observation tripled the writes of an ingest (insert, lease, delete);
-- now they are per batch. `obstime` is the newest observation time of the batch (retention drops rows
-- whose observations all left the window). Message rows (topic, payload) are unchanged.
ALTER TABLE outbox ADD COLUMN ts_ids integer[];
ALTER TABLE outbox ADD COLUMN obstimes timestamptz[];
-- Rows written before this migration become batches of up to 1 000 observations, in their order.
INSERT INTO outbox (ts_ids, obstimes, obstime, created_at, traceparent)
SELECT array_agg(ts_id ORDER BY id), array_agg(obstime ORDER BY id), max(obstime), min(created_at),
  min(traceparent)
FROM (SELECT id, ts_id, obstime, created_at, traceparent, (row_number() OVER (ORDER BY id) - 1) / 1000 AS chunk
      FROM outbox WHERE ts_id IS NOT NULL) o
GROUP BY chunk ORDER BY chunk;
DELETE FROM outbox WHERE ts_id IS NOT NULL;
DROP INDEX outbox_leased;
ALTER TABLE outbox DROP CONSTRAINT outbox_observation_or_message;
ALTER TABLE outbox DROP COLUMN ts_id;
ALTER TABLE outbox ADD CONSTRAINT outbox_batch_or_message
  CHECK ((ts_ids IS NOT NULL AND obstimes IS NOT NULL AND obstime IS NOT NULL
          AND cardinality(ts_ids) = cardinality(obstimes) AND topic IS NULL AND payload IS NULL)
      OR (ts_ids IS NULL AND obstimes IS NULL AND obstime IS NULL AND topic IS NOT NULL AND payload IS NOT NULL));
-- Rows in flight: a claim reads their series to keep each series' order.
CREATE INDEX outbox_leased ON outbox (id) WHERE lease_until IS NOT NULL;
