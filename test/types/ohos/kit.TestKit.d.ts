// @kit.TestKit: what the ohosTest runner and test ability use to start hypium on a device.
// Sources: interface_sdk-js kits/@kit.TestKit.d.ts, api/@ohos.app.ability.abilityDelegatorRegistry.d.ts,
// api/application/AbilityDelegator.d.ts, api/application/AbilityDelegatorArgs.d.ts,
// api/application/AbilityMonitor.d.ts, api/@ohos.application.testRunner.d.ts.
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-app-ability-abilitydelegatorregistry
//      https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-inner-application-abilitydelegator
//      https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-application-testrunner
declare module '@kit.TestKit' {
  import { common, UIAbility, Want } from '@kit.AbilityKit';
  import { AsyncCallback } from '@kit.BasicServicesKit';

  export namespace abilityDelegatorRegistry {
    interface AbilityMonitor {
      abilityName: string;
      moduleName?: string;
      onAbilityCreate?: (ability: UIAbility) => void;
      onAbilityForeground?: (ability: UIAbility) => void;
      onAbilityDestroy?: (ability: UIAbility) => void;
    }

    interface AbilityDelegatorArgs {
      bundleName: string;
      parameters: Record<string, string>;
      testCaseNames: string;
      testRunnerClassName: string;
    }

    interface AbilityDelegator {
      addAbilityMonitor(monitor: AbilityMonitor, callback: AsyncCallback<void>): void;
      addAbilityMonitor(monitor: AbilityMonitor): Promise<void>;
      startAbility(want: Want, callback: AsyncCallback<void>): void;
      startAbility(want: Want): Promise<void>;
      getAppContext(): common.Context;
      printSync(msg: string): void;
      finishTest(msg: string, code: number, callback: AsyncCallback<void>): void;
    }

    function getAbilityDelegator(): AbilityDelegator;
    function getArguments(): AbilityDelegatorArgs;
  }

  /** Implemented by the class named in the ohosTest module's test runner. */
  export interface TestRunner {
    onPrepare(): void;
    onRun(): void;
  }
}
