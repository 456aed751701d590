-- The data version per naming authority: a caller's ETag and Last-Modified change only when data it may
-- see changed, so the activity of another organisation's `recommended` data does not show through them.
-- `*` is a change that concerns everyone (a retention run).
ALTER TABLE data_version ADD COLUMN authority text NOT NULL DEFAULT '*';
ALTER TABLE data_version DROP CONSTRAINT data_version_pkey;
ALTER TABLE data_version ADD PRIMARY KEY (writer, authority);
