import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/index.js';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  assert.fail('expected a ConfigError');
}

function yamlFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'obshub-config-')), 'obshub.yaml');
  writeFileSync(file, text);
  return file;
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dataDir, path.resolve('./data'));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.mqttUrl, undefined);
    assert.equal(c.publicUrl, 'http://127.0.0.1:8080');
    assert.equal(c.mqttPort, 1883);
    assert.equal(c.mqttPortExplicit, false);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.retentionSeconds, 86400);
    assert.equal(c.futureToleranceSeconds, 600);
    assert.equal(c.ingestBodyLimitBytes, 50 * 1024 * 1024);
    assert.deepEqual(c.ingestLimits, { maxMessages: 10_000, maxTextLength: 1024, maxLinks: 10 });
    assert.equal(c.demo, true);
    assert.ok(Object.isFrozen(c));
  });

  it('reads typed values from the environment', () => {
    const c = loadConfig({
      PORT: '9000',
      RETENTION: 'unlimited',
      FUTURE_TOLERANCE: 'PT1H',
      INGEST_BODY_LIMIT: '2MB',
      MQTT_PORT: '1999',
      LOG_LEVEL: 'DEBUG',
    });
    assert.equal(c.port, 9000);
    assert.equal(c.retentionSeconds, null);
    assert.equal(c.futureToleranceSeconds, 3600);
    assert.equal(c.ingestBodyLimitBytes, 2 * 1024 * 1024);
    assert.equal(c.mqttPortExplicit, true);
    assert.equal(c.logLevel, 'debug');
  });

  it('takes the public URL as given, without a trailing slash', () => {
    assert.equal(
      loadConfig({ PUBLIC_URL: 'https://obs.example.org/hub/' }).publicUrl,
      'https://obs.example.org/hub',
    );
    assert.equal(loadConfig({ HOST: '0.0.0.0', PORT: '9000' }).publicUrl, 'http://localhost:9000');
  });

  it('turns the demo off by default with a database server', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://localhost/obshub' }).demo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://localhost/obshub', DEMO: 'on' }).demo, true);
    assert.equal(loadConfig({ DEMO: 'off' }).demo, false);
  });

  it('reads rate limits as a count per ISO 8601 duration, with the defaults of every group', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.rateLimits, true);
    assert.deepEqual(defaults.rateLimit.ingest, { windowMs: 60_000, perCaller: 600, perOrganisation: 3000 });
    assert.deepEqual(defaults.rateLimit['sign-in'], { windowMs: 300_000, perCaller: 60 });
    assert.deepEqual(defaults.authFailureLimit, { max: 20, windowMs: 900_000 });
    assert.deepEqual(defaults.signInLockout, { failures: 5, addresses: 10 });
    assert.equal(defaults.redisUrl, undefined);
    const c = loadConfig({
      RATE_LIMITS: 'off',
      RATE_LIMIT_QUERY: '10/PT30S',
      RATE_LIMIT_QUERY_ORG: '25',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
    });
    assert.equal(c.rateLimits, false);
    assert.deepEqual(c.rateLimit.query, { windowMs: 30_000, perCaller: 10, perOrganisation: 25 });
    assert.equal(c.redisUrl, 'redis://127.0.0.1:6379/2');
    assert.deepEqual(
      problems(() =>
        loadConfig({ RATE_LIMIT_QUERY: '10 per minute', RATE_LIMIT_TOKEN: '0/PT1M', REDIS_URL: 'http://x' }),
      ),
      [
        'RATE_LIMIT_QUERY: "10 per minute" is not valid; expected a number of requests per ISO 8601 duration, e.g. 600/PT1M',
        'RATE_LIMIT_TOKEN: "0/PT1M" is not valid; expected a number of requests per ISO 8601 duration, e.g. 600/PT1M',
        'REDIS_URL: "http://x" is not valid; expected a URL starting with redis:// or rediss://',
      ],
    );
  });

  it('reports every bad value, naming the key and what is allowed', () => {
    const found = problems(() =>
      loadConfig({ PORT: 'eighty', RETENTION: 'P1Y', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }),
    );
    assert.deepEqual(found, [
      'PORT: "eighty" is not valid; expected a port number from 0 (any free port) to 65535',
      'DATABASE_URL: "mysql://x" is not valid; expected a URL starting with postgres:// or postgresql://',
      'LOG_LEVEL: "loud" is not valid; expected one of fatal, error, warn, info, debug, trace, silent',
      'RETENTION: "P1Y" is not valid; expected an ISO 8601 duration such as PT24H, PT10M or P7D',
    ]);
  });

  it('reads the ingest limits, and refuses links beyond what the body scan allows', () => {
    const c = loadConfig({
      INGEST_MAX_MESSAGES: '4320',
      INGEST_MAX_TEXT_LENGTH: '256',
      INGEST_MAX_LINKS: '3',
    });
    assert.deepEqual(c.ingestLimits, { maxMessages: 4320, maxTextLength: 256, maxLinks: 3 });
    assert.deepEqual(
      problems(() =>
        loadConfig({ INGEST_MAX_MESSAGES: '0', INGEST_MAX_LINKS: '1001', INGEST_MAX_TEXT_LENGTH: 'x' }),
      ),
      [
        'INGEST_MAX_MESSAGES: "0" is not valid; expected a whole number of messages from 1, e.g. 10000',
        'INGEST_MAX_TEXT_LENGTH: "x" is not valid; expected a whole number of characters from 1, e.g. 1024',
        'INGEST_MAX_LINKS: "1001" is not valid; expected a whole number of links from 1 to 1000, e.g. 10',
      ],
    );
  });

  it('reads the number of validation workers: auto is one per core beyond two, at most 8', () => {
    assert.equal(loadConfig({}).ingestWorkers, Math.min(8, Math.max(0, availableParallelism() - 2)));
    assert.equal(loadConfig({ INGEST_WORKERS: '0' }).ingestWorkers, 0);
    assert.equal(loadConfig({ INGEST_WORKERS: ' 3 ' }).ingestWorkers, 3);
    assert.deepEqual(
      problems(() => loadConfig({ INGEST_WORKERS: 'many' })),
      ['INGEST_WORKERS: "many" is not valid; expected a whole number of threads from 0 to 64, e.g. 2'],
    );
  });

  it('reads the same keys from a YAML file; the environment wins', () => {
    const file = yamlFile('PORT: 9100\nRETENTION: PT6H\nDEMO: "off"\n');
    const c = loadConfig({ PORT: '9200' }, file);
    assert.equal(c.port, 9200);
    assert.equal(c.retentionSeconds, 21600);
    assert.equal(c.demo, false);
    assert.equal(loadConfig({ CONFIG_FILE: file }).retentionSeconds, 21600);
  });

  it('rejects unknown keys and bad values in the file', () => {
    const found = problems(() => loadConfig({}, yamlFile('PROT: 9100\nPORT: [1, 2]\n')));
    assert.equal(found.length, 2);
    assert.match(found[0] ?? '', /^PROT: unknown setting in .*obshub\.yaml; allowed: PORT, HOST, DATA_DIR/);
    assert.equal(found[1], 'PORT: must be a single value, not a list or mapping');
  });

  it('reports an unreadable file', () => {
    assert.match(
      problems(() => loadConfig({}, '/nonexistent/obshub.yaml'))[0] ?? '',
      /^CONFIG_FILE: cannot read/,
    );
  });
});
