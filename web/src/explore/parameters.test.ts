import { describe, expect, it } from 'vitest';
import { unwrapRing } from '../../scripts/basemap';
import { defaultParameter, durationLabel, groupParameters, variantLabel } from './parameters';

const edr = (label: string, unit: string, method: string, duration: string, level: number) => ({
  label,
  unit: { label: unit, symbol: { value: unit === 'Cel' ? '°C' : unit } },
  measurementType: { method, duration },
  'metocean:level': level,
});

describe('parameter picker', () => {
  const names = {
    'wind_speed:10.0:mean:PT10M': edr('Wind speed', 'm/s', 'mean', 'PT10M', 10),
    'air_temperature:2.0:point:PT0S': edr('Air temperature', 'Cel', 'point', 'PT0S', 2),
    'air_temperature:2.0:maximum:PT1H': edr('Air temperature', 'Cel', 'maximum', 'PT1H', 2),
    'air_temperature:0.1:point:PT0S': edr('Air temperature', 'Cel', 'point', 'PT0S', 0.1),
  };

  it('groups by standard name (sorted by label), variants by level, method and period', () => {
    const groups = groupParameters(names);
    expect(groups.map((g) => g.label)).toEqual(['Air temperature', 'Wind speed']);
    expect(groups[0]!.parameters.map((p) => p.name)).toEqual([
      'air_temperature:0.1:point:PT0S',
      'air_temperature:2.0:maximum:PT1H',
      'air_temperature:2.0:point:PT0S',
    ]);
    expect(groups[0]!.parameters[2]!.unit).toBe('°C');
  });

  it('names variants for people', () => {
    const [temperature, wind] = groupParameters(names);
    expect(variantLabel(temperature!.parameters[2]!)).toBe('2 m');
    expect(variantLabel(temperature!.parameters[1]!)).toBe('2 m · maximum over 1 h');
    expect(variantLabel(wind!.parameters[0]!)).toBe('10 m · mean over 10 min');
    expect(durationLabel('PT1H30M')).toBe('1 h 30 min');
    expect(durationLabel('PT0S')).toBe('');
  });

  it('starts with air temperature when there is one', () => {
    expect(defaultParameter(groupParameters(names))).toBe('air_temperature:0.1:point:PT0S');
    expect(
      defaultParameter(
        groupParameters({ 'wind_speed:10.0:mean:PT10M': names['wind_speed:10.0:mean:PT10M'] }),
      ),
    ).toBe('wind_speed:10.0:mean:PT10M');
    expect(defaultParameter([])).toBeUndefined();
  });
});

describe('basemap', () => {
  it('keeps rings that cross the antimeridian continuous', () => {
    expect(
      unwrapRing([
        [170, 60],
        [179, 61],
        [-179, 62],
        [-170, 60],
        [170, 60],
      ]),
    ).toEqual([
      [170, 60],
      [179, 61],
      [181, 62],
      [190, 60],
      [170, 60],
    ]);
  });
});
