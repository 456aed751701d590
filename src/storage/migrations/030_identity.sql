-- Identity and access: organisations and the naming authorities they own, users with one role each,
-- API keys (hashes only), and the append-only audit log.

CREATE TABLE organisation (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  require_2fa boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- An organisation writes, and decides the data policy of, the series of the naming authorities it owns.
-- `recommended` series are visible only to the organisation's own members and platform-wide roles.
CREATE TABLE naming_authority (
  authority text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
  data_policy text NOT NULL DEFAULT 'core' CHECK (data_policy IN ('core', 'recommended'))
);
CREATE INDEX naming_authority_org ON naming_authority (org_id);

CREATE TABLE app_user (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text,
  role text NOT NULL CHECK (role IN ('platform-admin', 'maintainer', 'org-admin', 'org-user')),
  org_id text REFERENCES organisation (id) ON DELETE CASCADE,
  password_hash text,
  -- TOTP secret sealed with OBSHUB_SECRET; enabled once the first code was verified.
  totp_secret text,
  totp_enabled boolean NOT NULL DEFAULT false,
  -- The time step of the last accepted code: a code is never accepted twice.
  totp_last_step bigint,
  -- SHA-256 hashes of the unused one-time recovery codes.
  recovery_codes text[] NOT NULL DEFAULT '{}',
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT app_user_org_role CHECK ((role IN ('platform-admin', 'maintainer')) = (org_id IS NULL))
);
CREATE INDEX app_user_org ON app_user (org_id);

CREATE TABLE api_key (
  id text PRIMARY KEY,
  key_hash text NOT NULL,
  name text NOT NULL,
  org_id text NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
  -- The person the key acts for; null: a service key of the organisation.
  user_id text REFERENCES app_user (id) ON DELETE CASCADE,
  scopes text[] NOT NULL CHECK (scopes <@ ARRAY['ingest', 'read'] AND cardinality(scopes) > 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_key_org ON api_key (org_id);

CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  actor text NOT NULL,
  -- The organisation the event concerns (no foreign key: events outlive deleted organisations).
  org_id text,
  target text,
  source text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_org_at ON audit_event (org_id, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
