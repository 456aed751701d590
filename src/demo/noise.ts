// Smooth deterministic noise for the demo weather: value noise on an integer lattice whose corner values
// are hashed from their coordinates (no tables, no state), so any place and time is computed on its own
// and the same arguments always give the same number. Quintic interpolation keeps the first derivative
// continuous, which the wind (the gradient of the pressure field) needs.

/** Murmur3's finaliser: spreads every input bit over the whole word. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The value at a lattice corner, in [-1, 1). */
function corner(seed: number, i: number, j: number, k: number): number {
  const h = mix(
    mix(mix(seed + Math.imul(i, 0x27d4eb2d)) + Math.imul(j, 0x165667b1)) + Math.imul(k, 0x1b873593),
  );
  return (h >>> 0) / 2147483648 - 1;
}

const fade = (u: number) => u * u * u * (u * (u * 6 - 15) + 10);
const lerp = (a: number, b: number, u: number) => a + (b - a) * u;

// Standard deviations of the raw noise, measured over 10^6 random points: dividing by them gives fields
// of unit standard deviation, so amplitudes elsewhere read as standard deviations.
const STD_3D = 0.4;
const STD_1D = 0.51;

/** Noise of unit standard deviation over (x, y, z), with features about one lattice unit across. */
export function noise3(seed: number, x: number, y: number, z: number): number {
  const [i, j, k] = [Math.floor(x), Math.floor(y), Math.floor(z)];
  const [u, v, w] = [fade(x - i), fade(y - j), fade(z - k)];
  const plane = (kk: number) =>
    lerp(
      lerp(corner(seed, i, j, kk), corner(seed, i + 1, j, kk), u),
      lerp(corner(seed, i, j + 1, kk), corner(seed, i + 1, j + 1, kk), u),
      v,
    );
  return lerp(plane(k), plane(k + 1), w) / STD_3D;
}

/** Noise of unit standard deviation along one axis (a station's own short-term wobble). */
export function noise1(seed: number, x: number): number {
  const i = Math.floor(x);
  return lerp(corner(seed, i, 0, 0), corner(seed, i + 1, 0, 0), fade(x - i)) / STD_1D;
}
