// Colour scales of the map: a palette chosen by the parameter's standard name, stretched over the values
// on screen (2nd to 98th percentile, rounded to nice numbers), as a MapLibre expression and as legend stops.

/** Colour-blind-safe palettes, low to high (viridis, a blue-red diverging one, blues, a cyclic one). */
const palettes = {
  sequential: ['#440154', '#46327e', '#365c8d', '#277f8e', '#1fa187', '#4ac16d', '#a0da39', '#fde725'],
  diverging: ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'],
  blues: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  cyclic: [
    '#6e40aa',
    '#bf3caf',
    '#fe4b83',
    '#ff7847',
    '#e2b72f',
    '#aff05b',
    '#52f667',
    '#1ddfa3',
    '#23abd8',
    '#4c6edb',
    '#6e40aa',
  ],
} as const;

export type PaletteName = keyof typeof palettes;

/** Grey for stations without a numeric value. */
export const NO_VALUE_COLOUR = '#9aa0a6';

export function paletteFor(standardName: string): PaletteName {
  if (/temperature/.test(standardName)) return 'diverging';
  if (/precipitation|rainfall|snow/.test(standardName)) return 'blues';
  if (/direction/.test(standardName)) return 'cyclic';
  return 'sequential';
}

export interface ColourScale {
  palette: PaletteName;
  min: number;
  max: number;
  /** [value, colour] pairs, low to high. */
  stops: [number, string][];
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

/** A step of 1, 2 or 5 × 10^n that divides `span` into about `parts` parts. */
export function niceStep(span: number, parts: number): number {
  if (!(span > 0)) return 1;
  const raw = span / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/** The scale for `values` of a parameter: directions always span 0…360. */
export function colourScale(standardName: string, values: readonly number[]): ColourScale {
  const palette = paletteFor(standardName);
  const colours = palettes[palette];
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  let min: number;
  let max: number;
  if (palette === 'cyclic') {
    [min, max] = [0, 360];
  } else if (finite.length === 0) {
    [min, max] = [0, 1];
  } else {
    const lo = quantile(finite, 0.02);
    const hi = quantile(finite, 0.98);
    const step = niceStep(hi - lo || Math.abs(hi) || 1, colours.length - 1);
    min = Math.floor(lo / step) * step;
    max = Math.ceil(hi / step) * step;
    if (palette === 'blues') min = Math.max(0, min);
    if (max <= min) max = min + step;
  }
  const stops = colours.map((c, i): [number, string] => [
    round(min + ((max - min) * i) / (colours.length - 1)),
    c,
  ]);
  return { palette, min, max, stops };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** The colour of one value (linear between stops), as the map draws it. */
export function colourOf(scale: ColourScale, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE_COLOUR;
  const { stops } = scale;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (value <= first[0]) return first[1];
  if (value >= last[0]) return last[1];
  const i = stops.findIndex(([v]) => v >= value);
  const [v0, c0] = stops[i - 1]!;
  const [v1, c1] = stops[i]!;
  return mix(c0, c1, (value - v0) / (v1 - v0));
}

function mix(a: string, b: string, f: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * f)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
