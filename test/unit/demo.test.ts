// The demo feed is believable: stations on land with invented names, temperatures of the right climate,
// weather that neighbouring stations share, values that pass ingest validation. Deterministic throughout.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { feature } from 'topojson-client';
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { seededRandom } from '../../src/core/random.js';
import { wigosIdProblem } from '../../src/core/wigos.js';
import { climatologicalTemperature, type Site } from '../../src/demo/climate.js';
import { REGION } from '../../src/demo/europe.js';
import { demoMessages } from '../../src/demo/feed.js';
import { coastDistance } from '../../src/demo/coast.js';
import { europeanLand } from '../../src/demo/land.js';
import { contains, flatPolygons } from '../../src/demo/polygon.js';
import { demoStations, MIN_COAST_KM, type DemoStation } from '../../src/demo/stations.js';
import { demoWeather } from '../../src/demo/weather.js';
import { normaliseBatch } from '../../src/ingest/normalise.js';
import { defaultLimits } from '../support/messages.js';

const HOUR = 3_600_000;

// Timed first, before anything in this process has built the land mask; in CPU time, which a busy
// machine inflates less than the clock.
const started = process.cpuUsage();
const stations = demoStations(300);
const generationMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(started));

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
    assert.ok(generationMs < 600, `${generationMs.toFixed(0)} ms of CPU for 300 stations`);
    assert.equal(stations.length, 300);
    assert.deepEqual(demoStations(300), stations);
    assert.notDeepEqual(demoStations(300, 7), stations);
  });

  it('all stand on land, a few km from the sea, by the finer 1:10m coast', () => {
    // Natural Earth's land at 1:10m, not the 1:50m countries the feed places them with: fjords, estuaries
    // and bays that the coarser mask fills in would show here.
    const atlas = createRequire(import.meta.url)('world-atlas/land-10m.json') as Topology;
    const land = feature(atlas, atlas.objects.land as GeometryCollection);
    const polygons = land.features
      .flatMap((f) => flatPolygons(f.geometry as Polygon | MultiPolygon))
      .filter(({ box }) => box.east > REGION.west && box.west < REGION.east && box.north > REGION.south);
    const onLand = (lon: number, lat: number) => polygons.some((p) => contains(p, lon, lat));
    assert.ok(onLand(2.35, 48.85) && !onLand(3, 56) && !onLand(-1.0, 45.59), 'Paris, North Sea, Gironde');
    const degrees = 3 / 111.2; // 3 km
    const offshore = stations.filter((s) => {
      const dLon = degrees / Math.cos((s.lat * Math.PI) / 180);
      const around: [number, number][] = [
        [s.lon, s.lat],
        [s.lon, s.lat + degrees],
        [s.lon, s.lat - degrees],
        [s.lon + dLon, s.lat],
        [s.lon - dLon, s.lat],
      ];
      return !around.every(([lon, lat]) => onLand(lon, lat));
    });
    assert.deepEqual(offshore, []);
    assert.ok(
      stations.every((s) => s.coastKm >= MIN_COAST_KM),
      'all at least MIN_COAST_KM inland',
    );
    assert.ok(
      stations.every(
        (s) => s.lat >= REGION.south && s.lat <= REGION.north && s.lon >= REGION.west && s.lon <= REGION.east,
      ),
      'all inside the region',
    );
  });

  it('the mask knows seas, large lakes and countries', () => {
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
      ['Norwegian Sea', 10, 69.0],
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
    const paris = land.coastDistanceKm(2.35, 48.85);
    assert.ok(paris > 100 && paris < 250, `Paris ${paris} km from the sea`);
  });

  it('measures the distance to the coast as a search of every segment would', () => {
    const rnd = seededRandom(7);
    // Short segments, as a coast has, scattered over Europe.
    const segments = new Float64Array(4 * 400);
    for (let i = 0; i < segments.length; i += 4) {
      const [lon, lat] = [-10 + 40 * rnd(), 36 + 34 * rnd()];
      segments.set([lon, lat, lon + 0.3 * (rnd() - 0.5), lat + 0.3 * (rnd() - 0.5)], i);
    }
    const distance = coastDistance(segments);
    const bruteForce = (lon: number, lat: number) => {
      let best = Infinity;
      for (let i = 0; i < segments.length; i += 4) {
        const one = coastDistance(segments.slice(i, i + 4));
        best = Math.min(best, one(lon, lat));
      }
      return best;
    };
    for (let k = 0; k < 200; k++) {
      const [lon, lat] = [-12 + 44 * rnd(), 35 + 36 * rnd()];
      assert.ok(Math.abs(distance(lon, lat) - bruteForce(lon, lat)) < 1e-9, `${lon} ${lat}`);
    }
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
    const countries = new Set(stations.map((s) => s.name.slice(-3, -1)));
    assert.ok(countries.size >= 25, `${countries.size} countries`);
  });

  it('stay unique in name by the thousand, when the invented names of a language run out', () => {
    const many = demoStations(5000);
    assert.equal(new Set(many.map((s) => s.name)).size, 5000);
    assert.deepEqual(many.slice(0, 300), stations, 'the first stations keep their names');
    for (const s of many) assert.match(s.name, /^\p{Lu}[\p{L}]+( \d+)? \([A-Z]{2}\)$/u);
  });

  it('have plausible heights: low by the sea, high only in the mountains', () => {
    assert.ok(
      stations.every((s) => s.elevation >= 0 && s.elevation <= 2000),
      'heights between 0 and 2000 m',
    );
    const coastal = stations.filter((s) => s.coastKm < 25).map((s) => s.elevation);
    assert.ok(mean(coastal) < 150, `coastal mean ${mean(coastal)}`);
    const alpine = stations
      .filter((s) => s.lat > 45.8 && s.lat < 47.3 && s.lon > 7 && s.lon < 13)
      .map((s) => s.elevation);
    assert.ok(alpine.length >= 3 && mean(alpine) > 600, `alpine ${alpine.join(', ')}`);
    assert.ok(Math.min(...alpine) > 250, `alpine ${alpine.join(', ')}`);
    const plains = stations.filter((s) => /\((NL|DE|PL)\)$/.test(s.name) && s.lat > 52 && s.lat < 54.5);
    assert.ok(plains.length >= 5, `${plains.length} stations on the North European Plain`);
    assert.ok(mean(plains.map((s) => s.elevation)) < 80, JSON.stringify(plains));
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
    assert.ok(Math.min(...january) > -30 && Math.max(...january) < 12, 'Oslo January extremes');
    const july = hourly(seville, Date.UTC(2026, 6, 1), 31);
    const temperatures = july.map((w) => w.airTemperature);
    assert.ok(mean(temperatures) > 25 && mean(temperatures) < 31, `Seville July ${mean(temperatures)}`);
    assert.ok(Math.min(...temperatures) > 10 && Math.max(...temperatures) < 47, 'Seville July extremes');
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
    const climateDrop = climatologicalTemperature(low, t) - climatologicalTemperature(high, t);
    assert.ok(Math.abs(climateDrop - 6.5) < 1e-9, `climatology ${climateDrop} K per km`);
    assert.ok(
      Math.abs(demoWeather(low, t).airTemperature - demoWeather(high, t).airTemperature - 6.5) < 1e-9,
      'the weather keeps the lapse rate',
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
    assert.ok(near.length >= 5 && far.length >= 5, `${near.length} near, ${far.length} far pairs`);
    const r = (list: typeof near, key: 'pressure' | 'anomaly') =>
      mean(list.map(([a, b]) => correlation(of(a)[key], of(b)[key])));
    assert.ok(r(near, 'pressure') > 0.95, `pressure, neighbours ${r(near, 'pressure')}`);
    assert.ok(r(near, 'anomaly') > 0.75, `temperature anomaly, neighbours ${r(near, 'anomaly')}`);
    assert.ok(Math.abs(r(far, 'pressure')) < 0.3, `pressure, far apart ${r(far, 'pressure')}`);
    assert.ok(Math.abs(r(far, 'anomaly')) < 0.3, `temperature anomaly, far apart ${r(far, 'anomaly')}`);
  });

  it('stays in realistic ranges over a year, with rain mostly absent and humid when it falls', () => {
    const year = stations
      .slice(0, 24)
      .flatMap((s) =>
        Array.from({ length: 365 * 6 }, (_, k) => demoWeather(s, Date.UTC(2026, 0, 1) + k * 4 * HOUR)),
      );
    const pressures = year.map((w) => w.pressureAtSeaLevel);
    assert.ok(
      Math.min(...pressures) >= 970 && Math.max(...pressures) <= 1040,
      'pressure within 970–1040 hPa',
    );
    assert.ok(Math.max(...pressures) - Math.min(...pressures) > 40, 'highs and lows, not a constant');
    assert.ok(
      year.every((w) => w.relativeHumidity >= 3 && w.relativeHumidity <= 100),
      'RH 3–100 %',
    );
    assert.ok(
      year.every((w) => w.windSpeed >= 0 && w.windSpeed < 40),
      'wind 0–40 m/s',
    );
    assert.ok(
      year.every((w) => w.windFromDirection >= 0 && w.windFromDirection < 360),
      'direction 0–360°',
    );
    const wind = mean(year.map((w) => w.windSpeed));
    assert.ok(wind > 2 && wind < 7, `mean wind ${wind}`);
    const wet = year.filter((w) => w.precipitation10Min >= 0.05);
    const dry = year.filter((w) => w.precipitation10Min === 0);
    assert.ok(
      year.every((w) => w.precipitation10Min >= 0 && w.precipitation10Min < 10),
      'rain 0–10 mm',
    );
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
    assert.ok(
      coastal.length >= 5 && inland.length >= 5,
      `${coastal.length} coastal, ${inland.length} inland`,
    );
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
      const result = normaliseBatch(messages, window, defaultLimits);
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
        'directions 1–360',
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
