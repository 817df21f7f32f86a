// @kit.PerformanceAnalysisKit: hilog.
// Source: interface_sdk-js api/@ohos.hilog.d.ts (re-exported as `hilog` by kits/@kit.PerformanceAnalysisKit.d.ts).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-hilog
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
}
