import { LogLevel, LogRecord } from './Logger';
import { LogTime, RecordLogger } from './RecordLogger';

/** Keeps the last `capacity` records in memory: for tests and the simulator's log view. */
export class MemoryLogger extends RecordLogger {
  readonly records: LogRecord[];

  constructor(level?: LogLevel, time?: LogTime, capacity?: number) {
    const records: LogRecord[] = [];
    const max = capacity ?? 10000;
    super(level ?? LogLevel.DEBUG, (r: LogRecord): void => {
      records.push(r);
      if (records.length > max) {
        records.splice(0, records.length - max);
      }
    }, time ?? ((): number => 0));
    this.records = records;
  }

  /** Records whose message contains `text`. */
  find(text: string): LogRecord[] {
    return this.records.filter((r: LogRecord): boolean => r.message.includes(text));
  }
}
