import { describe, expect, it } from 'vitest';
import { ConsoleLogger, LogLevel, logLevelName, MemoryLogger, NoopLogger, parseLogLevel, RecordLogger, VirtualClock } from '../../sdk/src/main/ets/platform/index';

describe('Logger', () => {
  it('filters by level and stamps the injected clock time', () => {
    const clock = new VirtualClock({ startTime: 1000 });
    const log = new MemoryLogger(LogLevel.INFO, () => clock.now());
    log.debug('hidden');
    log.info('shown', { device: 'phone' });
    log.error('bad', { code: 'ERR_X' });
    expect(log.records.map((r) => r.message)).toEqual(['shown', 'bad']);
    expect(log.records[0]).toEqual({ time: 1000, level: LogLevel.INFO, message: 'shown', fields: { device: 'phone' } });
    expect(log.isEnabled(LogLevel.DEBUG)).toBe(false);
  });

  it('child loggers merge fields; record fields win', () => {
    const log = new MemoryLogger();
    const child = log.child({ device: 'tv', service: 'a' }).child({ service: 'b' });
    child.warn('w', { attempt: 2 });
    expect(log.records[0].fields).toEqual({ device: 'tv', service: 'b', attempt: 2 });
    expect(log.find('w')).toHaveLength(1);
  });

  it('keeps a bounded number of records', () => {
    const log = new MemoryLogger(LogLevel.DEBUG, undefined, 3);
    for (let i = 0; i < 10; i++) log.info(`m${i}`);
    expect(log.records.map((r) => r.message)).toEqual(['m7', 'm8', 'm9']);
  });

  it('never throws when the sink throws, and Noop logs nothing', () => {
    const log = new RecordLogger(LogLevel.DEBUG, () => { throw new Error('sink down'); }, () => 0);
    expect(() => log.error('x')).not.toThrow();
    const noop = new NoopLogger();
    expect(noop.isEnabled(LogLevel.ERROR)).toBe(false);
  });

  it('console logger writes one line per record with fields', () => {
    const lines: string[] = [];
    const orig = console.log;
    console.log = (l: string) => { lines.push(l); };
    try {
      new ConsoleLogger(LogLevel.INFO, () => 0).info('started', { device: 'phone', n: 3 });
    } finally {
      console.log = orig;
    }
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z INFO started device="phone" n=3']);
  });

  it('parses and names levels', () => {
    expect(parseLogLevel('WARN')).toBe(LogLevel.WARN);
    expect(parseLogLevel('nope')).toBeUndefined();
    expect(logLevelName(LogLevel.DEBUG)).toBe('debug');
  });
});
