import { describe, expect, it } from 'vitest';
import { colourOf, colourScale, NO_VALUE_COLOUR, niceStep, paletteFor } from './colourScale';

describe('colour scales', () => {
  it('chooses a palette by standard name', () => {
    expect(paletteFor('air_temperature')).toBe('diverging');
    expect(paletteFor('dew_point_temperature')).toBe('diverging');
    expect(paletteFor('precipitation_amount')).toBe('blues');
    expect(paletteFor('wind_from_direction')).toBe('cyclic');
    expect(paletteFor('relative_humidity')).toBe('sequential');
  });

  it('rounds steps to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 7)).toBe(2);
    expect(niceStep(0.33, 7)).toBe(0.05);
    expect(niceStep(700, 7)).toBe(100);
    expect(niceStep(0, 7)).toBe(1);
  });

  it('stretches over the 2nd to 98th percentile, on nice numbers, ignoring outliers', () => {
    const values = [...Array.from({ length: 98 }, (_, i) => 5 + i * 0.25), -60, 90];
    const scale = colourScale('air_temperature', values);
    expect(scale.min).toBe(5);
    expect(scale.max).toBe(30);
    expect(scale.stops).toHaveLength(8);
    expect(scale.stops[0]).toEqual([5, '#2166ac']);
    expect(scale.stops[7]).toEqual([30, '#b2182b']);
    const steps = scale.stops.map(([v]) => v);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
  });

  it('never has equal ends (MapLibre needs ascending stops), and starts precipitation at 0', () => {
    const flat = colourScale('relative_humidity', [50, 50, 50]);
    expect(flat.max).toBeGreaterThan(flat.min);
    expect(colourScale('precipitation_amount', [0.2, 0.4, 3]).min).toBe(0);
    expect(colourScale('air_temperature', []).stops[0]![0]).toBe(0);
  });

  it('spans 0…360 for directions whatever the values', () => {
    const scale = colourScale('wind_from_direction', [200, 210]);
    expect([scale.min, scale.max]).toEqual([0, 360]);
  });

  it('colours values between stops, clamps outside them, greys missing ones', () => {
    const scale = colourScale('relative_humidity', [0, 70]);
    expect(colourOf(scale, scale.min - 5)).toBe(scale.stops[0]![1]);
    expect(colourOf(scale, scale.max + 5)).toBe(scale.stops[7]![1]);
    expect(colourOf(scale, null)).toBe(NO_VALUE_COLOUR);
    expect(colourOf(scale, NaN)).toBe(NO_VALUE_COLOUR);
    const [v0, c0] = scale.stops[0]!;
    const [v1, c1] = scale.stops[1]!;
    const mid = colourOf(scale, (v0 + v1) / 2);
    expect(mid).not.toBe(c0);
    expect(mid).not.toBe(c1);
    expect(mid).toMatch(/^#[0-9a-f]{6}$/);
  });
});
