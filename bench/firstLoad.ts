/// <reference lib="dom" />
// npm run bench:first-load: the web app's first load in Debian's Chromium (as the browser tests measure
// it: navigation to the first frame with coloured stations, the app's performance mark), at desktop and
// phone sizes, with 300 and 5 000 stations, each a few times in fresh contexts (cold cache, no service
// worker). The baseline, measured in the same run and browser: the load of a blank page served by the
// same hub (navigation to its load event), so ratios compare across machines. The app's own marks
// (obshub:*) are printed too, to see where the time goes. `--runs=N` (default 5), `--trace=file.json`
// writes a Chromium trace of one desktop load, `--sizes=300` only the demo's 300 stations. Each line ends
// with the machine's 1-minute load average before and after its loads: on a busy machine (load above the
// number of cores) the figures are slower and wider apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { demoStations } from '../src/demo/index.js';
import {
  DESKTOP,
  ingestAsDemo,
  demoReading,
  launch,
  openPage,
  PHONE,
  seedDemo,
  stationsVisibleMs,
} from '../test/browser/support.js';
import { startListeningHub } from '../test/support/hub.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(arg('runs') ?? 5);
const TRACE = arg('trace');
const SIZES = (arg('sizes') ?? '300,5000').split(',').map(Number);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function marks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      performance
        .getEntries()
        .filter(
          (e) =>
            e.entryType === 'mark' || (e.entryType === 'resource' && /\/(assets|collections)\//.test(e.name)),
        )
        .map((e) => [
          e.entryType === 'mark' ? e.name : new URL(e.name).pathname.replace(/-[\w-]{8}\./, '.'),
          Math.round(e.entryType === 'mark' ? e.startTime : (e as PerformanceResourceTiming).responseEnd),
        ]),
    ),
  );
}

async function blank(browser: Browser, base: string, viewport: typeof DESKTOP): Promise<number> {
  const { context, page } = await openPage(browser, viewport);
  await page.goto(`${base}/app/icons/favicon.svg`);
  const ms = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  );
  await context.close();
  return ms;
}

async function load(
  browser: Browser,
  base: string,
  viewport: typeof DESKTOP,
  trace?: string,
): Promise<{ ms: number; marks: Record<string, number> }> {
  const { context, page } = await openPage(browser, viewport);
  if (trace) await browser.startTracing(page, { path: trace, screenshots: false });
  await page.goto(`${base}/app/`);
  const ms = await stationsVisibleMs(page);
  if (trace) await browser.stopTracing();
  const m = await marks(page);
  await context.close();
  return { ms, marks: m };
}

const { hub, base } = await startListeningHub();
const browser = await launch();
const results: Record<string, unknown> = {};
try {
  await seedDemo(hub, 300, 20);
  for (const stations of SIZES) {
    if (stations === 5000) {
      const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
      await ingestAsDemo(
        hub,
        demoStations(5000)
          .slice(300)
          .map((s, i) => demoReading(s.id, (10 + (i % 200) / 10).toFixed(1), s.lat, s.lon, minute)),
      );
    }
    for (const [name, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      await load(browser, base, viewport); // warm the hub's caches and the disk
      const times: number[] = [];
      const blanks: number[] = [];
      let lastMarks: Record<string, number> = {};
      const loadBefore = loadavg()[0]!;
      for (let i = 0; i < RUNS; i++) {
        blanks.push(await blank(browser, base, viewport));
        const r = await load(browser, base, viewport);
        times.push(r.ms);
        lastMarks = r.marks;
      }
      const ms = median(times);
      const baseline = median(blanks);
      const loadAverage = [loadBefore, loadavg()[0]!].map((l) => Number(l.toFixed(1)));
      results[`${stations}.${name}`] = {
        ms,
        runs: times.map(Math.round),
        baseline,
        ratio: ms / baseline,
        loadAverage,
      };
      console.log(
        `${stations} stations, ${name}: median ${Math.round(ms)} ms [${times.map(Math.round).join(', ')}]` +
          `, blank page ${Math.round(baseline)} ms, ratio ${(ms / baseline).toFixed(1)}` +
          `, load average ${loadAverage.join(' → ')}`,
      );
      console.log('  last run:', JSON.stringify(lastMarks));
    }
  }
  if (TRACE) {
    await load(browser, base, DESKTOP, TRACE);
    console.log(`trace written to ${TRACE}`);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/first-load.tmp', `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await browser.close();
  await hub.stop();
}
