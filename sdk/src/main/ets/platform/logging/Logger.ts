/** Severity of a log record; OFF disables a logger. */
export enum LogLevel {
  DEBUG = 10,
  INFO = 20,
  WARN = 30,
  ERROR = 40,
  OFF = 100
}

/** A structured field value. */
export type LogValue = string | number | boolean | null | undefined;

/** Structured fields of a log record: `{ 'service': 'media.player', 'latencyMs': 12 }`. */
export type LogFields = Record<string, LogValue>;

/** One log record as a Logger implementation receives it. */
export interface LogRecord {
  time: number;
  level: LogLevel;
  message: string;
  fields: LogFields;
}

/**
 * The logging port. The SDK never prints on its own: it logs through the Logger it was given
 * (NoopLogger by default). `child` adds fields to every record, e.g. the device id.
 */
export interface Logger {
  isEnabled(level: LogLevel): boolean;
  log(level: LogLevel, message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Parses a level name (`debug`, `info`, `warn`, `error`, `off`); undefined when unknown. */
export const parseLogLevel = (name: string): LogLevel | undefined => {
  switch (name.toLowerCase()) {
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    case 'error':
      return LogLevel.ERROR;
    case 'off':
      return LogLevel.OFF;
    default:
      return undefined;
  }
};

/** The lower-case name of a level. */
export const logLevelName = (level: LogLevel): string => {
  switch (level) {
    case LogLevel.DEBUG:
      return 'debug';
    case LogLevel.INFO:
      return 'info';
    case LogLevel.WARN:
      return 'warn';
    case LogLevel.ERROR:
      return 'error';
    default:
      return 'off';
  }
};
