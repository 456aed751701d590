// JSON text as E-SOH's Python API writes it: compact separators, non-ASCII kept, and float-typed fields
// printed with Python's repr (1.0, not 1). A float field is marked with `pyf(x)`; every other number
// is written as JavaScript writes it (integers such as shape sizes). NaN floats become null.
import { pyFloatRepr } from '../core/pyfloat.js';

export class PyFloat {
  constructor(readonly value: number) {}
}

/** Marks a number as a Python float for `toJson`. */
export const pyf = (value: number): PyFloat => new PyFloat(value);

/** A float or null (E-SOH writes NaN and missing values as null). */
export function floatText(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return 'null';
  // Fast path for the common range, where JavaScript and Python print the same digits (Python adds
  // ".0" to integral values); elsewhere the exponent rules differ and pyFloatRepr decides.
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e15 && !Object.is(x, -0)) {
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  return pyFloatRepr(x);
}

/** Serialises a value; objects keep their key order and skip undefined members. */
export function toJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof PyFloat) return floatText(value.value);
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== undefined) parts.push(`${JSON.stringify(k)}:${toJson(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return 'null';
  }
  return 'null';
}
