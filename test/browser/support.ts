/// <reference lib="dom" />
// What the browser tests share: one hub (real database, broker, OIDC provider) seeded with the demo
// stations, one Chromium (Debian's, driven by playwright-core), pages at desktop and phone sizes,
// axe-core checks, screenshots, and the first-load measurement.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { system, type Principal } from '../../src/core/access.js';
import {
  DEMO_NAMING_AUTHORITY,
  DEMO_ORGANISATION,
  demoMessages,
  demoStations,
} from '../../src/demo/index.js';
import type { TestHub } from '../support/hub.js';
import { esohMessage } from '../support/messages.js';

export const RESULTS = path.resolve('test-results');
/** Set UPDATE_SCREENSHOTS=1 to refresh the README's screenshots too. */
const README_SHOTS = process.env.UPDATE_SCREENSHOTS ? path.resolve('docs/screenshots') : undefined;

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const demoService: Principal = {
  actor: 'system:test-demo',
  role: 'service',
  orgId: DEMO_ORGANISATION,
  userId: null,
  scopes: new Set(['ingest']),
  via: 'system',
};

/** Air temperature of a demo-authority station, as the demo feed reports it. */
export function demoReading(
  platform: string,
  value: string,
  lat: number,
  lon: number,
  datetime: string,
): object {
  return esohMessage({
    platform,
    namingAuthority: DEMO_NAMING_AUTHORITY,
    function: 'point',
    period: 'PT0S',
    datetime,
    value,
    lat,
    lon,
  });
}

export async function ingestAsDemo(hub: TestHub, messages: object[]): Promise<void> {
  await hub.ingest.ingest(demoService, messages);
}

/** The demo feed's stations with the last `minutes` of their observations, as a hub with DEMO=on has. */
export async function seedDemo(hub: TestHub, stations: number, minutes: number): Promise<void> {
  await hub.identity.organisations.create(system, { id: DEMO_ORGANISATION, name: 'Demo feed' });
  await hub.identity.organisations.setAuthority(system, DEMO_ORGANISATION, DEMO_NAMING_AUTHORITY, 'core');
  const all = demoStations(stations);
  const now = Math.floor(Date.now() / 60_000);
  const batch: object[] = [];
  for (let m = now - minutes; m <= now; m++)
    batch.push(...demoMessages(all, m * 60_000, hub.config.publicUrl));
  for (let i = 0; i < batch.length; i += 5000) await ingestAsDemo(hub, batch.slice(i, i + 5000));
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A fresh context (cold cache, no service worker) and a page that fails the test on page errors. */
export async function openPage(
  browser: Browser,
  viewport = DESKTOP,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport,
    colorScheme,
    ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

/** Milliseconds from navigation to the first frame with coloured stations (the app's performance mark). */
export async function stationsVisibleMs(page: Page): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('obshub:stations-visible').length > 0, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => performance.getEntriesByName('obshub:stations-visible')[0]!.startTime);
}

/** The next animation frame of the page (no fixed sleep: the page's own pace). */
export function nextFrame(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

/**
 * A two-finger pinch through CDP (Input.dispatchTouchEvent): fingers `from` px apart about the centre of
 * `box`, moved to `to` px apart in `steps` frames, then lifted. `to` > `from` zooms in.
 */
export async function pinch(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
  from: number,
  to: number,
  steps = 8,
): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const fingers = (gap: number) => [
    { x: cx - gap / 2, y: cy, id: 1 },
    { x: cx + gap / 2, y: cy, id: 2 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(from) });
  for (let i = 1; i <= steps; i++) {
    await nextFrame(page);
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: fingers(from + ((to - from) * i) / steps),
    });
  }
  await nextFrame(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (README_SHOTS) {
    mkdirSync(README_SHOTS, { recursive: true });
    writeFileSync(path.join(README_SHOTS, `${name}.png`), readFileSync(file));
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (WCAG 2.1 A and AA rules). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 3).join(', ')}`);
}

export function record(name: string, value: unknown): void {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, 'measurements.json');
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first measurement of the run
  }
  all[name] = value;
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
