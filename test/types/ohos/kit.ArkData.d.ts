// @kit.ArkData: user preferences (a per-app key-value file).
// Source: interface_sdk-js api/@ohos.data.preferences.d.ts (re-exported as `preferences` by kits/@kit.ArkData.d.ts).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-data-preferences
//      https://developer.huawei.com/consumer/en/doc/harmonyos-guides/data-persistence-by-preferences
// Limits (doc "Constraints"): keys non-empty, at most MAX_KEY_LENGTH (1024) bytes; string values UTF-8,
// at most MAX_VALUE_LENGTH (16 MB); strings that are not valid UTF-8 corrupt the file. Writes change the
// in-memory instance; only flush() persists them (XML storage, the only type before API 18).
declare module '@kit.ArkData' {
  import { common } from '@kit.AbilityKit';

  export namespace preferences {
    /** `object` and `bigint` members since API 12. */
    type ValueType = number | string | boolean | Array<number> | Array<string> | Array<boolean> | Uint8Array | object | bigint;

    /** Maximum key length in bytes. */
    const MAX_KEY_LENGTH: number;
    /** Maximum value length in bytes. */
    const MAX_VALUE_LENGTH: number;

    /** @since 10 */
    interface Options {
      name: string;
      dataGroupId?: string | null | undefined;
    }

    /** @since 10 (Options overload) */
    function getPreferences(context: common.BaseContext, options: Options): Promise<Preferences>;
    /** @since 10 */
    function getPreferencesSync(context: common.BaseContext, options: Options): Preferences;
    /** @since 10 (Options overload) */
    function deletePreferences(context: common.BaseContext, options: Options): Promise<void>;
    /** @since 10 (Options overload) */
    function removePreferencesFromCache(context: common.BaseContext, options: Options): Promise<void>;

    interface Preferences {
      get(key: string, defValue: ValueType): Promise<ValueType>;
      /** @since 10 */
      getSync(key: string, defValue: ValueType): ValueType;
      getAll(): Promise<Object>;
      /** @since 10 */
      getAllSync(): Object;
      has(key: string): Promise<boolean>;
      /** @since 10 */
      hasSync(key: string): boolean;
      put(key: string, value: ValueType): Promise<void>;
      /** @since 10 */
      putSync(key: string, value: ValueType): void;
      delete(key: string): Promise<void>;
      /** @since 10 */
      deleteSync(key: string): void;
      clear(): Promise<void>;
      /** Persists the instance to its file. */
      flush(): Promise<void>;
    }
  }
}
