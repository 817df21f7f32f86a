// @kit.PerformanceAnalysisKit: hilog, and hiTraceChain for the tracing bridge.
// Source: interface_sdk-js api/@ohos.hilog.d.ts and api/@ohos.hiTraceChain.d.ts (re-exported as `hilog`
// and `hiTraceChain` by kits/@kit.PerformanceAnalysisKit.d.ts).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-hilog
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-hitracechain
// Domain is 0x0-0xFFFF (out of range: nothing is printed); a tag is at most 31 bytes (longer ones are
// truncated); arguments print as <private> unless the format marks them %{public}.
declare module '@kit.PerformanceAnalysisKit' {
  export namespace hilog {
    export enum LogLevel {
      DEBUG = 3,
      INFO = 4,
      WARN = 5,
      ERROR = 6,
      FATAL = 7
    }

    export function debug(domain: number, tag: string, format: string, ...args: any[]): void;
    export function info(domain: number, tag: string, format: string, ...args: any[]): void;
    export function warn(domain: number, tag: string, format: string, ...args: any[]): void;
    export function error(domain: number, tag: string, format: string, ...args: any[]): void;
    export function fatal(domain: number, tag: string, format: string, ...args: any[]): void;
    export function isLoggable(domain: number, tag: string, level: LogLevel): boolean;
  }

  /**
   * Distributed call-chain ids kept in the calling thread's TLS and added to hilog lines. All
   * members since API 8. The NAPI layer (hiviewdfx_hitrace napi_hitrace_util.cpp,
   * TransHiTraceIdJsObjectToNative) reads `chainId` as a bigint and ignores an id whose chainId is 0;
   * the native HiTraceId keeps 60 bits of chainId and 26 bits of each span id.
   */
  export namespace hiTraceChain {
    export enum HiTraceFlag {
      DEFAULT = 0,
      INCLUDE_ASYNC = 1,
      DONOT_CREATE_SPAN = 1 << 1,
      TP_INFO = 1 << 2,
      NO_BE_INFO = 1 << 3,
      DISABLE_LOG = 1 << 4,
      FAILURE_TRIGGER = 1 << 5,
      D2D_TP_INFO = 1 << 6
    }

    export enum HiTraceTracePointType {
      CS = 0,
      CR = 1,
      SS = 2,
      SR = 3,
      GENERAL = 4
    }

    export enum HiTraceCommunicationMode {
      DEFAULT = 0,
      THREAD = 1,
      PROCESS = 2,
      DEVICE = 3
    }

    export interface HiTraceId {
      /** 0n: invalid. */
      chainId: bigint;
      spanId?: number;
      parentSpanId?: number;
      flags?: number;
    }

    export function begin(name: string, flags?: number): HiTraceId;
    export function end(id: HiTraceId): void;
    export function getId(): HiTraceId;
    export function setId(id: HiTraceId): void;
    export function clearId(): void;
    export function createSpan(): HiTraceId;
    export function tracepoint(mode: HiTraceCommunicationMode, type: HiTraceTracePointType, id: HiTraceId, msg?: string): void;
    export function isValid(id: HiTraceId): boolean;
  }
}
