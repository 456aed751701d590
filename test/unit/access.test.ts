import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  anonymous,
  can,
  credentialScopes,
  isCredentialScope,
  rolePermissions,
  roles,
  type Principal,
} from '../../src/core/access.js';
import { apiKeyId, apiKeyMatches, generateApiKey } from '../../src/core/apiKey.js';
import { SecretBox } from '../../src/core/secretBox.js';
import type { NewApiKeyInput } from '../../src/identity/apiKeys.js';
import { lockDurationMs, type PublicOidcClient } from '../../src/identity/index.js';

const principal = (role: Principal['role'], scopes: string[] | null = null): Principal => ({
  actor: 'test',
  role,
  orgId: role === 'platform-admin' || role === 'maintainer' ? null : 'org',
  userId: null,
  scopes: scopes ? new Set(scopes as never[]) : null,
  via: 'token',
});

describe('the permission matrix', () => {
  it('gives anonymous callers nothing and every role observations:read', () => {
    assert.equal(can(anonymous, 'observations:read'), false);
    for (const role of roles) assert.ok(can(principal(role), 'observations:read'), role);
  });
  it('lets only organisation roles that write data ingest', () => {
    assert.deepEqual(
      roles.filter((r) => can(principal(r), 'observations:ingest')),
      ['org-admin', 'service'],
    );
  });
  it('keeps maintainers to reading', () => {
    assert.deepEqual(
      rolePermissions('maintainer').filter((p) => !p.endsWith(':read')),
      ['account:manage'],
    );
  });
  it('narrows a credential to its scopes: a read key cannot ingest, a key never administers', () => {
    assert.equal(can(principal('service', ['read']), 'observations:ingest'), false);
    assert.equal(can(principal('service', ['ingest']), 'observations:ingest'), true);
    assert.equal(can(principal('org-admin', ['ingest', 'read']), 'users:manage'), false);
    assert.equal(can(principal('org-admin', ['admin']), 'users:manage'), true);
    assert.equal(can(principal('org-user', ['admin']), 'users:manage'), false, 'scopes never widen a role');
  });
});

describe('credential scopes', () => {
  it('are ingest and read, as the admin API admits them; `admin` is no credential scope', () => {
    assert.deepEqual([...credentialScopes], ['ingest', 'read']);
    assert.equal(isCredentialScope('admin'), false);
    // The types say so too: API keys and OIDC clients cannot be given `admin`.
    // @ts-expect-error `admin` is not a scope of an OIDC client
    const client: PublicOidcClient['scopes'] = ['admin'];
    // @ts-expect-error `admin` is not a scope of an API key
    const key: NewApiKeyInput['scopes'] = ['admin'];
    assert.ok(client && key);
  });
});

describe('API keys', () => {
  it('are recognisable by prefix, found by id and matched by hash only', () => {
    const { id, key, hash } = generateApiKey();
    assert.match(key, /^obh_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    assert.equal(apiKeyId(key), id);
    assert.ok(!hash.includes(key.slice(21)));
    assert.ok(apiKeyMatches(key, hash));
    assert.equal(apiKeyMatches(`${key.slice(0, -1)}x`, hash), key.endsWith('x'));
    assert.equal(apiKeyId('obh_short'), undefined);
    assert.notEqual(generateApiKey().key, key);
  });
});

describe('encryption at rest', () => {
  const box = new SecretBox('x'.repeat(40));
  it('opens what it sealed, for the same purpose only', () => {
    const sealed = box.seal('totp', 'JBSWY3DPEHPK3PXP');
    assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
    assert.notEqual(box.seal('totp', 'JBSWY3DPEHPK3PXP'), sealed, 'a fresh IV each time');
    assert.equal(box.open('totp', sealed), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => box.open('oidc-signing-key', sealed));
  });
  it('refuses altered values and other secrets', () => {
    const sealed = box.seal('totp', 'secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('sEcret').toString('base64url');
    assert.throws(() => box.open('totp', parts.join('.')));
    assert.throws(() => new SecretBox('y'.repeat(40)).open('totp', sealed));
    assert.throws(() => new SecretBox('short'), /at least 32/);
  });
});

describe('lockout back-off', () => {
  it('locks for 30 s at the threshold, doubling with each step beyond it, up to an hour', () => {
    assert.equal(lockDurationMs(0), 30_000);
    assert.equal(lockDurationMs(1), 60_000);
    assert.equal(lockDurationMs(20), 3_600_000);
  });
});
