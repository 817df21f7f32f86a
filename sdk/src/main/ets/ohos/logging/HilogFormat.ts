import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { LogFields, LogLevel, LogRecord } from '../../platform/logging/Logger';
import { utf8ByteLength } from '../store/PreferencesLimits';

/** hilog domain ArkMesh logs under unless told otherwise (0x4D45, "ME"); apps usually pick their own. */
export const DEFAULT_HILOG_DOMAIN = 0x4d45;
/** hilog tag ArkMesh logs under unless told otherwise. */
export const DEFAULT_HILOG_TAG = 'ArkMesh';
/** The longest tag hilog keeps, in bytes (longer tags are truncated by hilog). */
export const MAX_HILOG_TAG_BYTES = 31;
/** Lowest level HilogLogger passes on by default. */
export const DEFAULT_HILOG_LEVEL = LogLevel.INFO;

/** Options of HilogLogger. */
export interface HilogLoggerOptions {
  /** hilog domain, an integer in [0, 0xFFFF]; default {@link DEFAULT_HILOG_DOMAIN}. */
  domain?: number;
  /** hilog tag, 1 to 31 UTF-8 bytes; default {@link DEFAULT_HILOG_TAG}. */
  tag?: string;
  /** Lowest level logged; default {@link DEFAULT_HILOG_LEVEL}. */
  level?: LogLevel;
  /**
   * Print each line as `%{private}s` (hidden as `<private>` in release logs) instead of
   * `%{public}s`; default false: ArkMesh's messages and fields are meant for operators.
   */
  privateArgs?: boolean;
  /** Fields added to every record (a child logger's context). */
  fields?: LogFields;
}

/** The hilog call a record maps to. */
export enum HilogSeverity {
  DEBUG = 'debug',
  INFO = 'info',
  WARN = 'warn',
  ERROR = 'error'
}

/** HilogLoggerOptions with every default filled in and checked. */
export class ResolvedHilogOptions {
  readonly domain: number;
  readonly tag: string;
  readonly level: LogLevel;
  /** The hilog format string: `%{public}s` or `%{private}s`. */
  readonly format: string;
  readonly fields: LogFields;

  private constructor(domain: number, tag: string, level: LogLevel, format: string, fields: LogFields) {
    this.domain = domain;
    this.tag = tag;
    this.level = level;
    this.format = format;
    this.fields = fields;
  }

  /** Fills defaults; throws InvalidArgumentError naming `options.domain` or `options.tag` when out of range. */
  static from(options?: HilogLoggerOptions): ResolvedHilogOptions {
    const domain = options?.domain ?? DEFAULT_HILOG_DOMAIN;
    if (!(domain >= 0 && domain <= 0xffff && Math.floor(domain) === domain)) {
      throw new InvalidArgumentError('options.domain', 'must be an integer in [0, 0xFFFF]');
    }
    const tag = options?.tag ?? DEFAULT_HILOG_TAG;
    const tagBytes = typeof tag === 'string' ? utf8ByteLength(tag) : -1;
    if (tagBytes < 1 || tagBytes > MAX_HILOG_TAG_BYTES) {
      throw new InvalidArgumentError('options.tag', `must be 1 to ${MAX_HILOG_TAG_BYTES} UTF-8 bytes`);
    }
    const format = options?.privateArgs === true ? '%{private}s' : '%{public}s';
    return new ResolvedHilogOptions(domain, tag, options?.level ?? DEFAULT_HILOG_LEVEL, format, options?.fields ?? {});
  }
}

/** How records become hilog calls: which severity, and the one string argument. */
export class HilogFormat {
  /** The hilog function for a level (FATAL is never used: ArkMesh has no fatal level). */
  static severity(level: LogLevel): HilogSeverity {
    if (level >= LogLevel.ERROR) {
      return HilogSeverity.ERROR;
    }
    if (level >= LogLevel.WARN) {
      return HilogSeverity.WARN;
    }
    if (level >= LogLevel.INFO) {
      return HilogSeverity.INFO;
    }
    return HilogSeverity.DEBUG;
  }

  /** `message key=value ...`; strings JSON-quoted, undefined fields left out. hilog stamps time and level itself. */
  static line(record: LogRecord): string {
    let line = record.message;
    for (const k of Object.keys(record.fields)) {
      const v = record.fields[k];
      if (v !== undefined) {
        line += ` ${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
      }
    }
    return line;
  }
}
