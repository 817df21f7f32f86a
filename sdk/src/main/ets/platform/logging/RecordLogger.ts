import { LogFields, Logger, LogLevel, LogRecord } from './Logger';

/** Where a RecordLogger sends the records that pass its level. */
export type LogSink = (record: LogRecord) => void;

/** Supplies the time stamped on records (a Clock's `now`, so virtual runs log virtual time). */
export type LogTime = () => number;

const mergeFields = (base: LogFields, extra: LogFields | undefined): LogFields => {
  if (extra === undefined) {
    return base;
  }
  const out: LogFields = {};
  for (const k of Object.keys(base)) {
    out[k] = base[k];
  }
  for (const k of Object.keys(extra)) {
    out[k] = extra[k];
  }
  return out;
};

/**
 * A Logger that filters by level, merges child fields and hands records to a sink. Console,
 * memory and hilog loggers are RecordLoggers with different sinks.
 */
export class RecordLogger implements Logger {
  private readonly _level: LogLevel;
  private readonly _sink: LogSink;
  private readonly _time: LogTime;
  private readonly _fields: LogFields;

  constructor(level: LogLevel, sink: LogSink, time: LogTime, fields?: LogFields) {
    this._level = level;
    this._sink = sink;
    this._time = time;
    this._fields = fields ?? {};
  }

  get level(): LogLevel {
    return this._level;
  }

  isEnabled(level: LogLevel): boolean {
    return level >= this._level && this._level !== LogLevel.OFF;
  }

  log(level: LogLevel, message: string, fields?: LogFields): void {
    if (!this.isEnabled(level)) {
      return;
    }
    try {
      this._sink({ time: this._time(), level: level, message: message, fields: mergeFields(this._fields, fields) });
    } catch (e) {
      // Logging must never throw into the code that logs.
    }
  }

  debug(message: string, fields?: LogFields): void {
    this.log(LogLevel.DEBUG, message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.log(LogLevel.INFO, message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.log(LogLevel.WARN, message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.log(LogLevel.ERROR, message, fields);
  }

  child(fields: LogFields): Logger {
    return new RecordLogger(this._level, this._sink, this._time, mergeFields(this._fields, fields));
  }
}
