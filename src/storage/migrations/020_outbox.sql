-- Transactional outbox: what must be announced, written by the ingest transaction that stores the data.
-- A row only references the observation (ts_id, obstime); the relay builds the messages from the stored
-- observation when it publishes, so a row stays small (about 40 bytes) however large the message.
-- lease_until marks rows a relay has claimed and is publishing; a relay that dies leaves a lease that
-- expires, and another relay takes the rows over (at-least-once).
CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ts_id integer NOT NULL,
  obstime timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz
);
-- The series that have rows in flight: a relay skips them so that each series is announced in order.
CREATE INDEX outbox_leased ON outbox (ts_id) WHERE lease_until IS NOT NULL;
