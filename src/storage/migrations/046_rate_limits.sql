-- Rate limits a platform admin set for one organisation, replacing the configured ones (RATE_LIMIT_*) for
-- its callers: {"<group>": {"perCaller": n, "perOrganisation": n}} for the groups ingest, query, admin.
CREATE TABLE organisation_rate_limit (
  org_id text PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
  limits jsonb NOT NULL CHECK (jsonb_typeof(limits) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Sign-in failures are counted per address and account with the rate-limit counters now (memory or
-- Redis); app_user.failed_logins is no longer written. It stays for hubs of the previous version that
-- may still run during a rolling upgrade.
COMMENT ON COLUMN app_user.failed_logins IS 'unused since 046_rate_limits';
