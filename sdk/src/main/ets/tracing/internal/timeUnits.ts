/**
 * Epoch milliseconds as unix nanoseconds in decimal, exactly: integer milliseconds get six zeros
 * appended (no float multiplication, so 1704067200123 ms is 1704067200123000000, not ...122999...);
 * fractional milliseconds are rounded to the nearest nanosecond. Negative or non-finite times are 0.
 */
export const msToUnixNanos = (ms: number): string => {
  if (!Number.isFinite(ms) || ms <= 0) {
    return '0';
  }
  const whole = Math.floor(ms);
  let nanos = Math.round((ms - whole) * 1000000);
  let intPart = whole;
  if (nanos >= 1000000) {
    intPart += 1;
    nanos -= 1000000;
  }
  if (intPart === 0) {
    return String(nanos);
  }
  const frac = String(nanos);
  return `${intPart}${'000000'.substring(frac.length)}${frac}`;
};

/** Epoch milliseconds as integer microseconds (Jaeger and Zipkin). */
export const msToMicros = (ms: number): number => {
  if (!Number.isFinite(ms) || ms <= 0) {
    return 0;
  }
  return Math.round(ms * 1000);
};
