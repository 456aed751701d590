// MQTT helpers for tests: a subscriber that collects messages, a throw-away broker that can be stopped and
// restarted on the same port (an "external" broker going away), and the WIS2 Topic Hierarchy
// (test/fixtures/standards, vendored with their licences).
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

export const MOSQUITTO_URL = process.env.MOSQUITTO_URL ?? 'mqtt://127.0.0.1:1883';
export const STANDARDS = new URL('../fixtures/standards/', import.meta.url);

/** A unique suffix so that parallel test runs on a shared broker never see each other's messages. */
export function uniqueId(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Topic prefix and centre-id of one test, unique so that tests sharing a broker never see each other's
 * messages: the hub settings that use them, and the subscriptions to everything such a hub announces.
 */
export function testTopics() {
  const id = uniqueId();
  const prefix = `obshub-test-${id}`;
  const centre = `xx-obshub${id}-test`;
  return {
    prefix,
    centre,
    env: { MQTT_TOPIC_PREFIX: prefix, WIS2_CENTRE_ID: centre },
    subscriptions: [`${prefix}/#`, `origin/a/wis2/${centre}/data/#`],
  };
}

export interface Received {
  topic: string;
  payload: string;
  json: any;
  at: number;
}

export interface Subscriber {
  client: MqttClient;
  messages: Received[];
  /** Resolves when `predicate` holds for the messages received so far (checked on each message). */
  waitFor(predicate: (messages: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function subscribe(
  url: string,
  topics: string[],
  options: IClientOptions = {},
): Promise<Subscriber> {
  const client = await mqtt.connectAsync(url, {
    clientId: `obshub-test-${uniqueId()}`,
    reconnectPeriod: 0,
    ...options,
  });
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  client.on('message', (topic, payload) => {
    const text = payload.toString('utf8');
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    messages.push({ topic, payload: text, json, at: performance.timeOrigin + performance.now() });
    for (const w of waiters) w();
  });
  await client.subscribeAsync(topics, { qos: 1 });
  return {
    client,
    messages,
    waitFor: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(messages)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out with ${messages.length} messages`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => client.endAsync(true),
  };
}

/** An aedes broker on a fixed port that a test can stop and start again (anonymous, anyone publishes). */
export class ThrowawayBroker {
  private server: Server | undefined;
  private aedes: Aedes | undefined;
  port = 0;

  async start(): Promise<this> {
    this.aedes = await Aedes.createBroker();
    this.server = createServer(this.aedes.handle);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : this.port;
    return this;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    const aedes = this.aedes;
    this.server = undefined;
    this.aedes = undefined;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// --- WIS2 Topic Hierarchy and schemas, read from test/fixtures/standards (vendored) ----------------------

const TH = new URL('wis2/topic-hierarchy/topic-hierarchy/', STANDARDS);

function csvNames(url: URL): string[] {
  return readFileSync(url, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(',')[0]!.trim());
}

/** Why `topic` is not a valid WIS2 topic per the hierarchy CSVs; undefined when it is. */
export function wis2TopicProblem(topic: string): string | undefined {
  const levels = topic.split('/');
  const [channel, version, system, centre, type, policy, ...rest] = levels;
  const check = (value: string | undefined, file: string, name: string) =>
    value !== undefined && csvNames(new URL(file, TH)).includes(value) ? undefined : `bad ${name} ${value}`;
  const problem =
    check(channel, 'channel.csv', 'channel') ??
    check(version, 'version.csv', 'version') ??
    check(system, 'system.csv', 'system') ??
    (centre && (centre.endsWith('-test') || csvNames(new URL('centre-id.csv', TH)).includes(centre))
      ? undefined
      : `bad centre-id ${centre}`) ??
    check(type, 'notification-type.csv', 'notification-type');
  if (problem) return problem;
  if (type === 'metadata') return levels.length === 5 ? undefined : 'metadata topics end at level 5';
  if (check(policy, 'data-policy.csv', 'data-policy')) return `bad data-policy ${policy}`;
  let dir = new URL('earth-system-discipline/', TH);
  if (rest.length === 0) return 'data topics need an earth-system-discipline';
  for (const level of rest) {
    if (!csvNames(new URL('index.csv', dir)).includes(level))
      return `${level} is not in ${dir.pathname}index.csv`;
    dir = new URL(`${level}/`, dir);
  }
  return undefined;
}

export function isLeafTopic(topic: string): boolean {
  const rest = topic.split('/').slice(6);
  const dir = new URL(`earth-system-discipline/${rest.join('/')}/index.csv`, TH);
  return !statSync(dir, { throwIfNoEntry: false });
}

function compile(path: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(new URL(path, STANDARDS), 'utf8')));
}

/** The official WNM schema (bundled). */
export const validateWnmSchema = compile(
  'wis2/notification-message/schemas/wis2-notification-message-bundled.json',
);
/** The official WCMP2 schema (bundled, with the one $ref Ajv cannot follow corrected). */
export const validateWcmp2Schema = compile('wcmp2/schemas/wcmp2-bundled-resolved.json');

/**
 * A subscriber in its own thread, so that measuring delivery does not slow the hub it measures: records
 * the arrival time (epoch ms, sub-millisecond) of each message and whether its topic starts with `marker`.
 */
export async function timingSubscriber(url: string, topics: string[], marker: string) {
  const { Worker } = await import('node:worker_threads');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const mqtt = require('mqtt');
    const arrivals = [];
    const client = mqtt.connect(workerData.url, { reconnectPeriod: 0 });
    client.on('message', (topic) => arrivals.push([topic.startsWith(workerData.marker) ? 1 : 0, performance.timeOrigin + performance.now()]));
    client.on('connect', () => client.subscribe(workerData.topics, { qos: 1 }, () => parentPort.postMessage({ ready: true })));
    parentPort.on('message', (m) => {
      if (m === 'count') parentPort.postMessage({ count: arrivals.length });
      if (m === 'arrivals') parentPort.postMessage({ arrivals });
      if (m === 'close') client.end(true, () => process.exit(0));
    });`;
  const worker = new Worker(code, { eval: true, workerData: { url, topics, marker } });
  const ask = <T>(question: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, T>) => {
        if (key in m) {
          worker.off('message', on);
          resolve(m[key]!);
        }
      };
      worker.on('message', on);
      worker.postMessage(question);
    });
  await new Promise<void>((resolve) => worker.once('message', () => resolve()));
  return {
    async waitForCount(n: number, timeoutMs = 120_000) {
      const until = Date.now() + timeoutMs;
      while ((await ask<number>('count', 'count')) < n) {
        if (Date.now() > until) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    arrivals: () => ask<[number, number][]>('arrivals', 'arrivals'),
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
