import { describe, expect, it } from 'vitest';
import { align, seriesFromCoverage, since, withPoint, type CoverageDocument } from './chartData';

const coverage = (station: string, times: string[], ranges: Record<string, (number | string | null)[]>) => ({
  type: 'Coverage' as const,
  domain: { axes: { t: { values: times } } },
  ranges: Object.fromEntries(Object.entries(ranges).map(([k, values]) => [k, { values }])),
  'metocean:wigosId': station,
});

describe('chart data', () => {
  it('turns a Coverage into one series per parameter, in epoch seconds, text values as gaps', () => {
    const doc: CoverageDocument = coverage('A', ['2026-01-01T00:00:00Z', '2026-01-01T00:10:00Z'], {
      t: [1.5, 'n/a'],
      w: [3, 4],
    });
    expect(seriesFromCoverage(doc)).toEqual([
      { station: 'A', parameter: 't', times: [1767225600, 1767226200], values: [1.5, null] },
      { station: 'A', parameter: 'w', times: [1767225600, 1767226200], values: [3, 4] },
    ]);
  });

  it('merges the coverages of one station in a collection (series on different time axes)', () => {
    const doc: CoverageDocument = {
      type: 'CoverageCollection',
      coverages: [
        coverage('A', ['2026-01-01T00:10:00Z'], { t: [2] }),
        coverage('A', ['2026-01-01T00:00:00Z'], { t: [1] }),
      ],
    };
    const [s] = seriesFromCoverage(doc);
    expect(s!.times).toEqual([1767225600, 1767226200]);
    expect(s!.values).toEqual([1, 2]);
  });

  it('adds a live point in order, replaces one at the same time, keeps the input untouched', () => {
    const s = { station: 'A', parameter: 't', times: [10, 30], values: [1, 3] };
    expect(withPoint(s, 20, 2)).toMatchObject({ times: [10, 20, 30], values: [1, 2, 3] });
    expect(withPoint(s, 40, 4)).toMatchObject({ times: [10, 30, 40], values: [1, 3, 4] });
    expect(withPoint(s, 5, 0)).toMatchObject({ times: [5, 10, 30], values: [0, 1, 3] });
    expect(withPoint(s, 30, 9)).toMatchObject({ times: [10, 30], values: [1, 9] });
    expect(s).toEqual({ station: 'A', parameter: 't', times: [10, 30], values: [1, 3] });
  });

  it('drops points that left the window', () => {
    const s = { station: 'A', parameter: 't', times: [10, 20, 30], values: [1, 2, 3] };
    expect(since(s, 15)).toMatchObject({ times: [20, 30], values: [2, 3] });
    expect(since(s, 5)).toBe(s);
    expect(since(s, 99)).toMatchObject({ times: [], values: [] });
  });

  it('aligns stations on the union of their times, with gaps where one has no value', () => {
    const a = { station: 'A', parameter: 't', times: [10, 20], values: [1, 2] };
    const b = { station: 'B', parameter: 't', times: [20, 30], values: [5, 6] };
    expect(align([a, b])).toEqual([
      [10, 20, 30],
      [1, 2, null],
      [null, 5, 6],
    ]);
    expect(align([])).toEqual([[]]);
  });
});
