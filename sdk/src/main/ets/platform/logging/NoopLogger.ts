import { LogLevel, LogRecord } from './Logger';
import { RecordLogger } from './RecordLogger';

/** Discards everything: the SDK's default, because a library must not print on its own. */
export class NoopLogger extends RecordLogger {
  constructor() {
    super(LogLevel.OFF, (r: LogRecord): void => {}, (): number => 0);
  }
}
