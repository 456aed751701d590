// The event bus contract, run against every implementation: in-process, PostgreSQL LISTEN/NOTIFY (the
// machine's PostgreSQL: TEST_BUS_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
// and NATS JetStream (the machine's nats-server -js: TEST_NATS_URL, default nats://127.0.0.1:4222), each
// distributed one with two instances standing for two processes.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { connect } from 'nats';
import {
  busKind,
  natsNames,
  openBus,
  type BusEventName,
  type BusEvents,
  type EventBus,
} from '../../src/bus/index.js';

const PG_URL =
  process.env.TEST_BUS_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Resolves with the first `n` payloads of `event` that `bus` delivers. */
function collect<E extends BusEventName>(bus: EventBus, event: E, n: number): Promise<BusEvents[E][]> {
  const got: BusEvents[E][] = [];
  return new Promise((resolve) => {
    const off = bus.subscribe(event, (payload) => {
      got.push(payload);
      if (got.length === n) {
        off();
        resolve(got);
      }
    });
  });
}

interface Transport {
  name: string;
  /** Opens one process's bus; all buses of one transport reach each other (except in-process). */
  open(errors?: unknown[]): Promise<EventBus>;
  distributed: boolean;
  cleanup?: () => Promise<void>;
}

const natsName = `obshub-test-${randomBytes(4).toString('hex')}`;
const transports: Transport[] = [
  {
    name: 'in-process',
    distributed: false,
    open: (errors = []) =>
      openBus({ busUrl: undefined, databaseUrl: undefined, onError: (e) => errors.push(e) }),
  },
  {
    name: 'PostgreSQL LISTEN/NOTIFY',
    distributed: true,
    open: (errors = []) =>
      openBus({
        busUrl: undefined,
        databaseUrl: PG_URL,
        onError: (e) => errors.push(e),
      }),
  },
  {
    name: 'NATS JetStream',
    distributed: true,
    open: (errors = []) =>
      openBus({ busUrl: `${NATS_URL}/${natsName}`, databaseUrl: PG_URL, onError: (e) => errors.push(e) }),
    cleanup: async () => {
      const nc = await connect({ servers: new URL(NATS_URL).host });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(natsNames(`${NATS_URL}/${natsName}`).stream).catch(() => undefined);
      await nc.close();
    },
  },
];

describe('BUS_URL chooses the transport', () => {
  it('in-process on the embedded database, LISTEN/NOTIFY on PostgreSQL, NATS for nats://', () => {
    assert.equal(busKind({ busUrl: undefined, databaseUrl: undefined }), 'memory');
    assert.equal(busKind({ busUrl: undefined, databaseUrl: 'postgres://h/db' }), 'postgres');
    assert.equal(busKind({ busUrl: 'nats://h:4222', databaseUrl: 'postgres://h/db' }), 'nats');
    assert.equal(busKind({ busUrl: 'memory://', databaseUrl: 'postgres://h/db' }), 'memory');
    assert.deepEqual(natsNames('nats://h:4222'), { stream: 'OBSHUB_EVENTS', subjects: 'obshub.events' });
    assert.deepEqual(natsNames('nats://h:4222/site-a'), {
      stream: 'SITE_A_EVENTS',
      subjects: 'site-a.events',
    });
  });
});

for (const transport of transports) {
  describe(`event bus contract: ${transport.name}`, () => {
    const open: EventBus[] = [];
    const bus = async (errors?: unknown[]) => {
      const b = await transport.open(errors);
      open.push(b);
      await b.ready();
      return b;
    };
    after(async () => {
      await Promise.all(open.map((b) => b.close()));
      await transport.cleanup?.();
    });

    it("delivers every event to the publisher's own subscribers once, at once", async () => {
      const a = await bus();
      const seen: BusEvents['observations.committed'][] = [];
      const off = a.subscribe('observations.committed', (p) => seen.push(p));
      const publishing = a.publish('observations.committed', { count: 3, authorities: ['nl.knmi'] });
      assert.deepEqual(seen, [{ count: 3, authorities: ['nl.knmi'] }], 'delivered before publish resolves');
      await publishing;
      // Our own event must not come back through the transport: a later event arrives alone after it.
      const later = collect(a, 'observations.committed', 1);
      await a.publish('observations.committed', { count: 4, authorities: [] });
      await later;
      off();
      assert.equal(seen.length, 2);
    });

    it('keeps the order of one publisher, for each event name', async () => {
      const a = await bus();
      const b = transport.distributed ? await bus() : a;
      const n = 200;
      const committed = collect(b, 'observations.committed', n);
      const versions = collect(b, 'data.version', n);
      const metadata = collect(b, 'metadata.changed', 1);
      for (let i = 0; i < n; i++) {
        await a.publish('observations.committed', { count: i, authorities: ['a'] });
        await a.publish('data.version', { authorities: [String(i)] });
      }
      await a.publish('metadata.changed', { recordId: 'urn:wmo:md:x:y' });
      assert.deepEqual(
        (await committed).map((p) => p.count),
        Array.from({ length: n }, (_, i) => i),
      );
      assert.deepEqual(
        (await versions).map((p) => p.authorities[0]),
        Array.from({ length: n }, (_, i) => String(i)),
      );
      assert.deepEqual(await metadata, [{ recordId: 'urn:wmo:md:x:y' }]);
    });

    it('fans out: every subscriber of every process gets every event', async () => {
      const a = await bus();
      const others = transport.distributed ? [await bus(), await bus()] : [a];
      const receiving = others.flatMap((o) => [collect(o, 'data.version', 1), collect(o, 'data.version', 1)]);
      await a.publish('data.version', { authorities: ['*'] });
      for (const got of await Promise.all(receiving)) assert.deepEqual(got, [{ authorities: ['*'] }]);
    });

    it('stops delivering after unsubscribe, and a failing handler harms no other', async () => {
      const errors: unknown[] = [];
      const a = await bus();
      const b = transport.distributed ? await bus(errors) : a;
      const late: unknown[] = [];
      const off = b.subscribe('metadata.changed', (p) => late.push(p));
      off();
      const failing = b.subscribe('metadata.changed', () => {
        throw new Error('handler failed');
      });
      const second = collect(b, 'metadata.changed', 1);
      await a.publish('metadata.changed', { recordId: 'r1' });
      assert.deepEqual(await second, [{ recordId: 'r1' }]);
      failing();
      assert.deepEqual(late, []);
      if (transport.distributed) assert.equal((errors[0] as Error).message, 'handler failed');
    });
  });
}
