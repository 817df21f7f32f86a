import { MeshRequest } from '../sdk';
import type { JsonValue, MeshCallOptions, Random } from '../sdk';
import type { RequestStreamSpec } from '../scenario/Scenario';
import type { GatewayHost } from './GatewayHost';
import type { SimDevice } from './SimDevice';
import type { WorldContext } from './WorldContext';

/** Arrivals are computed per tick of this many virtual ms and spread over the tick's milliseconds. */
export const WORKLOAD_TICK_MS = 10;

/** Counters of one request stream. */
export interface StreamStats {
  id: string;
  /** Requests issued. */
  issued: number;
  /** Arrivals dropped because their source device (or the gateway device) was down. */
  skipped: number;
  /** Issued requests that settled (answered or failed) so far; the rest are still in flight. */
  settled: number;
  /** Current base rate (requests/s; a live control may have changed it). */
  rate: number;
}

class StreamRuntime {
  rate: number;
  carry = 0;
  next = 0;
  issued = 0;
  skipped = 0;
  settled = 0;
  readonly done = (): void => {
    this.settled++;
  };

  constructor(readonly spec: RequestStreamSpec) {
    this.rate = spec.rate;
  }

  /** Requests per second at virtual time t (ms since the start). */
  rateAt(t: number): number {
    const s = this.spec;
    if (t < s.startMs || t >= s.stopMs) return 0;
    const p = s.pattern;
    switch (p.type) {
      case 'constant':
        return this.rate;
      case 'ramp':
        return this.rate + ((p.to - this.rate) * (t - s.startMs)) / (s.stopMs - s.startMs);
      case 'burst':
        return (t - s.startMs) % p.everyMs < p.lengthMs ? p.rate : this.rate;
    }
  }
}

/** Poisson-distributed count with mean `lambda` (Knuth below 30, normal approximation above). */
const poisson = (lambda: number, random: Random): number => {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random.next();
    while (p > limit) {
      k++;
      p *= random.next();
    }
    return k;
  }
  const u = 1 - random.next();
  const v = random.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
};

/**
 * Open-loop request streams: every tick, each active stream's rate (pattern and live overrides
 * applied) gives the number of arrivals (exact fractional accumulation, or Poisson), which are
 * spread over the tick and issued from the stream's source devices in turn — `MeshNode.call` for a
 * service, `Gateway.handle` for a route. Arrivals at a device that is down are skipped and
 * counted: a crashed phone sends nothing.
 */
export class Workload {
  private readonly _streams: StreamRuntime[];
  private readonly _byId = new Map<string, StreamRuntime>();
  private readonly _random: Random;
  private _stopped = false;

  constructor(private readonly _world: WorldContext, specs: RequestStreamSpec[], private readonly _devices: Map<string, SimDevice>,
    private readonly _gateway: GatewayHost | undefined) {
    this._streams = specs.map((s) => new StreamRuntime(s));
    for (const s of this._streams) this._byId.set(s.spec.id, s);
    this._random = _world.random.fork('workload');
  }

  /** Starts ticking (at the current time). */
  start(): void {
    if (this._streams.length > 0) this._world.clock.setTimer(0, (): void => this.tick());
  }

  stop(): void {
    this._stopped = true;
  }

  /** Changes a stream's base rate; false for an unknown stream. */
  setRate(id: string, rate: number): boolean {
    const s = this._byId.get(id);
    if (s === undefined) return false;
    s.rate = rate;
    return true;
  }

  stats(): StreamStats[] {
    return this._streams.map((s) => ({ id: s.spec.id, issued: s.issued, skipped: s.skipped, settled: s.settled, rate: s.rate }));
  }

  private tick(): void {
    if (this._stopped) return;
    const w = this._world;
    const t = w.elapsed();
    const end = w.scenario.durationMs;
    if (t >= end) return;
    const tick = Math.min(WORKLOAD_TICK_MS, end - t);
    for (const s of this._streams) {
      const rate = s.rateAt(t + tick / 2);
      if (rate <= 0) continue;
      const expected = (rate * tick) / 1000;
      let n: number;
      if (s.spec.arrival === 'poisson') {
        n = poisson(expected, this._random);
      } else {
        s.carry += expected;
        // The epsilon absorbs float error, so 0.37 + 0.37 + ... reaches whole requests on time.
        n = Math.floor(s.carry + 1e-9);
        s.carry -= n;
      }
      for (let k = 0; k < n; k++) {
        const offset = Math.floor((k * tick) / n);
        if (offset === 0) this.issue(s);
        else w.delays.schedule(offset, (): void => this.issue(s));
      }
    }
    w.clock.setTimer(tick, (): void => this.tick());
  }

  private issue(s: StreamRuntime): void {
    if (this._stopped) return;
    const spec = s.spec;
    const from = spec.from[s.next];
    s.next = (s.next + 1) % spec.from.length;
    const target = spec.target;
    if (target.kind === 'route') {
      const gw = this._gateway;
      const req = new MeshRequest({ method: target.method, path: target.path, body: target.body as JsonValue, headers: { 'x-client-id': from } });
      const pending = gw === undefined ? undefined : gw.handle(req);
      if (pending === undefined) {
        s.skipped++;
        return;
      }
      s.issued++;
      pending.then(s.done, s.done);
      return;
    }
    const node = this._devices.get(from)?.runningNode;
    if (node === undefined) {
      s.skipped++;
      return;
    }
    s.issued++;
    const options: MeshCallOptions = {};
    if (spec.timeoutMs !== undefined) options.timeoutMs = spec.timeoutMs;
    if (target.versionRange !== undefined) options.versionRange = target.versionRange;
    const req = new MeshRequest({ method: target.method, path: target.path, body: target.body as JsonValue });
    node.call(target.service, req, options).then(s.done, s.done);
  }
}
