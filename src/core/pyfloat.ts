// Number formatting exactly as Python prints floats, because E-SOH's identifiers and responses carry
// Python's text: repr(2.0) is "2.0" (JavaScript writes "2"), repr(1e16) is "1e+16", and
// f"{x:.2f}" rounds exact ties to even where Number#toFixed rounds them up.

/** Python's repr() of a float: shortest round-trip digits, always with a '.' or an exponent. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 16) {
    // Python: mantissa digits, 'e', sign, at least two exponent digits.
    const [mantissa = '', e = '0'] = x.toExponential().split('e');
    const n = Number(e);
    return `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  const s = String(x);
  if (s.includes('e')) return x.toFixed(Math.max(0, -exp + 17)).replace(/0+$/, '');
  return s.includes('.') ? s : `${s}.0`;
}

/** Python's f"{x:.{digits}f}": correctly rounded, exact ties to even. */
export function pyFormatFixed(x: number, digits: number): string {
  const rounded = x.toFixed(digits);
  // toFixed rounds an exact tie away from zero; Python rounds it to even. Detect an exact tie from the
  // exact decimal expansion of the double (toFixed(100) is exact for every value we format).
  const exact = Math.abs(x).toFixed(100);
  const cut = exact.indexOf('.') + 1 + digits;
  const tail = exact.slice(digits === 0 ? cut - 1 : cut).replace('.', '');
  if (!/^50*$/.test(tail)) return rounded;
  const truncated = (x < 0 ? '-' : '') + exact.slice(0, digits === 0 ? cut - 1 : cut);
  const lastDigit = Number(truncated.replace(/\D/g, '').slice(-1));
  return lastDigit % 2 === 0 ? truncated : rounded;
}
