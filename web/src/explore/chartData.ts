// Chart data: CoverageJSON from the EDR API turned into series per (station, parameter), merged with live
// observations as they arrive, and aligned on one time axis for uPlot ([times, ...values], nulls where a
// series has no value at a time).

export interface Series {
  station: string;
  parameter: string;
  /** Epoch seconds, ascending, unique. */
  times: number[];
  values: (number | null)[];
}

interface NdArray {
  values: (number | string | null)[];
}

interface Coverage {
  type: 'Coverage';
  domain: { axes: { t?: { values: string[] } } };
  ranges: Record<string, NdArray>;
  'metocean:wigosId'?: string;
}

export type CoverageDocument = Coverage | { type: 'CoverageCollection'; coverages: Coverage[] };

const key = (station: string, parameter: string) => `${station}\n${parameter}`;

/** One series per station and parameter of a CoverageJSON document (text values are left out). */
export function seriesFromCoverage(doc: CoverageDocument, fallbackStation = ''): Series[] {
  const coverages = doc.type === 'Coverage' ? [doc] : doc.coverages;
  const out = new Map<string, Series>();
  for (const c of coverages) {
    const station = c['metocean:wigosId'] ?? fallbackStation;
    const times = (c.domain.axes.t?.values ?? []).map((v) => Date.parse(v) / 1000);
    for (const [parameter, range] of Object.entries(c.ranges)) {
      const k = key(station, parameter);
      let s = out.get(k) ?? { station, parameter, times: [], values: [] };
      times.forEach((time, i) => {
        const v = range.values[i];
        s = withPoint(s, time, typeof v === 'number' ? v : null);
      });
      out.set(k, s);
    }
  }
  return [...out.values()];
}

/** The series with (time, value) added, or replacing the value at that time; times stay ascending. */
export function withPoint(s: Series, time: number, value: number | null): Series {
  let i = s.times.length;
  while (i > 0 && s.times[i - 1]! > time) i--;
  if (i > 0 && s.times[i - 1] === time) {
    const values = s.values.slice();
    values[i - 1] = value;
    return { ...s, values };
  }
  return {
    ...s,
    times: [...s.times.slice(0, i), time, ...s.times.slice(i)],
    values: [...s.values.slice(0, i), value, ...s.values.slice(i)],
  };
}

/** Drops the points before `fromSeconds` (the window moves on while the chart is open). */
export function since(s: Series, fromSeconds: number): Series {
  const i = s.times.findIndex((t) => t >= fromSeconds);
  if (i <= 0) return i === 0 ? s : { ...s, times: [], values: [] };
  return { ...s, times: s.times.slice(i), values: s.values.slice(i) };
}

/** uPlot's aligned data: the union of the series' times, and each series' values on it. */
export function align(series: readonly Series[]): [number[], ...(number | null)[][]] {
  const times = [...new Set(series.flatMap((s) => s.times))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const column: (number | null)[] = new Array<number | null>(times.length).fill(null);
    s.times.forEach((t, i) => {
      column[index.get(t)!] = s.values[i] ?? null;
    });
    return column;
  });
  return [times, ...columns];
}
