import { ServiceInstance } from '../registry/ServiceInstance';

/** A service this node provides; dispose it to stop providing (the instance is deregistered). */
export class ServiceRegistration {
  readonly instance: ServiceInstance;
  private _release: (() => void) | undefined;

  constructor(instance: ServiceInstance, release: () => void) {
    this.instance = instance;
    this._release = release;
  }

  get active(): boolean {
    return this._release !== undefined;
  }

  dispose(): void {
    const r = this._release;
    if (r !== undefined) {
      this._release = undefined;
      r();
    }
  }
}
