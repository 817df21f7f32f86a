import { LogFields, LogLevel, logLevelName, LogRecord } from './Logger';
import { LogTime, RecordLogger } from './RecordLogger';

const formatRecord = (r: LogRecord): string => {
  let line = `${new Date(r.time).toISOString()} ${logLevelName(r.level).toUpperCase()} ${r.message}`;
  for (const k of Object.keys(r.fields)) {
    const v = r.fields[k];
    if (v !== undefined) {
      line += ` ${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
    }
  }
  return line;
};

/** Logs one line per record to `console` (a global on every ArkMesh platform). Opt-in: the default is NoopLogger. */
export class ConsoleLogger extends RecordLogger {
  constructor(level?: LogLevel, time?: LogTime, fields?: LogFields) {
    super(level ?? LogLevel.INFO, (r: LogRecord): void => {
      const line = formatRecord(r);
      if (r.level >= LogLevel.ERROR) {
        console.error(line);
      } else if (r.level >= LogLevel.WARN) {
        console.warn(line);
      } else {
        console.log(line);
      }
    }, time ?? ((): number => Date.now()), fields);
  }
}
