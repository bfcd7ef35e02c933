/** Order statistics on a copy; percentiles by the nearest-rank method (p99 of 10,000 = the 9,900th). */
export function sorted(values) {
  return Float64Array.from(values).sort();
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1];
}

export const median = (values) => percentile(values, 50);

export function mean(values) {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : NaN;
}

export function round(value, digits = 2) {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
