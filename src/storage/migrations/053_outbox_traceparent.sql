-- The W3C trace context (traceparent) of the ingest that wrote an outbox row, so that the relay's
-- publication continues the ingest's trace. NULL when tracing is off (it then costs nothing).
ALTER TABLE outbox ADD COLUMN traceparent text;
