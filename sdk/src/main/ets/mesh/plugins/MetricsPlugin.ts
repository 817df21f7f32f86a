import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { GatewayExchange } from '../../gateway/GatewayExchange';
import { MembershipEvent } from '../../membership/Member';
import { MemberEventType, MemberState } from '../../membership/MemberState';
import { RedMetrics } from '../../metrics/red/RedMetrics';
import { TimerId } from '../../platform/Clock';
import { BreakerRejection, BreakerStateChange } from '../../resilience/CircuitBreakerTypes';
import { CircuitState } from '../../resilience/CircuitState';
import { RetryGiveUpReason } from '../../resilience/RetryPolicy';
import { TransportClosedEvent } from '../../transport/Transport';
import { CallCompletedEvent, CallOutcome } from '../MeshEvents';
import type { MeshNode } from '../MeshNode';
import { MeshPlugin } from '../MeshPlugin';
import { DEFAULT_MESH_METER_NAME, DEFAULT_TRANSPORT_SYNC_MS, MetricsPluginOptions, UNMATCHED_ROUTE } from './MetricsPluginOptions';
import { MeshRetryGiveUpEvent, ResiliencePlugin } from './ResiliencePlugin';
import { TransportTotals } from './TransportTotals';

/**
 * RED metrics for a MeshNode, recorded into a {@link RedMetrics} from the node's events (no
 * interceptor on the call path):
 *
 * - calls: `node.onCall` -> `recordCall` (service, serving device, outcome, code, latency) and
 *   `recordRetry` for every attempt after the first;
 * - gateway: `node.gateway.onExchange` -> `recordRoute` per route template (`unmatched` for
 *   requests no route matched) and status class;
 * - breakers (the resilience plugin's registry): transitions and state, rejections; retry-budget
 *   give-ups -> `recordRetryBudgetExhausted`;
 * - membership: member counts (alive, suspect, dead; LEFT counts as dead) after each change,
 *   and transitions by new state;
 * - transport: envelopes and bytes sent and received, and rejected input by reason (`malformed`,
 *   `misaddressed`, `duplicate`, `expired`, `unmatched`, `unhandled`), pushed from
 *   `transport.stats` as deltas every `transportSyncMs` and when the node stops.
 *
 * @example
 * const provider = new MeterProvider({ clock, resource: { 'device.id': 'phone' } });
 * MeshNode.create({ ..., metrics: { meterProvider: provider } });
 * renderPrometheus(provider.collect());
 */
export class MetricsPlugin implements MeshPlugin {
  readonly name: string = 'metrics';
  readonly install: (node: MeshNode) => void;
  /** Where everything is recorded. */
  readonly red: RedMetrics;
  private readonly _options: MetricsPluginOptions;
  private readonly _syncMs: number;
  private _node: MeshNode | undefined = undefined;
  private _totals: TransportTotals | undefined = undefined;
  private _timer: TimerId = -1;
  private _countPending: boolean = false;

  /** @throws InvalidArgumentError without `red` or `meterProvider`, or for a bad `transportSyncMs`. */
  constructor(options: MetricsPluginOptions) {
    if (options === undefined || options === null) {
      throw new InvalidArgumentError('options', 'needs red or meterProvider');
    }
    const red = options.red;
    const provider = options.meterProvider;
    if (red !== undefined) {
      this.red = red;
    } else if (provider !== undefined) {
      this.red = new RedMetrics(provider.getMeter(DEFAULT_MESH_METER_NAME), options.redOptions);
    } else {
      throw new InvalidArgumentError('options.red', 'give a RedMetrics or a meterProvider');
    }
    const sync = options.transportSyncMs ?? DEFAULT_TRANSPORT_SYNC_MS;
    if (!Number.isFinite(sync) || sync < 0) {
      throw new InvalidArgumentError('options.transportSyncMs', 'must be a number >= 0');
    }
    this._syncMs = sync;
    this._options = options;
    this.install = (node: MeshNode): void => this.attach(node);
  }

  /** Pushes the transport counters accumulated since the last push. */
  syncTransport(): void {
    const totals = this._totals;
    if (totals !== undefined) {
      totals.push(this.red);
    }
  }

  private attach(node: MeshNode): void {
    if (this._node !== undefined) {
      throw new InvalidStateError(`the metrics plugin is installed on ${this._node.deviceId}; make one per node`);
    }
    this._node = node;
    const red = this.red;
    node.onCall((e: CallCompletedEvent): void => {
      red.recordCall({
        service: e.serviceName, device: e.deviceId, ok: e.outcome === CallOutcome.OK, errorCode: e.code, latencyMs: e.latencyMs
      });
      if (e.attempts > 1) {
        red.recordRetry(e.serviceName, e.attempts - 1);
      }
    });
    const installed = node.plugin('resilience');
    const resilience = this._options.resilience ?? (installed instanceof ResiliencePlugin ? installed : undefined);
    if (resilience !== undefined) {
      this.watchResilience(resilience);
    }
    if (this._options.gateway ?? true) {
      const gateway = node.gateway;
      gateway.onExchange((e: GatewayExchange): void => {
        const route = e.routeId === undefined ? undefined : gateway.router.get(e.routeId);
        red.recordRoute({ route: route === undefined ? UNMATCHED_ROUTE : route.path, method: e.method, status: e.status, latencyMs: e.durationMs });
      });
    }
    if (this._options.membership ?? true) {
      node.onMembership((e: MembershipEvent): void => {
        if (e.type !== MemberEventType.UPDATED) {
          red.recordMemberTransition(e.member.state);
        }
        this.scheduleCount();
      });
      this.countMembers();
    }
    this._totals = new TransportTotals(node.transport.stats);
    node.transport.onClosed((e: TransportClosedEvent): void => this.stopSync());
    this.armSync();
  }

  private watchResilience(resilience: ResiliencePlugin): void {
    const red = this.red;
    const breakers = resilience.breakers;
    breakers.onCreated((key: string): void => red.recordBreakerState(key, CircuitState.CLOSED));
    breakers.onStateChange((e: BreakerStateChange): void => red.recordBreakerTransition(e.name, e.from, e.to));
    breakers.onRejection((e: BreakerRejection): void => red.recordBreakerRejection(e.name));
    resilience.onGiveUp((e: MeshRetryGiveUpEvent): void => {
      if (e.reason === RetryGiveUpReason.BUDGET) {
        red.recordRetryBudgetExhausted(e.service);
      }
    });
  }

  // Member counts are recounted once per turn, however many changes it brought.
  private scheduleCount(): void {
    if (this._countPending) {
      return;
    }
    this._countPending = true;
    Promise.resolve().then((): void => {
      this._countPending = false;
      this.countMembers();
    });
  }

  private countMembers(): void {
    const node = this._node as MeshNode;
    let alive = 0;
    let suspect = 0;
    let dead = 0;
    const members = node.membership.members();
    for (let i = 0; i < members.length; i++) {
      const state = members[i].state;
      if (state === MemberState.ALIVE) {
        alive++;
      } else if (state === MemberState.SUSPECT) {
        suspect++;
      } else {
        dead++;
      }
    }
    this.red.recordMembership({ alive: alive, suspect: suspect, dead: dead });
  }

  private armSync(): void {
    const node = this._node as MeshNode;
    if (this._syncMs <= 0 || node.transport.closed) {
      return;
    }
    this._timer = node.clock.setTimer(this._syncMs, (): void => {
      this._timer = -1;
      this.syncTransport();
      this.armSync();
    });
  }

  private stopSync(): void {
    if (this._timer !== -1) {
      (this._node as MeshNode).clock.clearTimer(this._timer);
      this._timer = -1;
    }
    this.syncTransport();
  }
}

/** A {@link MetricsPlugin} for `options` (what `MeshNodeOptions.metrics` installs). */
export const metricsPlugin = (options: MetricsPluginOptions): MetricsPlugin => new MetricsPlugin(options);
