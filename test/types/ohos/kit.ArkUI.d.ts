// @kit.ArkUI: the window stage an ability loads its first page into.
// Source: interface_sdk-js api/@ohos.window.d.ts (re-exported as `window` by kits/@kit.ArkUI.d.ts).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-window
declare module '@kit.ArkUI' {
  import { AsyncCallback } from '@kit.BasicServicesKit';

  export namespace window {
    /** Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-window#windowstage9 */
    export interface WindowStage {
      loadContent(path: string, callback: AsyncCallback<void>): void;
      loadContent(path: string): Promise<void>;
    }
  }
}
