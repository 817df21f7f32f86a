/** HiTraceChain flags ArkMesh uses (values of the platform's `hiTraceChain.HiTraceFlag`). */
export enum HiTraceFlags {
  DEFAULT = 0,
  /** Follow async calls (promises, async/await): the id survives awaits. */
  INCLUDE_ASYNC = 1,
  /** Print a hilog line per tracepoint (debugging). */
  TP_INFO = 1 << 2,
  /** Do not add the id to hilog lines. */
  DISABLE_LOG = 1 << 4
}

/** Tracepoint types (the platform's `HiTraceTracePointType`). */
export enum HiTracePointType {
  CLIENT_SEND = 0,
  CLIENT_RECEIVE = 1,
  SERVER_SEND = 2,
  SERVER_RECEIVE = 3,
  GENERAL = 4
}

/** Communication modes of a tracepoint (the platform's `HiTraceCommunicationMode`). */
export enum HiTraceMode {
  DEFAULT = 0,
  THREAD = 1,
  PROCESS = 2,
  DEVICE = 3
}

/**
 * A HiTraceId: a 60-bit chain id (0 means invalid), 26-bit span and parent span ids and flags,
 * as the platform's `hiTraceChain.HiTraceId` carries them.
 */
export class HiTraceIdValue {
  readonly chainId: bigint;
  readonly spanId: number;
  readonly parentSpanId: number;
  readonly flags: number;

  constructor(chainId: bigint, spanId: number, parentSpanId: number, flags: number) {
    this.chainId = chainId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.flags = flags;
  }

  /** True for a non-zero chain id (what the platform calls valid). */
  get valid(): boolean {
    return this.chainId !== BigInt(0);
  }

  /** The invalid id (what `getId()` returns on a thread without a chain). */
  static invalid(): HiTraceIdValue {
    return new HiTraceIdValue(BigInt(0), 0, 0, 0);
  }
}

/**
 * The part of HarmonyOS `hiTraceChain` (`@kit.PerformanceAnalysisKit`) the tracing bridge drives:
 * the current thread's id (`getId`/`setId`/`clearId`), closing a chain (`end`) and tracepoints.
 * `OhosHiTraceChain` implements it on the kit; tests use a recording fake.
 */
export interface HiTraceChainPort {
  getId(): HiTraceIdValue;
  setId(id: HiTraceIdValue): void;
  clearId(): void;
  /** Ends tracing with `id` and clears the thread's id (logs the end unless NO_BE_INFO). */
  end(id: HiTraceIdValue): void;
  tracepoint(mode: HiTraceMode, type: HiTracePointType, id: HiTraceIdValue, message: string): void;
}
