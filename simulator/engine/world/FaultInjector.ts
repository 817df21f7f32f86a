import type { NetworkPartition } from '../sdk';
import type { FaultEvent } from '../events/SimEvent';
import { describeLatency } from '../scenario/latency';
import type { FaultAction, LinkRule } from '../scenario/Scenario';
import type { GatewayHost } from './GatewayHost';
import { describeLink, linkInit } from './linkConditions';
import type { SimDevice } from './SimDevice';
import type { Workload } from './Workload';
import type { WorldContext } from './WorldContext';

const noop = (): void => {};

/** A one-line description of a fault action, for the event stream and the CLI. */
export const describeFault = (a: FaultAction): string => {
  const dur = (ms: number | undefined): string => (ms === undefined ? '' : ` for ${ms} ms`);
  switch (a.action) {
    case 'crash':
      return `crash ${a.device}${dur(a.durationMs)}`;
    case 'restart':
      return `restart ${a.device}`;
    case 'partition':
      return `partition ${a.id}: ${a.sideA.join(',')} | ${a.sideB === undefined ? 'everyone else' : a.sideB.join(',')}${dur(a.durationMs)}`;
    case 'heal':
      return a.partition === undefined ? 'heal all partitions' : `heal ${a.partition}`;
    case 'link':
      return `link ${a.from.join(',')} ${a.bidirectional ? '<->' : '->'} ${a.to.join(',')}: ${describeLink(a.conditions)}${dur(a.durationMs)}`;
    case 'clearLinks':
      return `clear link overrides${a.from === undefined ? '' : ` of ${a.from}`}${a.to === undefined ? '' : ` -> ${a.to}`}`;
    case 'network':
      return `network defaults: ${describeLink(a.conditions)}`;
    case 'gatewayFault': {
      const parts: string[] = [];
      if (a.delay !== undefined) parts.push(`delay ${a.delay.ms} ms x ${a.delay.percent}%`);
      if (a.abort !== undefined) parts.push(`abort ${a.abort.status} x ${a.abort.percent}%`);
      return `gateway faults: ${parts.length === 0 ? 'off' : parts.join(', ')}${dur(a.durationMs)}`;
    }
    case 'service': {
      const parts: string[] = [];
      if (a.errorRate !== undefined) parts.push(`error rate ${Math.round(a.errorRate * 1000) / 10}%`);
      if (a.latency !== undefined) parts.push(`latency ${describeLatency(a.latency)}`);
      return `service ${a.service} on ${a.devices.join(',')}: ${parts.join(', ')}${dur(a.durationMs)}`;
    }
    case 'workloadRate':
      return `stream ${a.stream}: ${a.rate} req/s`;
  }
};

/**
 * Applies fault actions — from the scenario's schedule, from live controls, or reverting a fault
 * with a duration — to the network, the devices, the gateway and the workload, and records each
 * one as a `fault` event (the events of a run replay it).
 */
export class FaultInjector {
  private readonly _partitions = new Map<string, NetworkPartition>();
  private _anonymous = 0;

  constructor(private readonly _world: WorldContext, private readonly _devices: Map<string, SimDevice>,
    private readonly _gateway: GatewayHost | undefined, private readonly _workload: Workload,
    private readonly _baseLinks: LinkRule[]) {}

  /** Partitions in force, by id. */
  partitions(): { id: string; sideA: string[]; sideB: string[] | undefined }[] {
    return [...this._partitions].map(([id, p]) => ({ id, sideA: [...p.sideA], sideB: p.sideB === undefined ? undefined : [...p.sideB] }));
  }

  /** Schedules the scenario's faults (times are from the start of the run). */
  schedule(faults: readonly (FaultAction & { atMs: number })[]): void {
    const w = this._world;
    for (const f of faults) {
      w.clock.setTimer(Math.max(0, f.atMs - w.elapsed()), (): void => this.apply(f, 'schedule'));
    }
  }

  /** Applies `action` now. */
  apply(action: FaultAction, source: FaultEvent['source']): void {
    const w = this._world;
    const a = stripAt(action);
    if (a.action === 'partition' && a.id === '') a.id = `live${++this._anonymous}`;
    w.events.emit<FaultEvent>({ type: 'fault', t: w.elapsed(), source, action: a.action, fault: a, detail: describeFault(a) });
    const durationMs = 'durationMs' in a ? a.durationMs : undefined;
    const revert = (undo: FaultAction): void => {
      if (durationMs !== undefined) w.delays.schedule(durationMs, (): void => this.apply(undo, 'revert'));
    };
    switch (a.action) {
      case 'crash': {
        const d = this._devices.get(a.device);
        if (d !== undefined && d.crash()) {
          w.events.emit({ type: 'device', t: w.elapsed(), device: d.id, state: 'crashed' });
          revert({ action: 'restart', device: a.device });
        }
        break;
      }
      case 'restart': {
        const d = this._devices.get(a.device);
        if (d !== undefined && d.state === 'crashed') {
          w.events.emit({ type: 'device', t: w.elapsed(), device: d.id, state: 'restarted' });
          d.start().then(noop, noop);
        }
        break;
      }
      case 'partition': {
        const old = this._partitions.get(a.id);
        if (old !== undefined) w.network.heal(old);
        this._partitions.set(a.id, w.network.partition(a.sideA, a.sideB));
        revert({ action: 'heal', partition: a.id });
        break;
      }
      case 'heal': {
        if (a.partition === undefined) {
          w.network.heal();
          this._partitions.clear();
        } else {
          const p = this._partitions.get(a.partition);
          if (p !== undefined) w.network.heal(p);
          this._partitions.delete(a.partition);
        }
        break;
      }
      case 'link': {
        const init = linkInit(a.conditions);
        for (const from of a.from) {
          for (const to of a.to) {
            if (from !== to) w.network.setLinkConditions(from, to, init, a.bidirectional);
          }
        }
        if (a.durationMs !== undefined) {
          w.delays.schedule(a.durationMs, (): void => {
            this.restoreLinks(a.from, a.to);
            w.events.emit<FaultEvent>({ type: 'fault', t: w.elapsed(), source: 'revert', action: 'clearLinks',
              fault: { action: 'clearLinks', from: undefined, to: undefined }, detail: `restore links ${a.from.join(',')} / ${a.to.join(',')}` });
          });
        }
        break;
      }
      case 'clearLinks':
        w.network.clearLinkConditions(a.from, a.to);
        break;
      case 'network':
        w.network.setDefaultConditions(linkInit(a.conditions));
        break;
      case 'gatewayFault': {
        if (this._gateway !== undefined) {
          const before = this._gateway.faults;
          this._gateway.setFaults({ delay: a.delay, abort: a.abort });
          revert({ action: 'gatewayFault', delay: before?.delay, abort: before?.abort });
        }
        break;
      }
      case 'service': {
        for (const id of a.devices) {
          const b = this._devices.get(id)?.behaviours.get(a.service);
          if (b === undefined) continue;
          const undo: FaultAction = { action: 'service', service: a.service, devices: [id], errorRate: undefined, latency: undefined };
          if (a.errorRate !== undefined) {
            undo.errorRate = b.errorRate;
            b.errorRate = a.errorRate;
          }
          if (a.latency !== undefined) {
            undo.latency = b.latency;
            b.latency = a.latency;
          }
          revert(undo);
        }
        break;
      }
      case 'workloadRate':
        this._workload.setRate(a.stream, a.rate);
        break;
    }
  }

  /** Puts the links between `from` and `to` (both ways) back to the scenario's own conditions. */
  private restoreLinks(from: string[], to: string[]): void {
    const net = this._world.network;
    for (const f of from) {
      for (const t of to) {
        if (f === t) continue;
        net.clearLinkConditions(f, t); // both directions
        for (const rule of this._baseLinks) {
          if (rule.from.includes(f) && rule.to.includes(t)) net.setLinkConditions(f, t, linkInit(rule.conditions), rule.bidirectional);
          if (rule.from.includes(t) && rule.to.includes(f)) net.setLinkConditions(t, f, linkInit(rule.conditions), rule.bidirectional);
        }
      }
    }
  }
}

const stripAt = (action: FaultAction): FaultAction => {
  const copy = { ...action } as FaultAction & { atMs?: number };
  delete copy.atMs;
  return copy;
};
