// The demo feed is believable: stations on land with invented names, temperatures of the right climate,
// weather that neighbouring stations share, values that pass ingest validation. Deterministic throughout.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { wigosIdProblem } from '../../src/core/wigos.js';
import { climatologicalTemperature, type Site } from '../../src/demo/climate.js';
import { REGION } from '../../src/demo/europe.js';
import { demoMessages } from '../../src/demo/feed.js';
import { europeanLand } from '../../src/demo/land.js';
import { demoStations, MIN_COAST_KM, type DemoStation } from '../../src/demo/stations.js';
import { demoWeather } from '../../src/demo/weather.js';
import { normaliseBatch } from '../../src/ingest/normalise.js';

const HOUR = 3_600_000;

// Timed first, before anything in this process has built the land mask.
const started = performance.now();
const stations = demoStations(300);
const generationMs = performance.now() - started;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function correlation(xs: readonly number[], ys: readonly number[]): number {
  const [mx, my] = [mean(xs), mean(ys)];
  let [sxy, sxx, syy] = [0, 0, 0];
  xs.forEach((x, i) => {
    const y = ys[i]!;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
const kmBetween = (a: Site, b: Site) =>
  111.2 * Math.hypot(a.lat - b.lat, (a.lon - b.lon) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180)));

/** A site as a station would be: the land mask gives its distance to the coast. */
function site(lat: number, lon: number, elevation: number): DemoStation {
  const coastKm = Math.round(europeanLand().coastDistanceKm(lon, lat));
  return { id: `0-65534-0-TEST${lat}`, name: 'test', lat, lon, elevation, coastKm, cadence: 1 };
}

/** Hourly values of the demo weather over `days` days from `from`. */
function hourly(s: DemoStation, from: number, days: number) {
  return Array.from({ length: days * 24 }, (_, h) => from + h * HOUR).map((t) => ({
    t,
    ...demoWeather(s, t),
  }));
}

describe('demo stations', () => {
  it('are generated quickly and deterministically', () => {
    assert.ok(generationMs < 500, `${generationMs.toFixed(0)} ms for 300 stations`);
    assert.equal(stations.length, 300);
    assert.deepEqual(demoStations(300), stations);
    assert.notDeepEqual(demoStations(300, 7), stations);
  });

  it('all stand on land, at least a few km from the sea, by an independent test against the same mask', () => {
    // d3-geo's spherical point-in-polygon against Natural Earth's land, not the feed's own code.
    const atlas = createRequire(import.meta.url)('world-atlas/countries-110m.json') as Topology;
    const land = feature(atlas, atlas.objects.land!);
    const degrees = (MIN_COAST_KM - 2) / 111.2;
    const offshore = stations.filter((s) => {
      const around = [
        [s.lon, s.lat],
        [s.lon, s.lat + degrees],
        [s.lon, s.lat - degrees],
        [s.lon + degrees / Math.cos((s.lat * Math.PI) / 180), s.lat],
        [s.lon - degrees / Math.cos((s.lat * Math.PI) / 180), s.lat],
      ] as [number, number][];
      return !around.every((p) => geoContains(land, p));
    });
    assert.deepEqual(offshore, []);
    assert.ok(
      stations.every(
        (s) => s.lat >= REGION.south && s.lat <= REGION.north && s.lon >= REGION.west && s.lon <= REGION.east,
      ),
    );
  });

  it('the mask knows seas, large lakes and countries (Lapland is not Russian across the antimeridian)', () => {
    const land = europeanLand();
    const water: [string, number, number][] = [
      ['North Sea', 3, 56],
      ['Celtic Sea', -8, 50.5],
      ['Bay of Biscay', -4, 45],
      ['Baltic Sea', 19, 56],
      ['Adriatic', 15, 43],
      ['Tyrrhenian Sea', 12, 40],
      ['Lake Ladoga', 31.45, 60.85],
      ['Vänern', 13.3, 58.95],
    ];
    for (const [name, lon, lat] of water) assert.equal(land.countryAt(lon, lat), undefined, name);
    const places: [string, number, number][] = [
      ['FR', 2.35, 48.85],
      ['ES', -3.7, 40.4],
      ['SE', 20.3, 67.8],
      ['FI', 25.5, 65.0],
      ['BY', 27.6, 53.9],
      ['GB', -1.5, 52.5],
    ];
    for (const [code, lon, lat] of places)
      assert.equal(land.countryAt(lon, lat)?.code, code, `${lon} ${lat}`);
    assert.ok(land.coastDistanceKm(2.35, 48.85) > 100 && land.coastDistanceKm(2.35, 48.85) < 250);
  });

  it('have invented names with the country they stand in, and ids no real station has', () => {
    const land = europeanLand();
    assert.equal(new Set(stations.map((s) => s.name)).size, stations.length);
    assert.equal(new Set(stations.map((s) => s.id)).size, stations.length);
    for (const s of stations) {
      assert.match(s.name, /^\p{Lu}[\p{L}]+ \([A-Z]{2}\)$/u);
      assert.equal(s.name.slice(-3, -1), land.countryAt(s.lon, s.lat)?.code, s.name);
      assert.match(s.id, /^0-65534-0-DEMO\d{4}$/);
      assert.equal(wigosIdProblem(s.id), undefined, s.id);
    }
    // Spread over Europe, not crowded into a few countries.
    assert.ok(new Set(stations.map((s) => s.name.slice(-3, -1))).size >= 25);
  });

  it('have plausible heights: low by the sea, high only in the mountains', () => {
    assert.ok(stations.every((s) => s.elevation >= 0 && s.elevation <= 2000));
    const coastal = stations.filter((s) => s.coastKm < 25).map((s) => s.elevation);
    assert.ok(mean(coastal) < 150, `coastal mean ${mean(coastal)}`);
    const alpine = stations
      .filter((s) => s.lat > 45.8 && s.lat < 47.3 && s.lon > 7 && s.lon < 13)
      .map((s) => s.elevation);
    assert.ok(alpine.length >= 3 && mean(alpine) > 600, `alpine ${alpine.join(', ')}`);
    assert.ok(Math.min(...alpine) > 250, `alpine ${alpine.join(', ')}`);
    const dutch = stations.filter((s) => s.name.endsWith('(NL)'));
    assert.ok(dutch.every((s) => s.elevation < 150));
  });
});

describe('demo climate', () => {
  const oslo = site(59.94, 10.72, 94);
  const seville = site(37.42, -5.9, 34);
  const brest = site(48.45, -4.41, 94);
  const warsaw = site(52.16, 20.96, 110);

  it('gives Oslo a winter and Seville a summer (monthly means and extremes with the weather)', () => {
    const january = hourly(oslo, Date.UTC(2026, 0, 1), 31).map((w) => w.airTemperature);
    assert.ok(mean(january) > -7 && mean(january) < 0.5, `Oslo January ${mean(january)}`);
    assert.ok(Math.min(...january) > -30 && Math.max(...january) < 12);
    const july = hourly(seville, Date.UTC(2026, 6, 1), 31);
    const temperatures = july.map((w) => w.airTemperature);
    assert.ok(mean(temperatures) > 25 && mean(temperatures) < 31, `Seville July ${mean(temperatures)}`);
    assert.ok(Math.min(...temperatures) > 10 && Math.max(...temperatures) < 47);
    // Local solar time is UTC − 24 min there: 15 UTC is mid afternoon, 05 UTC dawn.
    const at = (hour: number) =>
      mean(july.filter((w) => new Date(w.t).getUTCHours() === hour).map((w) => w.airTemperature));
    assert.ok(at(15) > 32 && at(15) < 39, `Seville July afternoons ${at(15)}`);
    assert.ok(at(15) - at(5) > 10 && at(15) - at(5) < 20, `Seville July diurnal range ${at(15) - at(5)}`);
  });

  it('has a small diurnal range by the sea in winter, a large one inland in summer', () => {
    const range = (s: Site, t: number) => {
      const hours = Array.from({ length: 24 }, (_, h) => climatologicalTemperature(s, t + h * HOUR));
      return Math.max(...hours) - Math.min(...hours);
    };
    const brestWinter = range(brest, Date.UTC(2026, 0, 15));
    const warsawSummer = range(warsaw, Date.UTC(2026, 6, 15));
    assert.ok(brestWinter > 1.5 && brestWinter < 5, `Brest January ${brestWinter}`);
    assert.ok(warsawSummer > 8 && warsawSummer < 13, `Warsaw July ${warsawSummer}`);
  });

  it('cools 6.5 K per km of height, weather and all', () => {
    const t = Date.UTC(2026, 3, 10, 13, 20);
    const low = site(46.8, 9.8, 500);
    const high = { ...low, elevation: 1500 };
    assert.ok(Math.abs(climatologicalTemperature(low, t) - climatologicalTemperature(high, t) - 6.5) < 1e-9);
    assert.ok(
      Math.abs(demoWeather(low, t).airTemperature - demoWeather(high, t).airTemperature - 6.5) < 1e-9,
    );
  });

  it('is cool across Europe in late November (the old feed said 18–23 °C)', () => {
    const t = Date.UTC(2025, 10, 27, 12, 0);
    const temperatures = stations.map((s) => demoWeather(s, t).airTemperature);
    assert.ok(mean(temperatures) > -2 && mean(temperatures) < 10, `mean ${mean(temperatures)}`);
    assert.ok(Math.max(...temperatures) < 25, `max ${Math.max(...temperatures)}`);
  });
});

describe('demo weather', () => {
  it('is deterministic: the same station and time give the same values', () => {
    const t = Date.UTC(2026, 1, 3, 7, 40);
    assert.deepEqual(
      stations.map((s) => demoWeather(s, t)),
      stations.map((s) => demoWeather({ ...s }, t)),
    );
    assert.deepEqual(demoMessages(stations, t, 'http://hub'), demoMessages(stations, t, 'http://hub'));
  });

  it('is shared by neighbouring stations and not by distant ones', () => {
    const from = Date.UTC(2026, 0, 10);
    const series = new Map<DemoStation, { pressure: number[]; anomaly: number[] }>();
    const of = (s: DemoStation) => {
      let values = series.get(s);
      if (!values) {
        const weather = hourly(s, from, 30);
        values = {
          pressure: weather.map((w) => w.pressureAtSeaLevel),
          anomaly: weather.map((w) => w.airTemperature - climatologicalTemperature(s, w.t)),
        };
        series.set(s, values);
      }
      return values;
    };
    const pairs = (test: (km: number) => boolean) =>
      stations
        .flatMap((a, i) => stations.slice(i + 1).map((b) => [a, b] as const))
        .filter(([a, b]) => test(kmBetween(a, b)))
        .slice(0, 12);
    const near = pairs((km) => km < 80);
    const far = pairs((km) => km > 2500);
    assert.ok(near.length >= 5 && far.length >= 5);
    const r = (list: typeof near, key: 'pressure' | 'anomaly') =>
      mean(list.map(([a, b]) => correlation(of(a)[key], of(b)[key])));
    assert.ok(r(near, 'pressure') > 0.95, `pressure, neighbours ${r(near, 'pressure')}`);
    assert.ok(r(near, 'anomaly') > 0.75, `temperature anomaly, neighbours ${r(near, 'anomaly')}`);
    assert.ok(Math.abs(r(far, 'pressure')) < 0.3, `pressure, far apart ${r(far, 'pressure')}`);
    assert.ok(Math.abs(r(far, 'anomaly')) < 0.3, `temperature anomaly, far apart ${r(far, 'anomaly')}`);
  });

  it('stays in realistic ranges over a year, with rain mostly absent and humid when it falls', () => {
    const year = stations
      .slice(0, 40)
      .flatMap((s) =>
        Array.from({ length: 365 * 8 }, (_, k) => demoWeather(s, Date.UTC(2026, 0, 1) + k * 3 * HOUR)),
      );
    const pressures = year.map((w) => w.pressureAtSeaLevel);
    assert.ok(Math.min(...pressures) >= 970 && Math.max(...pressures) <= 1040);
    assert.ok(Math.max(...pressures) - Math.min(...pressures) > 40, 'highs and lows, not a constant');
    assert.ok(year.every((w) => w.relativeHumidity >= 3 && w.relativeHumidity <= 100));
    assert.ok(year.every((w) => w.windSpeed >= 0 && w.windSpeed < 40));
    assert.ok(year.every((w) => w.windFromDirection >= 0 && w.windFromDirection < 360));
    const wind = mean(year.map((w) => w.windSpeed));
    assert.ok(wind > 2 && wind < 7, `mean wind ${wind}`);
    const wet = year.filter((w) => w.precipitation10Min >= 0.05);
    const dry = year.filter((w) => w.precipitation10Min === 0);
    assert.ok(year.every((w) => w.precipitation10Min >= 0 && w.precipitation10Min < 10));
    assert.ok(wet.length > 0.02 * year.length && wet.length < 0.15 * year.length, `${wet.length} wet`);
    const [rhWet, rhDry] = [
      mean(wet.map((w) => w.relativeHumidity)),
      mean(dry.map((w) => w.relativeHumidity)),
    ];
    assert.ok(rhWet > 90 && rhWet > rhDry + 15, `RH ${rhWet} in rain, ${rhDry} dry`);
  });

  it('blows mostly from the west at mid latitudes, and harder by the sea', () => {
    const midLatitudes = stations.filter((s) => s.lat > 45 && s.lat < 62);
    const coastal = midLatitudes.filter((s) => s.coastKm < 30).slice(0, 10);
    const inland = midLatitudes.filter((s) => s.coastKm > 250).slice(0, 10);
    assert.ok(coastal.length >= 5 && inland.length >= 5);
    const weather = [...coastal, ...inland].flatMap((s) =>
      hourly(s, Date.UTC(2026, 0, 1), 90).map((w) => ({ s, w })),
    );
    const westerly = weather.filter(({ w }) => w.windFromDirection > 180 && w.windFromDirection < 360);
    assert.ok(
      westerly.length > 0.6 * weather.length,
      `${westerly.length} of ${weather.length} from the west`,
    );
    const speed = (list: typeof weather) => mean(list.map(({ w }) => w.windSpeed));
    const [atCoast, inlandWeather] = [
      weather.filter(({ s }) => coastal.includes(s)),
      weather.filter(({ s }) => inland.includes(s)),
    ];
    assert.ok(
      speed(atCoast) > 1.2 * speed(inlandWeather),
      `coast ${speed(atCoast)}, inland ${speed(inlandWeather)}`,
    );
  });
});

describe('demo messages', () => {
  it('pass ingest validation in every season and link to the hub that stores them', () => {
    for (const month of [0, 3, 6, 9]) {
      const t = Date.UTC(2026, month, 14, 6, 30); // a whole ten minutes: every station reports
      const messages = demoMessages(stations, t, 'https://hub.example') as any[];
      assert.equal(messages.length, stations.length * 6);
      const window = { fromMs: t - HOUR, toMs: t + HOUR, retention: 'PT1H', futureTolerance: 'PT1H' };
      const result = normaliseBatch(messages, window);
      assert.deepEqual(result.problems.slice(0, 5), []);
      assert.equal(result.observations.length, messages.length);
      for (const m of messages) {
        assert.equal(
          m.links[0].href,
          `https://hub.example/collections/observations/locations/${m.properties.platform}`,
        );
        assert.doesNotMatch(m.properties.content.value, /^-0\.?0*$/);
      }
      const directions = messages.filter((m) => m.properties.content.standard_name === 'wind_from_direction');
      assert.ok(
        directions.every(
          (m) => Number(m.properties.content.value) >= 1 && Number(m.properties.content.value) <= 360,
        ),
      );
    }
  });

  it('report each station at its cadence', () => {
    const t = Date.UTC(2026, 0, 1, 12, 3); // 12:03: only the stations reporting every minute
    const everyMinute = stations.filter((s) => s.cadence === 1).length;
    assert.ok(everyMinute > 0);
    assert.equal(demoMessages(stations, t, 'http://hub').length, everyMinute * 6);
  });
});
