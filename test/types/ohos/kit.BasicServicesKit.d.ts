// @kit.BasicServicesKit: the error and callback types every kit uses, and deviceInfo.
// Source: interface_sdk-js api/@ohos.base.d.ts and api/@ohos.deviceInfo.d.ts, re-exported by
// kits/@kit.BasicServicesKit.d.ts.
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-base
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-device-info
declare module '@kit.BasicServicesKit' {
  /** The error every HarmonyOS API throws or rejects with; `code` is the numeric error code (401, 801, 15500000...). */
  export interface BusinessError<T = void> extends Error {
    code: number;
    /** @since 9 */
    data?: T;
  }

  export interface Callback<T> {
    (data: T): void;
  }

  export interface ErrorCallback<T extends Error = BusinessError> {
    (err: T): void;
  }

  export interface AsyncCallback<T, E = void> {
    (err: BusinessError<E>, data: T): void;
  }

  /** Read-only device attributes (no permission needed). */
  export namespace deviceInfo {
    /** `phone`, `tablet`, `2in1`, `tv`, `wearable`, `car` or `default`. @since 6 */
    const deviceType: string;
    /** The marketing name, e.g. `HUAWEI Mate 60`. @since 6 */
    const marketName: string;
  }
}
