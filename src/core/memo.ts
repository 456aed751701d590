// Results of a pure function kept by a string key, for values derived again and again from few inputs
// (a series' topic, link or data_id prefix while its observations are announced). Bounded: beyond `max`
// keys everything is forgotten at once, which is cheap and keeps memory flat however many series exist.
export function memoise<A extends unknown[], R>(
  key: (...args: A) => string,
  fn: (...args: A) => R,
  max = 50_000,
): (...args: A) => R {
  const results = new Map<string, R>();
  return (...args: A) => {
    const k = key(...args);
    if (results.has(k)) return results.get(k) as R;
    const result = fn(...args);
    if (results.size >= max) results.clear();
    results.set(k, result);
    return result;
  };
}
