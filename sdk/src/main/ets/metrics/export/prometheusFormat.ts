/** The content type of the Prometheus text exposition format this module renders. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Escapes a label value: backslash, double quote and line feed (the three the format requires). */
export const escapePrometheusLabelValue = (value: string): string => {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\') {
      out += '\\\\';
    } else if (c === '"') {
      out += '\\"';
    } else if (c === '\n') {
      out += '\\n';
    } else {
      out += c;
    }
  }
  return out;
};

/** Escapes HELP text: backslash and line feed. */
export const escapePrometheusHelp = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') {
      out += '\\\\';
    } else if (c === '\n') {
      out += '\\n';
    } else {
      out += c;
    }
  }
  return out;
};

const isAlpha = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Replaces characters outside `[A-Za-z0-9_]` (plus ':' when allowed) by '_', collapsing runs of '_'. */
const sanitize = (name: string, allowColon: boolean): string => {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const ok = isAlpha(code) || isDigit(code) || code === 95 || (allowColon && code === 58);
    const c = ok ? name.charAt(i) : '_';
    if (c === '_' && out.endsWith('_')) {
      continue;
    }
    out += c;
  }
  return out;
};

/** A valid Prometheus metric name (`[a-zA-Z_:][a-zA-Z0-9_:]*`) for an instrument name: `mesh.call.duration` -> `mesh_call_duration`. */
export const sanitizePrometheusMetricName = (name: string): string => {
  const out = sanitize(name, true);
  return out.length === 0 ? '_' : isDigit(out.charCodeAt(0)) ? `_${out}` : out;
};

/** A valid Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`): `service.name` -> `service_name`, `2xx` -> `key_2xx`. */
export const sanitizePrometheusLabelName = (name: string): string => {
  const out = sanitize(name, false);
  return out.length === 0 ? 'key_' : isDigit(out.charCodeAt(0)) ? `key_${out}` : out;
};

/** A sample value as the format writes it: `NaN`, `+Inf`, `-Inf`, or the shortest decimal form. */
export const formatPrometheusValue = (value: number): string => {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Number.POSITIVE_INFINITY) {
    return '+Inf';
  }
  if (value === Number.NEGATIVE_INFINITY) {
    return '-Inf';
  }
  return String(value);
};

const UNIT_WORDS: Map<string, string> = new Map<string, string>([
  ['d', 'days'], ['h', 'hours'], ['min', 'minutes'], ['s', 'seconds'], ['ms', 'milliseconds'], ['us', 'microseconds'],
  ['ns', 'nanoseconds'], ['By', 'bytes'], ['KiBy', 'kibibytes'], ['MiBy', 'mebibytes'], ['GiBy', 'gibibytes'],
  ['KBy', 'kilobytes'], ['MBy', 'megabytes'], ['GBy', 'gigabytes'], ['bit', 'bits'], ['m', 'meters'], ['Hz', 'hertz'],
  ['%', 'percent'], ['1', '']
]);

const unitWord = (unit: string): string => {
  const word = UNIT_WORDS.get(unit);
  return word !== undefined ? word : sanitize(unit, false);
};

/**
 * The suffix a UCUM unit adds to a Prometheus name, as OpenTelemetry's Prometheus exporters do:
 * `ms` -> `milliseconds`, `By/s` -> `bytes_per_second`; annotations such as `{request}` add none.
 */
export const prometheusUnitSuffix = (unit: string): string => {
  let u = '';
  let depth = 0;
  for (let i = 0; i < unit.length; i++) {
    const c = unit.charAt(i);
    if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      u += c;
    }
  }
  u = u.trim();
  if (u.length === 0) {
    return '';
  }
  const slash = u.indexOf('/');
  if (slash < 0) {
    return unitWord(u);
  }
  const num = unitWord(u.substring(0, slash));
  const per = unitWord(u.substring(slash + 1)).replace(new RegExp('s$'), '');
  if (per.length === 0) {
    return num;
  }
  return num.length === 0 ? `per_${per}` : `${num}_per_${per}`;
};
