// Factories for E-SOH ingest messages and the KNMI test day (samples/).
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config/index.js';

/** The ingest limits of a hub with default settings. */
export const defaultLimits = loadConfig({}).ingestLimits;

export const KNMI_DIR = new URL('../../samples/esoh-knmi-20221231/', import.meta.url);

export function knmiFiles(): { station: string; gz: Buffer }[] {
  return readdirSync(KNMI_DIR)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .map((f) => ({ station: f.replace('.json.gz', ''), gz: readFileSync(new URL(f, KNMI_DIR)) }));
}

export function knmiMessages(station: string): any[] {
  return JSON.parse(gunzipSync(readFileSync(new URL(`${station}.json.gz`, KNMI_DIR))).toString('utf8'));
}

export interface MessageOptions {
  platform?: string;
  standardName?: string;
  unit?: string;
  value?: string | number;
  level?: string | number;
  period?: string;
  function?: string;
  datetime?: string;
  lat?: number | string;
  lon?: number | string;
  namingAuthority?: string;
  instrument?: string;
}

/** A valid E-SOH message (air temperature at De Bilt unless told otherwise). */
export function esohMessage(o: MessageOptions = {}): any {
  return {
    type: 'Feature',
    version: '4.0',
    geometry: {
      type: 'Point',
      coordinates: { lat: o.lat ?? 52.098821802977, lon: o.lon ?? 5.1797058644882 },
    },
    links: [{ href: 'https://example.org/doc', rel: 'canonical' }],
    properties: {
      title: 'Air temperature',
      summary: 'Test observation',
      license: 'CC-BY-4.0',
      Conventions: 'CF-1.8',
      naming_authority: o.namingAuthority ?? 'nl.knmi',
      platform: o.platform ?? '0-20000-0-06260',
      platform_name: 'DE BILT AWS',
      ...(o.instrument ? { instrument: o.instrument } : {}),
      level: o.level ?? '2.0',
      period: o.period ?? 'PT1M',
      function: o.function ?? 'mean',
      datetime: o.datetime ?? new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(),
      content: {
        encoding: 'utf-8',
        standard_name: o.standardName ?? 'air_temperature',
        unit: o.unit ?? 'Cel',
        value: o.value ?? '4.5',
      },
    },
  };
}

/**
 * The whole minute this test process started in: times made from it do not move when a test runs across
 * a minute's end (two calls a moment apart once gave the same minute for `minutesAgo(1)` and `minutesAgo(2)`).
 */
const START_MINUTE = Math.floor(Date.now() / 60_000);

/** `minutes` before the minute this test process started in, as an ISO string on a whole minute. */
export function minutesAgo(minutes: number): string {
  return new Date((START_MINUTE - minutes) * 60_000).toISOString();
}
