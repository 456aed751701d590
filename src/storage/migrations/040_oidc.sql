-- The built-in OpenID Connect provider: its stateful artefacts (sessions, interactions, grants, codes,
-- refresh tokens…), its keys (sealed with OBSHUB_SECRET) and the OIDC clients of organisations.

-- One row per oidc-provider artefact; `model` is its kind (Session, Grant, RefreshToken, …). Rows past
-- expires_at are never returned and are purged by the provider's cleanup timer.
CREATE TABLE oidc_payload (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_payload_grant ON oidc_payload (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_payload_uid ON oidc_payload (uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_payload_user_code ON oidc_payload (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oidc_payload_expires ON oidc_payload (expires_at) WHERE expires_at IS NOT NULL;

-- Signing keys (private JWKs) and cookie keys, sealed. The newest unretired key of each use signs;
-- the others stay published (signing) or accepted (cookies) until retired.
CREATE TABLE oidc_key (
  id text PRIMARY KEY,
  use text NOT NULL CHECK (use IN ('sig', 'cookie')),
  sealed text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  retired_at timestamptz
);
CREATE INDEX oidc_key_use ON oidc_key (use, created_at DESC);

-- Client-credentials clients of organisations (machine identities with role `service`); the secret is
-- sealed, since the provider must compare it with what the client presents.
CREATE TABLE oidc_client (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
  name text NOT NULL,
  sealed_secret text NOT NULL,
  scopes text[] NOT NULL CHECK (scopes <@ ARRAY['ingest', 'read'] AND cardinality(scopes) > 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX oidc_client_org ON oidc_client (org_id);
