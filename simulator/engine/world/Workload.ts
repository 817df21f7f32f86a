import { MeshRequest } from '../sdk';
import type { JsonValue, MeshCallOptions, Random } from '../sdk';
import type { RatePattern, RequestStreamSpec } from '../scenario/Scenario';
import type { GatewayHost } from './GatewayHost';
import type { SimDevice } from './SimDevice';
import type { WorldContext } from './WorldContext';

/** Arrivals are computed per tick of this many virtual ms and spread over the tick's milliseconds. */
export const WORKLOAD_TICK_MS = 10;

/** Counters of one stream (requests, publications or sagas). */
export interface StreamStats {
  id: string;
  /** Requests (messages, sagas) issued. */
  issued: number;
  /** Arrivals dropped because their source device (or the gateway device) was down. */
  skipped: number;
  /** Issued ones that settled (answered or failed) so far; the rest are still in flight. */
  settled: number;
  /** Current base rate (per second; a live control may have changed it). */
  rate: number;
}

/** One open-loop stream: when and from where arrivals come, and what an arrival does. */
export interface StreamDef {
  id: string;
  from: string[];
  rate: number;
  pattern: RatePattern;
  arrival: 'uniform' | 'poisson';
  startMs: number;
  stopMs: number;
  /** At most this many arrivals in total (undefined: no limit). */
  limit?: number;
  /** Issues one arrival from `from`; undefined when it cannot (the device is down). */
  issue: (from: string, n: number) => Promise<unknown> | undefined;
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

  constructor(readonly def: StreamDef) {
    this.rate = def.rate;
  }

  /** Arrivals per second at virtual time t (ms since the start). */
  rateAt(t: number): number {
    const s = this.def;
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

/** Request streams as StreamDefs: `MeshNode.call` for a service, `Gateway.handle` for a route. */
export const requestStreams = (specs: RequestStreamSpec[], devices: Map<string, SimDevice>, gateway: GatewayHost | undefined): StreamDef[] =>
  specs.map((spec): StreamDef => {
    const target = spec.target;
    const options: MeshCallOptions = {};
    if (spec.timeoutMs !== undefined) options.timeoutMs = spec.timeoutMs;
    if (target.kind === 'service' && target.versionRange !== undefined) options.versionRange = target.versionRange;
    const issue = target.kind === 'route'
      ? (from: string): Promise<unknown> | undefined => gateway?.handle(new MeshRequest({
        method: target.method, path: target.path, body: target.body as JsonValue, headers: { 'x-client-id': from },
      }))
      : (from: string): Promise<unknown> | undefined => devices.get(from)?.runningNode?.call(target.service,
        new MeshRequest({ method: target.method, path: target.path, body: target.body as JsonValue }), options);
    return { id: spec.id, from: spec.from, rate: spec.rate, pattern: spec.pattern, arrival: spec.arrival, startMs: spec.startMs, stopMs: spec.stopMs, issue };
  });

/**
 * Open-loop streams: every tick, each active stream's rate (pattern and live overrides applied)
 * gives the number of arrivals (exact fractional accumulation, or Poisson), which are spread over
 * the tick and issued from the stream's source devices in turn. Arrivals at a device that is down
 * are skipped and counted: a crashed phone sends nothing.
 */
export class Workload {
  private readonly _streams: StreamRuntime[] = [];
  private readonly _byId = new Map<string, StreamRuntime>();
  private readonly _random: Random;
  private _stopped = false;
  private _ticking = false;

  constructor(private readonly _world: WorldContext) {
    this._random = _world.random.fork('workload');
  }

  /** Adds streams (before `start`). */
  add(defs: StreamDef[]): void {
    for (const d of defs) {
      const s = new StreamRuntime(d);
      this._streams.push(s);
      this._byId.set(d.id, s);
    }
  }

  /** Starts ticking (at the current time). */
  start(): void {
    if (this._streams.length > 0 && !this._ticking) {
      this._ticking = true;
      this._world.clock.setTimer(0, (): void => this.tick());
    }
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
    return this._streams.map((s) => ({ id: s.def.id, issued: s.issued, skipped: s.skipped, settled: s.settled, rate: s.rate }));
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
      if (s.def.arrival === 'poisson') {
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
    const def = s.def;
    if (def.limit !== undefined && s.issued >= def.limit) return;
    const from = def.from[s.next];
    s.next = (s.next + 1) % def.from.length;
    const pending = def.issue(from, s.issued + s.skipped);
    if (pending === undefined) {
      s.skipped++;
      return;
    }
    s.issued++;
    pending.then(s.done, s.done);
  }
}
