import { MeshRequest } from '../../transport/MeshRequest';
import { ServiceInstance } from '../ServiceInstance';

/**
 * What a balancer may look at besides the candidates. The node reuses one context per call
 * (picking is synchronous), so balancers must not keep a reference to it.
 */
export class PickContext {
  /** Affinity key for consistent hashing (CallOptions.hashKey); wins over the hash header. */
  hashKey: string | undefined = undefined;
  /** The request being routed (headers for hashing, path, ...). */
  request: MeshRequest | undefined = undefined;
  /** The calling device, for locality. */
  localDeviceId: string = '';
  localDeviceType: string = '';
  localZone: string | undefined = undefined;
}

/**
 * Picks one instance among healthy candidates. The node tells it when a call to an instance
 * starts and ends, so stateful strategies (least request, EWMA) can track load and latency.
 * `pick` returns undefined only for an empty candidate list. One balancer serves one service
 * (see BalancerFactory), so per-instance state stays small.
 */
export interface LoadBalancer {
  readonly name: string;
  pick(candidates: ReadonlyArray<ServiceInstance>, ctx: PickContext): ServiceInstance | undefined;
  onCallStart(instance: ServiceInstance): void;
  onCallEnd(instance: ServiceInstance, latencyMs: number, ok: boolean): void;
}

/** Makes the balancer of one service (called once per service name, on first use). */
export type BalancerFactory = (serviceName: string) => LoadBalancer;
