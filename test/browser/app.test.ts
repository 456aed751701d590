/// <reference lib="dom" />
// The web app in a real browser (Debian's Chromium through playwright-core), at desktop and phone
// sizes, against a real hub: first load, parameters, station charts, live updates over MQTT, sign-in
// with password and TOTP, API keys, the pages of each role, accessibility, the PWA offline, and the
// budgets (initial JavaScript, first-load time). Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { system } from '../../src/core/access.js';
import { demoStations, type DemoStation } from '../../src/demo/index.js';
import { currentTotp, userPrincipal } from '../../src/identity/index.js';
import { WEB_APP_ROOT } from '../../src/webapp/index.js';
import { esohMessage, minutesAgo } from '../support/messages.js';
import {
  accessibilityViolations,
  demoReading,
  DESKTOP,
  ingestAsDemo,
  launch,
  nextFrame,
  openPage,
  PHONE,
  pinch,
  record,
  screenshot,
  seedDemo,
  stationsVisibleMs,
} from './support.js';
import { startListeningHub, type TestHub } from '../support/hub.js';

const PASSWORD = 'correct horse battery staple';
/**
 * First load (navigation to the first frame with every station coloured) is measured, never asserted: a
 * test that times itself fails when the machine is busy. The times go to test-results/measurements.json.
 */
const JS_BUDGET_BYTES = 350 * 1024;

describe('web app in Chromium', () => {
  let hub: TestHub;
  let base: string;
  let browser: Browser;
  let aliceTotp: string;

  before(async () => {
    ({ hub, base } = await startListeningHub());
    await seedDemo(hub, 300, 20);
    const orgs = hub.identity.organisations;
    await orgs.create(system, { id: 'other-org', name: 'Other organisation' });
    const alice = await hub.identity.users.create(system, {
      username: 'alice',
      role: 'org-admin',
      orgId: hub.provider.orgId,
      password: PASSWORD,
      displayName: 'Alice',
    });
    const { secret } = await hub.identity.users.enrolTotp(userPrincipal(alice, 'session'));
    await hub.identity.users.confirmTotp(userPrincipal(alice, 'session'), currentTotp(secret));
    aliceTotp = secret;
    await hub.identity.users.create(system, {
      username: 'bob',
      role: 'org-admin',
      orgId: 'other-org',
      password: PASSWORD,
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await hub?.stop();
  });

  const expectAccessible = async (page: Page, what: string) =>
    assert.deepEqual(await accessibilityViolations(page), [], `axe on ${what}`);

  /** Signs in on the provider's pages (password, then a TOTP code when asked). */
  const signIn = async (page: Page, username: string, password: string, totp?: string) => {
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    if (totp) {
      await page.waitForSelector('#code');
      // The code of the next step: the current one was used to turn 2FA on (a code counts once).
      await page.fill('#code', currentTotp(totp, Date.now() + 30_000));
      await page.click('button[type=submit]');
    }
    await page.waitForURL(
      (url) => url.pathname.startsWith('/app/') && !url.pathname.startsWith('/app/callback'),
    );
  };

  it('shows the 300 demo stations coloured by air temperature on first load', async () => {
    const times: Record<string, number> = {};
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { context, page, errors } = await openPage(browser, viewport);
      await page.goto(`${base}/app/`);
      times[name] = await stationsVisibleMs(page);
      const map = (await page.locator('.map canvas').boundingBox())!;
      assert.ok(
        map.width >= viewport.width * 0.9 && map.height >= viewport.height * 0.5,
        `the map fills the screen (${map.width}×${map.height})`,
      );
      await page.getByText('300 stations on the map').waitFor();
      await page.getByText('Air temperature (°C)').waitFor();
      await page.locator('.live[data-state=connected]').waitFor();
      await page.locator('.map[data-basemap=drawn]').waitFor();
      await screenshot(page, `map-${name}`);
      await expectAccessible(page, `the map (${name})`);
      assert.deepEqual(errors, []);
      await context.close();
    }
    record('firstLoadMs.300', times);
  });

  it('recolours the stations when another parameter is picked, and keeps it in the URL', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${base}/app/`);
    await stationsVisibleMs(page);
    const map = page.locator('.map canvas');
    const before = await map.screenshot();
    const ticks = await page.locator('.legend-ticks').innerText();
    await page.getByLabel('Parameter').selectOption('relative_humidity:2.0:point:PT0S');
    await page.getByText('Relative humidity (%)').waitFor();
    await page.waitForURL(/parameter=relative_humidity:2\.0:point:PT0S/);
    await page.waitForFunction(
      (old) => document.querySelector('.legend-ticks')?.textContent !== old,
      ticks.replace(/\n/g, ''),
    );
    await page.waitForTimeout(300); // the next frame of the map
    assert.notDeepEqual(await map.screenshot(), before, 'the map is drawn in other colours');
    // The link restores the view.
    const shared = page.url();
    const again = await context.newPage();
    await again.goto(shared);
    await again.getByText('Relative humidity (%)').waitFor();
    await context.close();
  });

  it('opens a station from the search with its metadata, latest values and a chart with data', async () => {
    const [first, second] = demoStations(2) as [DemoStation, DemoStation];
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${base}/app/`);
    await stationsVisibleMs(page);
    await page.getByLabel('Search stations').fill(first.name.toLowerCase());
    await page.getByRole('button', { name: first.name }).click();
    const panel = page.getByRole('region', { name: first.name });
    await panel.waitFor();
    await panel.getByText('0-65534-0-DEMO0001').waitFor();
    await panel.getByText('CC0-1.0').waitFor();
    await panel.getByRole('row', { name: /Relative humidity/ }).waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('.chart')?.getAttribute('data-points')) > 0,
    );
    assert.match(page.url(), /station=0-65534-0-DEMO0001/);
    const downloads = await panel.getByRole('link', { name: /Download CSV/ }).getAttribute('href');
    const csv = await (await fetch(`${base}${downloads}`)).text();
    assert.match(
      csv,
      /^wigos_id,longitude,latitude,parameter_name,datetime,value,unit\r\n0-65534-0-DEMO0001,/,
    );
    // Compare with a second station in the same chart.
    await panel.getByLabel('Compare with').fill(second.name);
    await page.waitForURL(/compare=0-65534-0-DEMO0002/);
    await panel.getByRole('button', { name: `Remove ${second.name} from the chart` }).waitFor();
    await page.locator('.chart').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'station-desktop');
    await expectAccessible(page, 'the station panel');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows an observation ingested meanwhile on the map and in the open chart, without a reload', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${base}/app/?station=0-65534-0-DEMO0001`);
    await stationsVisibleMs(page);
    await page.locator('.live[data-state=connected]').waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('.chart')?.getAttribute('data-points')) > 0,
    );
    const points = Number(await page.locator('.chart').getAttribute('data-points'));
    const inTwoMinutes = new Date((Math.floor(Date.now() / 60_000) + 2) * 60_000).toISOString();
    const [first] = demoStations(1);
    await ingestAsDemo(hub, [
      demoReading(first!.id, '42.4', first!.lat, first!.lon, inTwoMinutes),
      demoReading('0-65534-0-LIVE1', '-3.5', 60, 10, inTwoMinutes),
    ]);
    await page.getByText('301 stations on the map').waitFor();
    await page.getByRole('row', { name: /Air temperature.*42\.4/ }).waitFor();
    await page.waitForFunction(
      (n) => Number(document.querySelector('.chart')?.getAttribute('data-points')) === n + 1,
      points,
    );
    await context.close();
  });

  it('signs in with password and TOTP, creates an API key and ingests with it', async () => {
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${base}/app/account`);
    await signIn(page, 'alice', PASSWORD, aliceTotp);
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await page.getByText('Two-factor authentication is on.').waitFor();
    await expectAccessible(page, 'My account');
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('browser test loader');
    await form.getByLabel('ingest').check();
    await form.getByRole('button', { name: 'Create' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your new API key' });
    const key = await dialog.getByRole('textbox').inputValue();
    assert.match(key, /^obh_/);
    await screenshot(page, 'account-desktop');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await page.getByRole('cell', { name: /browser test loader/ }).waitFor();
    const res = await fetch(`${base}/ingest/json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      // The map's parameter (a new one would become the map's default, air temperature's first variant).
      body: JSON.stringify([
        esohMessage({ datetime: minutesAgo(1), value: '7.5', function: 'point', period: 'PT0S' }),
      ]),
    });
    assert.equal(res.status, 200, await res.text());
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("lets an org admin manage their organisation and shows nothing of another's", async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${base}/app/organisation`);
    await signIn(page, 'bob', PASSWORD);
    await page.getByRole('heading', { name: 'Organisation: Other organisation' }).waitFor();
    await page.getByRole('cell', { name: 'bob' }).first().waitFor();
    await page.getByRole('cell', { name: 'sign-in' }).first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Platform' }).count(), 0);
    await screenshot(page, 'organisation-desktop');
    await expectAccessible(page, 'the organisation page');

    await page.goto(`${base}/app/organisation/${hub.provider.orgId}`);
    await page
      .getByRole('alert')
      .getByText(/not found|permission/)
      .waitFor();
    assert.equal(await page.getByText('Test provider').count(), 0);
    assert.equal(await page.getByRole('table').count(), 0);
    await expectAccessible(page, "another organisation's page");
    await context.close();
  });

  it('gives the platform admin the platform and operations pages', async () => {
    const { context, page } = await openPage(browser);
    await page.goto(`${base}/app/platform`);
    await signIn(page, 'admin', 'test-admin-password');
    await page.getByRole('heading', { name: 'Platform' }).waitFor();
    await page.getByRole('link', { name: 'other-org' }).waitFor();
    await page.getByRole('row', { name: /^host 127\.0\.0\.1$/ }).waitFor();
    await screenshot(page, 'platform-desktop');
    await expectAccessible(page, 'the platform page');
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    await page.getByRole('row', { name: /org\.obshub\.demo/ }).waitFor();
    await page.getByRole('row', { name: /database ok/ }).waitFor();
    await screenshot(page, 'operations-desktop');
    await expectAccessible(page, 'the operations page');
    await context.close();
  });

  it('is a PWA: installs its service worker, then opens the map offline with a banner (phone, dark)', async () => {
    const { context, page } = await openPage(browser, PHONE, 'dark');
    await page.goto(`${base}/app/`);
    await stationsVisibleMs(page);
    assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.ready).active)));
    const manifest = await (await fetch(`${base}/app/manifest.webmanifest`)).json();
    assert.equal(manifest.start_url, '/app/');
    assert.equal(manifest.display, 'standalone');
    assert.deepEqual(
      manifest.icons.map((i: { sizes: string }) => i.sizes),
      ['192x192', '512x512', '512x512'],
    );
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Online once under the worker, so that it keeps the data; then offline.
    await page.reload();
    await stationsVisibleMs(page);
    await context.setOffline(true);
    await page.reload();
    await stationsVisibleMs(page);
    await page.getByText('You are offline').waitFor();
    await page.getByText(/30\d stations on the map/).waitFor();
    await screenshot(page, 'offline-phone');
    await expectAccessible(page, 'the map offline, in the dark theme');
    await context.close();
  });

  it('lays the station panel out as a bottom sheet on a phone', async () => {
    const { context, page } = await openPage(browser, PHONE);
    await page.goto(`${base}/app/?station=0-65534-0-DEMO0001`);
    const panel = page.getByRole('region', { name: demoStations(1)[0]!.name });
    await panel.waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('.chart')?.getAttribute('data-points')) > 0,
    );
    const box = (await panel.boundingBox())!;
    assert.equal(Math.round(box.width), PHONE.width, 'full width');
    assert.ok(box.y > PHONE.height * 0.3, `starts low on the screen (y ${box.y})`);
    assert.equal(Math.round(box.y + box.height), PHONE.height, 'reaches the bottom');
    await screenshot(page, 'station-phone');
    await expectAccessible(page, 'the station panel on a phone');
    await context.close();
  });

  it('zooms the chart and the map with two fingers on a phone', async () => {
    const { context, page, errors } = await openPage(browser, PHONE);
    await page.goto(`${base}/app/?station=0-65534-0-DEMO0001`);
    await stationsVisibleMs(page);
    await page.waitForFunction(
      () => Number(document.querySelector('.chart')?.getAttribute('data-points')) > 0,
    );
    // The chart: spreading two fingers narrows the time range it shows.
    const chart = page.locator('.chart').first();
    await chart.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.chart')?.dataset.xRange);
    const range = async () => {
      const [min, max] = (await chart.getAttribute('data-x-range'))!.split(',').map(Number);
      return max! - min!;
    };
    const before = await range();
    await pinch(page, (await chart.locator('.u-over').boundingBox())!, 40, 160);
    await page.waitForFunction((old) => {
      const [min, max] = (document.querySelector<HTMLElement>('.chart')?.dataset.xRange ?? ',')
        .split(',')
        .map(Number);
      return max! - min! < old * 0.8;
    }, before);
    assert.ok((await range()) < before, 'the chart shows a shorter time range');
    // The map: closing the panel, then a pinch zooms the map in (the view is in the URL).
    await page.getByRole('button', { name: 'Close station' }).click();
    await page.waitForURL((url) => !url.searchParams.has('station'));
    const zoomOf = () => Number(new URL(page.url()).searchParams.get('view')?.split(',')[2] ?? 'NaN');
    // Where both fingers land on the map itself (not on the controls over it).
    const free = await page.evaluate(() => {
      const canvas = document.querySelector('.map canvas')!;
      const r = canvas.getBoundingClientRect();
      const x = r.left + r.width / 2;
      for (let y = r.top + r.height * 0.2; y < r.bottom - 60; y += 20) {
        if ([x - 110, x, x + 110].every((px) => document.elementFromPoint(px, y) === canvas)) return y;
      }
      return undefined;
    });
    assert.ok(free !== undefined, 'a free stretch of map');
    await pinch(page, { x: 0, y: free - 10, width: PHONE.width, height: 20 }, 60, 220);
    await page.waitForFunction(() => {
      const view = new URL(window.location.href).searchParams.get('view');
      return Number(view?.split(',')[2]) > 3.2;
    });
    const zoomedIn = zoomOf();
    assert.ok(zoomedIn > 3.2, `the map zoomed in (zoom ${zoomedIn})`);
    await nextFrame(page);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lists my sessions and signs the others out, whose tokens then stop working', async () => {
    const first = await openPage(browser);
    await first.page.goto(`${base}/app/account`);
    await signIn(first.page, 'bob', PASSWORD);
    const second = await openPage(browser);
    await second.page.goto(`${base}/app/account`);
    await signIn(second.page, 'bob', PASSWORD);
    await second.page.getByRole('heading', { name: 'My account' }).waitFor();
    const token = await second.page.evaluate(
      () => (JSON.parse(sessionStorage.getItem('obshub.session')!) as { accessToken: string }).accessToken,
    );
    const me = () => fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me()).status, 200);

    await first.page.reload();
    const sessions = first.page.getByRole('region', { name: 'Sessions' });
    await sessions.getByText('(this device)').waitFor();
    await sessions
      .getByRole('row', { name: /Chrome on Linux/ })
      .nth(1)
      .waitFor();
    await sessions.scrollIntoViewIfNeeded();
    await screenshot(first.page, 'sessions-desktop');
    await expectAccessible(first.page, 'My account with sessions');
    await sessions.getByRole('button', { name: 'Sign out every other session' }).click();
    await first.page.getByRole('dialog').getByRole('button', { name: 'Sign out' }).click();
    await sessions
      .getByRole('button', { name: 'Sign out every other session' })
      .waitFor({ state: 'detached' });
    assert.equal(await sessions.getByRole('row', { name: /Chrome on Linux/ }).count(), 1);
    // The other browser's access token is refused at once, its refresh token too.
    assert.equal((await me()).status, 401);
    const events = await hub.identity.audit.find(system, { action: 'session.revoke', limit: 10 });
    assert.equal(events.length, 1);
    // Bob's earlier sign-in (the organisation test) and the second browser's.
    assert.ok(Number(events[0]!.details.sessions) >= 1);
    await first.context.close();
    await second.context.close();
  });

  it("draws the tiles of WEB_BASEMAP_TILES when it is set, allowed by the page's policy", async () => {
    // A tile server of the test's own: any tile is one grey 1×1 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mO8d+/efwAIcgN9bsoZSgAAAABJRU5ErkJggg==',
      'base64',
    );
    const requested: string[] = [];
    const tiles = createServer((req, res) => {
      requested.push(req.url ?? '');
      res.writeHead(200, {
        'content-type': 'image/png',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      res.end(png);
    });
    await new Promise<void>((resolve) => tiles.listen(0, '127.0.0.1', resolve));
    const tileBase = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    const other = await startListeningHub({
      WEB_BASEMAP_TILES: `${tileBase}/tiles/{z}/{x}/{y}.png`,
      WEB_BASEMAP_ATTRIBUTION: 'Test tiles',
    });
    try {
      const { context, page, errors } = await openPage(browser);
      const tileRequest = page.waitForRequest((r) => r.url().startsWith(`${tileBase}/tiles/`));
      await page.goto(`${other.base}/app/`);
      await tileRequest;
      await page.getByText('Test tiles').waitFor({ state: 'attached' });
      assert.ok(
        requested.some((u) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(u)),
        requested.join(' '),
      );
      const csp = (await page.request.get(`${other.base}/app/`)).headers()['content-security-policy'];
      assert.match(csp!, new RegExp(`img-src [^;]*${tileBase}`));
      await nextFrame(page);
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      await other.hub.stop();
      tiles.close();
    }
  });

  it('keeps the initial JavaScript within 350 KB gzipped', () => {
    const html = readFileSync(`${WEB_APP_ROOT}index.html`, 'utf8');
    const scripts = [
      ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/app\/([^"]+\.js)"/g),
    ].map((m) => m[1]!);
    assert.ok(scripts.length > 0);
    const bytes = scripts.reduce(
      (n, file) => n + gzipSync(readFileSync(`${WEB_APP_ROOT}${file}`), { level: 9 }).length,
      0,
    );
    record('initialJsGzipBytes', bytes);
    assert.ok(bytes <= JS_BUDGET_BYTES, `${bytes} bytes`);
  });

  it('shows 5 000 stations', async () => {
    const extra = demoStations(5000).slice(300);
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    await ingestAsDemo(
      hub,
      extra.map((s, i) => demoReading(s.id, (10 + (i % 200) / 10).toFixed(1), s.lat, s.lon, minute)),
    );
    const { context, page, errors } = await openPage(browser);
    await page.goto(`${base}/app/`);
    const ms = await stationsVisibleMs(page);
    await page.getByText(/50\d\d stations on the map/).waitFor();
    record('firstLoadMs.5000', { desktop: ms });
    await screenshot(page, 'map-5000-desktop');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
