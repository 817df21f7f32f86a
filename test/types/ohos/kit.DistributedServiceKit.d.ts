// @kit.DistributedServiceKit: the trusted-device list and device state events that will feed mesh
// membership (phase 2: devices coming online/offline become joins/leaves).
// Source: interface_sdk-js api/@ohos.distributedDeviceManager.d.ts (re-exported as
// `distributedDeviceManager` by kits/@kit.DistributedServiceKit.d.ts). All members since API 10.
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-distributeddevicemanager
// Every DeviceManager call needs ohos.permission.DISTRIBUTED_DATASYNC (user_grant); errors 201
// (permission), 401 (parameter), 11600101 (failed to execute).
declare module '@kit.DistributedServiceKit' {
  import { Callback } from '@kit.BasicServicesKit';

  export namespace distributedDeviceManager {
    interface DeviceBasicInfo {
      /** udid-hash obfuscated with the app id (SHA-256): stable per app, not across apps. */
      deviceId: string;
      deviceName: string;
      /** Device type name (a string since the API 10 release of this module). */
      deviceType: string;
      networkId?: string;
    }

    enum DeviceStateChange {
      /** Online, but distributed services are not usable until AVAILABLE. */
      UNKNOWN = 0,
      AVAILABLE = 1,
      UNAVAILABLE = 2
    }

    function createDeviceManager(bundleName: string): DeviceManager;
    function releaseDeviceManager(deviceManager: DeviceManager): void;

    interface DeviceManager {
      getAvailableDeviceListSync(): Array<DeviceBasicInfo>;
      getAvailableDeviceList(): Promise<Array<DeviceBasicInfo>>;
      getLocalDeviceNetworkId(): string;
      getLocalDeviceName(): string;
      getLocalDeviceType(): number;
      getLocalDeviceId(): string;
      getDeviceName(networkId: string): string;
      getDeviceType(networkId: string): number;
      on(type: 'deviceStateChange', callback: Callback<{ action: DeviceStateChange; device: DeviceBasicInfo }>): void;
      off(type: 'deviceStateChange', callback?: Callback<{ action: DeviceStateChange; device: DeviceBasicInfo }>): void;
      on(type: 'serviceDie', callback?: Callback<{}>): void;
      off(type: 'serviceDie', callback?: Callback<{}>): void;
    }
  }
}
