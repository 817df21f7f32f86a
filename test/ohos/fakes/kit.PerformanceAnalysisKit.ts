// A desktop stand-in for hilog (@kit.PerformanceAnalysisKit): records every call.
export interface HilogCall { level: string; domain: number; tag: string; format: string; args: unknown[] }

export const hilogCalls: HilogCall[] = [];
/** Lowest hilog level that isLoggable accepts (3 = DEBUG, 4 = INFO, as in a release build). */
export const hilogFake = { minLevel: 3 };

const LogLevel = { DEBUG: 3, INFO: 4, WARN: 5, ERROR: 6, FATAL: 7 };
const record = (level: string) => (domain: number, tag: string, format: string, ...args: unknown[]): void => {
  hilogCalls.push({ level, domain, tag, format, args });
};

export const hilog = {
  LogLevel,
  debug: record('debug'),
  info: record('info'),
  warn: record('warn'),
  error: record('error'),
  fatal: record('fatal'),
  isLoggable: (_domain: number, _tag: string, level: number): boolean => level >= hilogFake.minLevel,
};
