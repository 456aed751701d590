// The demo feed plays valid observations through the real ingest service, in small batches, and its links
// lead to pages of the hub that exist. (Its climate, stations and weather: test/unit/demo.test.ts.)
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import pino from 'pino';
import { DEMO_NAMING_AUTHORITY, demoMessages, demoStations, startDemoFeed } from '../../src/demo/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { storedCounts } from '../support/queries.js';

describe('demo feed', () => {
  let hub: TestHub;
  before(async () => {
    // DEMO on: the hub creates the demo organisation, owner of the feed's naming authority.
    hub = await startTestHub({ DEMO: 'on' });
  });
  after(() => hub.stop());

  it('is deterministic and reports every station at its cadence', () => {
    const stations = demoStations(300);
    assert.equal(stations.length, 300);
    assert.deepEqual(demoStations(300), stations);
    const t = Date.UTC(2026, 0, 1, 12, 0); // a whole ten minutes: every station reports
    const messages = demoMessages(stations, t, hub.config.publicUrl) as any[];
    assert.equal(messages.length, 300 * 6);
    assert.deepEqual(demoMessages(stations, t, hub.config.publicUrl), messages);
    assert.ok(messages.every((m) => m.properties.naming_authority === DEMO_NAMING_AUTHORITY));
  });

  it('backfills through the ingest path, at most 300 messages at a time, letting the event loop turn', async () => {
    const ingest = mock.method(hub.ingest, 'ingest');
    let total = 0;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const feed = startDemoFeed({
        ingest: hub.ingest,
        log: pino({ level: 'silent' }),
        publicUrl: hub.config.publicUrl,
        stations: 60,
        backfillMinutes: 10,
      });
      await feed.backfilled;
      clearInterval(timer);
      await feed.stop();
      // The event loop turned between batches: a timer ran.
      assert.ok(ticks >= 3, `a 1 ms timer ran ${ticks} times during the backfill`);
      const sizes = ingest.mock.calls.map((call) => (call.arguments[1] as unknown[]).length);
      // 11 minutes of 60 stations, some reporting every minute, all at the ten-minute mark: well over
      // 300 messages, stored in batches of at most 300, filled across minutes.
      total = sizes.reduce((a, b) => a + b, 0);
      assert.ok(total > 600, `${total} messages`);
      assert.ok(Math.max(...sizes) <= 300, `batches of ${Math.max(...sizes)}`);
      assert.equal(sizes.length, Math.ceil(total / 300), `${sizes.join(', ')}`);
    } finally {
      ingest.mock.restore();
    }
    const counts = await storedCounts(hub.storage);
    assert.equal(counts.stations, 60);
    assert.equal(counts.series, 60 * 6);
    assert.equal(counts.observations, total);
  });

  it('links every message to the station in this hub, which answers', async () => {
    const [message] = demoMessages(
      demoStations(60),
      Date.UTC(2026, 0, 1, 12, 0),
      hub.config.publicUrl,
    ) as any[];
    const href: string = message.links[0].href;
    assert.ok(href.startsWith(`${hub.config.publicUrl}/`), href);
    const res = await hub.app.inject(href.slice(hub.config.publicUrl.length));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().type, 'Coverage');
  });
});
