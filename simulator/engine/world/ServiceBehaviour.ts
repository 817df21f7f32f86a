import { BulkheadPolicy, MeshError, PolicyContext } from '../sdk';
import type { Clock, KeyValueStore, LatencyModel, MeshRequest, MeshResponse, Random, ServiceContext, ServiceHandler } from '../sdk';
import { createHandler } from '../handlers/builtinHandlers';
import { latencyModel } from '../scenario/latency';
import type { LatencySpec, ServiceSpec } from '../scenario/Scenario';
import type { DelayQueue } from './DelayQueue';

/**
 * How one service behaves on one device: service time drawn from a latency distribution, a share
 * of requests failing with a code, a capacity (the SDK's BulkheadPolicy: `concurrency` at once,
 * `queue` waiting, the rest refused with ERR_BULKHEAD_FULL), then the built-in handler. Error rate
 * and latency can be changed while the simulation runs (faults, live controls) and survive a
 * restart of the device; the handler's state and the bulkhead do not.
 */
export class ServiceBehaviour {
  errorRate: number;
  private _latencySpec: LatencySpec;
  private _latency: LatencyModel;

  constructor(readonly spec: ServiceSpec, private readonly _clock: Clock, private readonly _delays: DelayQueue) {
    this.errorRate = spec.errorRate;
    this._latencySpec = spec.latency;
    this._latency = latencyModel(spec.latency);
  }

  get latency(): LatencySpec {
    return this._latencySpec;
  }

  set latency(spec: LatencySpec) {
    this._latencySpec = spec;
    this._latency = latencyModel(spec);
  }

  /** A handler for one life of the device (fresh in-memory state and capacity; the store is the device's). */
  handlerForLife(random: Random, store: KeyValueStore, firstLife: boolean): ServiceHandler {
    const handler = createHandler(this.spec.handler, { random, store, clock: this._clock, firstLife });
    const name = this.spec.name;
    const serve = (req: MeshRequest): Promise<MeshResponse> =>
      this._delays.sleep(this._latency.sample(random)).then((): Promise<MeshResponse> => {
        if (this.errorRate > 0 && random.next() < this.errorRate) {
          return Promise.reject(new MeshError(this.spec.errorCode, `${name}: simulated failure`));
        }
        return handler(req);
      });
    const concurrency = this.spec.concurrency;
    if (concurrency === undefined) {
      return (req: MeshRequest): Promise<MeshResponse> => serve(req);
    }
    const bulkhead = new BulkheadPolicy({
      clock: this._clock, maxConcurrent: concurrency, maxQueue: this.spec.queue, queueTimeoutMs: this.spec.queueTimeoutMs, name,
    });
    return (req: MeshRequest, ctx: ServiceContext): Promise<MeshResponse> =>
      bulkhead.execute<MeshResponse>((): Promise<MeshResponse> => serve(req), PolicyContext.create({ deadline: ctx.deadline }));
  }
}
