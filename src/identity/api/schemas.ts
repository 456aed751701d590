// The wire formats of the admin API (/api/v1), each declared once as a TypeBox schema: validation, the
// TypeScript type of the handler's input and the OpenAPI document come from these.
import { Type, type TSchema } from 'typebox';
import {
  credentialScopes,
  userRoles,
  type CredentialScope as CredentialScopeValue,
  type UserRole as UserRoleValue,
} from '../../core/access.js';
import { auditActions } from '../audit.js';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const time = (description: string) => Type.String({ format: 'date-time', description });

export const OrganisationId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,62}$',
  description: 'Lower-case letters, digits and hyphens (2–63 characters)',
  examples: ['knmi'],
});
export const DataPolicy = Type.Union([Type.Literal('core'), Type.Literal('recommended')], {
  description: 'WIS2 data policy of the series of this naming authority',
});
// Unions built from the lists in core/access.ts, typed as the values they admit (a union of a mapped
// array would otherwise be typed `never`).
export const UserRole = Type.Unsafe<UserRoleValue>(
  Type.Union(
    userRoles.map((r) => Type.Literal(r)),
    { description: 'The role of a person' },
  ),
);
/** A scope of an API key or an OIDC client. */
export const CredentialScope = Type.Unsafe<CredentialScopeValue>(
  Type.Union(credentialScopes.map((s) => Type.Literal(s))),
);

export const Organisation = Type.Object({
  id: OrganisationId,
  name: Type.String(),
  require2fa: Type.Boolean({ description: 'Members must use two-factor authentication' }),
  createdAt: time('When the organisation was created'),
  authorities: Type.Array(Type.Object({ authority: Type.String(), dataPolicy: DataPolicy }), {
    description: 'The naming authorities it owns (and so writes)',
  }),
});

const RateLimitOverride = Type.Object(
  {
    perCaller: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000_000, description: 'Requests per window of each caller' }),
    ),
    perOrganisation: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100_000_000,
        description: "Requests per window of all the organisation's callers together",
      }),
    ),
  },
  { additionalProperties: false },
);
export const RateLimitOverrides = Type.Object(
  {
    ingest: Type.Optional(RateLimitOverride),
    query: Type.Optional(RateLimitOverride),
    admin: Type.Optional(RateLimitOverride),
  },
  {
    additionalProperties: false,
    description: 'Limits that replace the configured ones (RATE_LIMIT_*) for this organisation',
    examples: [{ ingest: { perCaller: 3000, perOrganisation: 10000 } }],
  },
);
const GroupLimit = Type.Object({
  window: Type.String({ description: 'ISO 8601 duration', examples: ['PT1M'] }),
  perCaller: Type.Integer(),
  perOrganisation: Type.Integer(),
});
export const OrganisationRateLimits = Type.Object({
  orgId: OrganisationId,
  limits: Type.Object(
    { ingest: GroupLimit, query: GroupLimit, admin: GroupLimit },
    { description: "The limits in force for the organisation's callers, per route group" },
  ),
  overrides: RateLimitOverrides,
});

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: nullable(Type.String()),
  role: UserRole,
  orgId: nullable(Type.String()),
  totpEnabled: Type.Boolean(),
  disabled: Type.Boolean(),
  locked: Type.Boolean({ description: 'Locked after repeated failed sign-ins' }),
  createdAt: time('When the account was created'),
});

export const ApiKey = Type.Object({
  id: Type.String({ description: 'The public part of the key (`obh_<id>_…`)' }),
  name: Type.String(),
  orgId: Type.String(),
  userId: nullable(Type.String({ description: 'The person the key acts for; null: a service key' })),
  scopes: Type.Array(CredentialScope),
  createdBy: Type.String({ description: 'Actor that created it' }),
  createdAt: time('Creation time'),
  expiresAt: nullable(time('Expiry time')),
  revokedAt: nullable(time('Revocation time')),
  lastUsedAt: nullable(time('Last use, to the minute')),
});

export const NewApiKey = Type.Object({
  ...ApiKey.properties,
  key: Type.String({ description: 'The key itself: shown once, never again', examples: ['obh_…'] }),
});

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: time('When it happened'),
  action: Type.String({ description: `One of ${auditActions.join(', ')}` }),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  actor: Type.String({
    description: '`user:<id>`, `key:<id>`, `client:<id>`, `cli:<os user>`, `system` or `anonymous`',
  }),
  orgId: nullable(Type.String()),
  target: nullable(Type.String()),
  source: nullable(Type.String({ description: "The caller's address" })),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: 'RFC 9457 problem details' },
);

const problemTitles: Record<number, string> = {
  400: 'Invalid request',
  401: 'No or invalid credentials',
  403: 'The caller lacks the permission',
  404: 'Not found (or in another organisation)',
  409: 'Conflicts with the current state',
};

/** Response schemas: the success ones given, plus problem+json for 400, 401, 403 and `extra` statuses. */
export function responses(success: Record<number, TSchema | { description: string }>, extra: number[] = []) {
  const out: Record<number, unknown> = { ...success };
  for (const status of [400, 401, 403, ...extra]) {
    out[status] = {
      description: problemTitles[status] ?? 'Error',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return out;
}

export const NoContent = { description: 'Done', type: 'null' } as const;

/** Admin routes need a person's token (API keys carry only ingest and read). */
export const personSecurity = [{ bearer: [] }];

export const IdParams = Type.Object({ id: Type.String() });
export const AuthorityParams = Type.Object({
  id: Type.String(),
  authority: Type.String({ description: 'An E-SOH naming_authority', examples: ['nl.knmi'] }),
});
