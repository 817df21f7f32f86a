// @kit.ArkUI: the window stage an ability loads its first page into, and page routing.
// Source: interface_sdk-js api/@ohos.window.d.ts and api/@ohos.router.d.ts (re-exported as `window`
// and `router` by kits/@kit.ArkUI.d.ts).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-window
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-router
declare module '@kit.ArkUI' {
  import { AsyncCallback } from '@kit.BasicServicesKit';

  export namespace window {
    /** Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-window#windowstage9 */
    export interface WindowStage {
      loadContent(path: string, callback: AsyncCallback<void>): void;
      loadContent(path: string): Promise<void>;
    }
  }

  /**
   * Page routing (@since 8; pushUrl since 9). Pages must be listed in the module's main_pages.json.
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-router#routerpushurl9
   */
  export namespace router {
    export interface RouterOptions {
      /** A page of main_pages.json, e.g. `pages/Devices`. */
      url: string;
      params?: Object;
    }

    export function pushUrl(options: RouterOptions): Promise<void>;
    export function back(): void;
    export function getParams(): Object;
  }
}
