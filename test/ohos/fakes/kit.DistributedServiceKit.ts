// A desktop stand-in for distributedDeviceManager (@kit.DistributedServiceKit): a list of trusted
// devices the test controls, deviceStateChange callbacks, and the documented failure modes
// (201 without DISTRIBUTED_DATASYNC, 401 for an empty bundle name).
import { FakeBusinessError } from './BusinessError';

interface DeviceBasicInfo { deviceId: string; deviceName: string; deviceType: string; networkId?: string }
interface StateData { action: number; device: DeviceBasicInfo }
type StateCallback = (data: StateData) => void;

enum DeviceStateChange { UNKNOWN = 0, AVAILABLE = 1, UNAVAILABLE = 2 }

class FakeDeviceManager {
  readonly callbacks: StateCallback[] = [];
  released = false;

  constructor(readonly bundleName: string) {}

  getAvailableDeviceListSync(): DeviceBasicInfo[] {
    if (!dmFake.permitted) throw new FakeBusinessError(201, 'Permission verification failed');
    return dmFake.available.map((d) => ({ ...d }));
  }

  getLocalDeviceNetworkId(): string {
    if (!dmFake.permitted) throw new FakeBusinessError(201, 'Permission verification failed');
    return dmFake.localNetworkId;
  }

  on(type: string, callback: StateCallback): void {
    if (type !== 'deviceStateChange') throw new FakeBusinessError(401, `unknown event ${type}`);
    this.callbacks.push(callback);
  }

  off(type: string, callback?: StateCallback): void {
    const i = callback === undefined ? -1 : this.callbacks.indexOf(callback);
    if (callback === undefined) this.callbacks.length = 0;
    else if (i >= 0) this.callbacks.splice(i, 1);
  }
}

export const dmFake = {
  permitted: true,
  localNetworkId: 'net-local',
  available: [] as DeviceBasicInfo[],
  managers: [] as FakeDeviceManager[],
  /** Reports a state change to every live manager (and keeps `available` in step). */
  emit(action: number, device: DeviceBasicInfo): void {
    this.available = this.available.filter((d) => d.networkId !== device.networkId);
    if (action === DeviceStateChange.AVAILABLE) this.available.push(device);
    for (const m of this.managers) if (!m.released) for (const cb of m.callbacks.slice()) cb({ action, device });
  },
  reset(): void {
    this.permitted = true;
    this.localNetworkId = 'net-local';
    this.available = [];
    this.managers = [];
  },
};

export const distributedDeviceManager = {
  DeviceStateChange,
  createDeviceManager(bundleName: string): FakeDeviceManager {
    if (typeof bundleName !== 'string' || bundleName.length === 0) throw new FakeBusinessError(401, 'Parameter error');
    if (!dmFake.permitted) throw new FakeBusinessError(201, 'Permission verification failed');
    const m = new FakeDeviceManager(bundleName);
    dmFake.managers.push(m);
    return m;
  },
  releaseDeviceManager(m: FakeDeviceManager): void {
    m.released = true;
  },
};
