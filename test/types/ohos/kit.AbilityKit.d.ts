// @kit.AbilityKit: the Stage-model pieces entry/ and the adapters use.
// Sources: interface_sdk-js kits/@kit.AbilityKit.d.ts, api/@ohos.app.ability.UIAbility.d.ts,
// api/@ohos.app.ability.Want.d.ts, api/@ohos.app.ability.AbilityConstant.d.ts,
// api/@ohos.app.ability.common.d.ts, api/application/{BaseContext,Context,UIAbilityContext,ApplicationContext}.d.ts.
declare module '@kit.AbilityKit' {
  import { window } from '@kit.ArkUI';

  /**
   * Parameters passed between abilities.
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-app-ability-want
   */
  export class Want {
    deviceId?: string;
    bundleName?: string;
    moduleName?: string;
    abilityName?: string;
    action?: string;
    entities?: Array<string>;
    uri?: string;
    type?: string;
    flags?: number;
    /** `Record<string, Object>` since API 12. */
    parameters?: Record<string, Object>;
  }

  /**
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-app-ability-abilityconstant
   */
  export namespace AbilityConstant {
    export enum LaunchReason {
      UNKNOWN = 0,
      START_ABILITY = 1,
      CALL = 2,
      CONTINUATION = 3
    }

    export interface LaunchParam {
      launchReason: LaunchReason;
      lastExitMessage: string;
    }
  }

  /**
   * Context classes (api/application/*.d.ts), exposed as `common.X`.
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-app-ability-common
   * and https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-inner-application-context
   */
  export namespace common {
    export class BaseContext {
      stageMode: boolean;
    }

    /** Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-bundlemanager-applicationinfo */
    export class ApplicationInfo {
      /** The bundle name. */
      readonly name: string;
      readonly accessTokenId: number;
    }

    export class Context extends BaseContext {
      /** The application's information (api/application/Context.d.ts `applicationInfo`). */
      applicationInfo: ApplicationInfo;
      /** Sandbox directories (strings such as `/data/storage/el2/base/files`). */
      filesDir: string;
      cacheDir: string;
      tempDir: string;
      preferencesDir: string;
      databaseDir: string;
      getApplicationContext(): ApplicationContext;
    }

    export class ApplicationContext extends Context {
    }

    /** Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-inner-application-uiabilitycontext */
    export class UIAbilityContext extends Context {
      startAbility(want: Want): Promise<void>;
      terminateSelf(): Promise<void>;
    }
  }

  /**
   * The base class of the app's abilities.
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-app-ability-uiability
   */
  export class UIAbility {
    context: common.UIAbilityContext;
    launchWant: Want;
    lastRequestWant: Want;
    onCreate(want: Want, launchParam: AbilityConstant.LaunchParam): void;
    onWindowStageCreate(windowStage: window.WindowStage): void;
    onWindowStageDestroy(): void;
    onDestroy(): void | Promise<void>;
    onForeground(): void;
    onBackground(): void;
  }

  /**
   * Permission names (api/permissions.d.ts declares `Permissions` as a union of every permission
   * name; only the ones ArkMesh requests are listed here).
   */
  export type Permissions = 'ohos.permission.DISTRIBUTED_DATASYNC' | 'ohos.permission.INTERNET';

  /**
   * The result of a permission request (api/security/PermissionRequestResult.d.ts):
   * `authResults[i]` is 0 when `permissions[i]` was granted, -1 when denied, 2 when the request was
   * invalid (e.g. the permission is not declared in module.json5).
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-permissionrequestresult
   */
  export class PermissionRequestResult {
    permissions: Array<string>;
    authResults: Array<number>;
  }

  /**
   * Access token manager (api/@ohos.abilityAccessCtrl.d.ts).
   * Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-abilityaccessctrl
   */
  export namespace abilityAccessCtrl {
    export enum GrantStatus {
      PERMISSION_DENIED = -1,
      PERMISSION_GRANTED = 0
    }

    export interface AtManager {
      /**
       * Shows the system dialog for the permissions not granted yet (@since 9; UIAbility contexts
       * only). Rejects with 401 (parameter) or 12100001 (invalid parameter / dialog failure).
       */
      requestPermissionsFromUser(context: common.Context, permissionList: Array<Permissions>): Promise<PermissionRequestResult>;
      /** @since 10 */
      checkAccessTokenSync(tokenID: number, permissionName: Permissions): GrantStatus;
    }

    export function createAtManager(): AtManager;
  }
}
