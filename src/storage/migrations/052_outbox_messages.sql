-- The outbox also carries whole messages (the discovery metadata notification), written by the
-- transaction that decides them and published by the same relays as observations: such a row has its
-- topic and payload and no observation (ts_id and obstime NULL). All of them form one "series" for the
-- relays' per-series order (the claim treats a NULL ts_id as series 0).
ALTER TABLE outbox ALTER COLUMN ts_id DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN obstime DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN topic text;
ALTER TABLE outbox ADD COLUMN payload text;
ALTER TABLE outbox ADD CONSTRAINT outbox_observation_or_message
  CHECK ((ts_id IS NOT NULL AND obstime IS NOT NULL AND topic IS NULL AND payload IS NULL)
      OR (ts_id IS NULL AND obstime IS NULL AND topic IS NOT NULL AND payload IS NOT NULL));
