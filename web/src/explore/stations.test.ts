import { describe, expect, it } from 'vitest';
import type { Latest } from './data';
import { parseNotification } from './notification';
import { colourOf, colourScale, NO_VALUE_COLOUR } from './colourScale';
import { applyLive, filterStations, mapStations, matches, numericValues } from './stations';

const station = (
  id: string,
  name: string,
  lon: number,
  lat: number,
  value: number | string | null,
  authority = 'nl.knmi',
) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  properties: {
    wigos_id: id,
    name,
    parameter_name: 'air_temperature:2.0:point:PT0S',
    naming_authority: authority,
    institution: null,
    license: null,
    datetime: '2026-01-01T00:00:00Z',
    value,
    unit: 'Cel',
    hamsl: null,
  },
});

const latest: Latest = {
  type: 'FeatureCollection',
  features: [
    station('0-20000-0-06260', 'DE BILT AWS', 5.18, 52.1, 4.5),
    station('0-20000-0-06235', 'De Kooy', 4.78, 52.92, 'n/a'),
    station('0-246-0-10381', 'Berlin-Dahlem', 13.3, 52.45, -1, 'de.dwd'),
  ],
};

describe('stations on the map', () => {
  it('searches names and WIGOS ids, ignoring case, accents and word order', () => {
    expect(matches({ name: 'Besançon', wigos_id: 'x' }, 'BESANCON')).toBe(true);
    expect(matches({ name: 'DE BILT AWS', wigos_id: '0-20000-0-06260' }, 'aws bilt')).toBe(true);
    expect(matches({ name: 'DE BILT AWS', wigos_id: '0-20000-0-06260' }, '06260')).toBe(true);
    expect(matches({ name: 'DE BILT AWS', wigos_id: '0-20000-0-06260' }, 'kooy')).toBe(false);
  });

  it('filters by naming authority, search text and visible area', () => {
    const ids = (l: Latest) => l.features.map((f) => f.properties.wigos_id);
    expect(ids(filterStations(latest, { authority: 'de.dwd' }))).toEqual(['0-246-0-10381']);
    expect(ids(filterStations(latest, { search: 'de' }))).toEqual(['0-20000-0-06260', '0-20000-0-06235']);
    expect(ids(filterStations(latest, { bounds: [4, 52, 6, 52.5] }))).toEqual(['0-20000-0-06260']);
    expect(filterStations(latest, {}).features).toHaveLength(3);
  });

  it('colours only numeric values', () => {
    expect(numericValues(latest)).toEqual([4.5, -1]);
  });

  it('gives the map each station coloured, with its id and nothing else', () => {
    const scale = colourScale('air_temperature', numericValues(latest));
    const map = mapStations(latest, scale);
    expect(map.features.map((f) => f.properties)).toEqual([
      { wigos_id: '0-20000-0-06260', colour: colourOf(scale, 4.5) },
      { wigos_id: '0-20000-0-06235', colour: NO_VALUE_COLOUR },
      { wigos_id: '0-246-0-10381', colour: colourOf(scale, -1) },
    ]);
    expect(map.features[2]!.geometry.coordinates).toEqual([13.3, 52.45]);
  });

  it('applies the newest live value of the shown parameter, adds new stations, ignores the rest', () => {
    const parameter = 'air_temperature:2.0:point:PT0S';
    const live = (station: string, time: string, value: number, p = parameter) => ({
      station,
      parameter: p,
      time,
      value,
      unit: 'Cel',
      lon: 1,
      lat: 2,
    });
    const next = applyLive(latest, parameter, [
      live('0-20000-0-06260', '2026-01-01T00:10:00Z', 5),
      live('0-20000-0-06260', '2026-01-01T00:20:00Z', 6),
      live('0-20000-0-06235', '2025-12-31T23:50:00Z', 9), // older than what the map shows
      live('0-246-0-10381', '2026-01-01T00:10:00Z', 7, 'wind_speed:10.0:mean:PT10M'),
      live('0-1-0-NEW', '2026-01-01T00:10:00Z', 3),
    ]);
    const byId = new Map(next.features.map((f) => [f.properties.wigos_id, f.properties]));
    expect(byId.get('0-20000-0-06260')).toMatchObject({ value: 6, datetime: '2026-01-01T00:20:00Z' });
    expect(byId.get('0-20000-0-06235')!.value).toBe('n/a');
    expect(byId.get('0-246-0-10381')!.value).toBe(-1);
    expect(byId.get('0-1-0-NEW')).toMatchObject({ value: 3, name: '0-1-0-NEW' });
    expect(applyLive(latest, parameter, [])).toBe(latest);
  });

  it('reads observations out of WIS2 notifications, and skips link-only ones', () => {
    const content = {
      type: 'Feature',
      properties: { parameter_name: 'p:2.0:point:PT0S', observation: 4.5, unit: 'Cel' },
    };
    const message = {
      geometry: { type: 'Point', coordinates: [5.18, 52.1] },
      properties: {
        datetime: '2026-01-01T00:00:00Z',
        wigos_station_identifier: '0-20000-0-06260',
        content: { encoding: 'utf-8', value: JSON.stringify(content) },
      },
    };
    expect(parseNotification(JSON.stringify(message))).toEqual({
      station: '0-20000-0-06260',
      parameter: 'p:2.0:point:PT0S',
      time: '2026-01-01T00:00:00Z',
      value: 4.5,
      unit: 'Cel',
      lon: 5.18,
      lat: 52.1,
    });
    const linkOnly = { ...message, properties: { ...message.properties, content: undefined } };
    expect(parseNotification(JSON.stringify(linkOnly))).toBeUndefined();
    expect(parseNotification('not json')).toBeUndefined();
  });
});
