// A desktop stand-in for hilog and hiTraceChain (@kit.PerformanceAnalysisKit): records every call.
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

interface HiTraceId { chainId: bigint; spanId?: number; parentSpanId?: number; flags?: number }
export interface HiTraceCall { fn: string; id?: HiTraceId; mode?: number; type?: number; msg?: string }

/** The thread's current id (what the TLS holds) and every call, in order. */
export const hiTraceFake = { current: { chainId: 0n } as HiTraceId, calls: [] as HiTraceCall[] };

const copy = (id: HiTraceId): HiTraceId => ({ chainId: id.chainId, spanId: id.spanId, parentSpanId: id.parentSpanId, flags: id.flags });

export const hiTraceChain = {
  HiTraceFlag: { DEFAULT: 0, INCLUDE_ASYNC: 1, DONOT_CREATE_SPAN: 2, TP_INFO: 4, NO_BE_INFO: 8, DISABLE_LOG: 16, FAILURE_TRIGGER: 32, D2D_TP_INFO: 64 },
  HiTraceTracePointType: { CS: 0, CR: 1, SS: 2, SR: 3, GENERAL: 4 },
  HiTraceCommunicationMode: { DEFAULT: 0, THREAD: 1, PROCESS: 2, DEVICE: 3 },
  getId: (): HiTraceId => copy(hiTraceFake.current),
  // Like the NAPI layer: an id whose chainId is 0 is ignored.
  setId: (id: HiTraceId): void => {
    hiTraceFake.calls.push({ fn: 'setId', id: copy(id) });
    if (id.chainId !== 0n) hiTraceFake.current = copy(id);
  },
  clearId: (): void => {
    hiTraceFake.calls.push({ fn: 'clearId' });
    hiTraceFake.current = { chainId: 0n };
  },
  end: (id: HiTraceId): void => {
    hiTraceFake.calls.push({ fn: 'end', id: copy(id) });
    if (id.chainId !== 0n) hiTraceFake.current = { chainId: 0n };
  },
  tracepoint: (mode: number, type: number, id: HiTraceId, msg?: string): void => {
    hiTraceFake.calls.push({ fn: 'tracepoint', mode, type, id: copy(id), msg });
  },
};
