// HTTP hygiene of every answer: security headers (nosniff everywhere; CSP and no framing on pages; HSTS
// over https only), CORS (preflights answered everywhere; the query API open to every origin, ingest and
// the admin API only to CORS_ORIGINS), request ids (X-Request-Id, traceparent, in every problem), and
// problem+json 503s while the hub stops.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestHub, type TestHub } from '../support/hub.js';

describe('HTTP hygiene', () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub({ CORS_ORIGINS: 'https://app.example.org' });
  });
  after(() => hub.stop());

  const request = (method: 'GET' | 'OPTIONS' | 'POST', url: string, headers: Record<string, string> = {}) =>
    hub.app.inject({ method, url, headers });

  it('sends nosniff on every answer, and CSP without framing on pages', async () => {
    for (const url of ['/health', '/collections', '/no/such/route', '/docs/', '/oidc/session/end']) {
      const res = await request('GET', url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'/, url);
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over http');
    }
  });

  it('answers the 4xx that the router, CORS and the OIDC provider give as problem+json (found by the HTTP fuzz)', async () => {
    const cases: [method: 'GET' | 'OPTIONS', url: string, status: number][] = [
      ['GET', '/collections/observations/items/%ff', 400], // not UTF-8: the router's own 400
      ['GET', `/api/v1/organisations/${'x'.repeat(1000)}`, 414], // beyond the path parameter limit
      ['OPTIONS', '/collections/observations', 400], // no Origin: not a preflight
      ['GET', '/oidc/no-such-endpoint', 404], // under the OIDC provider's mount, none of its endpoints
    ];
    for (const [method, url, status] of cases) {
      const res = await request(method, url);
      const where = `${method} ${url.slice(0, 60)}`;
      assert.equal(res.statusCode, status, where);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', where);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', where);
      const body = res.json();
      assert.equal(body.status, status, where);
      assert.ok(body.detail.length > 0 && body.detail.length < 200, where);
      assert.equal(body.requestId, res.headers['x-request-id'], where);
    }
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const secure = await startTestHub({ PUBLIC_URL: 'https://hub.example.org' });
    try {
      const res = await secure.app.inject('/health');
      assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    } finally {
      await secure.stop();
    }
  });

  it('answers preflights: the query API for any origin, ingest and admin only for CORS_ORIGINS', async () => {
    const preflight = (url: string, origin: string, method = 'GET') =>
      request('OPTIONS', url, {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization, x-api-key',
      });
    const query = await preflight('/collections/observations/locations', 'https://anyone.example');
    assert.equal(query.statusCode, 204);
    assert.equal(query.headers['access-control-allow-origin'], '*');
    assert.match(String(query.headers['access-control-allow-headers']), /Authorization/);
    assert.match(String(query.headers['access-control-allow-headers']), /X-API-Key/);
    for (const url of ['/ingest/json', '/api/v1/me']) {
      const listed = await preflight(url, 'https://app.example.org', 'POST');
      assert.equal(listed.statusCode, 204, url);
      assert.equal(listed.headers['access-control-allow-origin'], 'https://app.example.org', url);
      assert.match(String(listed.headers['access-control-allow-methods']), /POST/);
      const other = await preflight(url, 'https://evil.example', 'POST');
      assert.equal(other.statusCode, 204, url);
      assert.equal(other.headers['access-control-allow-origin'], undefined, url);
    }
    const data = await request('GET', '/collections', { origin: 'https://anyone.example' });
    assert.equal(data.headers['access-control-allow-origin'], '*');
    assert.match(String(data.headers['access-control-expose-headers']), /ETag/);
  });

  it('takes the request id from X-Request-Id or traceparent, and names it in every problem', async () => {
    const given = await request('GET', '/no/such/route', { 'x-request-id': 'abc-123' });
    assert.equal(given.headers['x-request-id'], 'abc-123');
    assert.equal(given.json().requestId, 'abc-123');
    const traced = await request('GET', '/health', {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    assert.equal(traced.headers['x-request-id'], '4bf92f3577b34da6a3ce929d0e0e4736');
    const forged = await request('GET', '/health', { 'x-request-id': 'x\ny'.repeat(100) });
    assert.match(String(forged.headers['x-request-id']), /^[0-9a-f-]{36}$/, 'an unusable id is replaced');
  });

  it('answers problem+json 503 while stopping', async () => {
    const stopping = await startTestHub();
    const closed = stopping.stop();
    const res = await stopping.app.inject('/collections');
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.match(res.json().detail, /stopping/);
    await closed;
  });
});
