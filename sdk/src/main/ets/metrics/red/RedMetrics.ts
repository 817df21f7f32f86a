import { Disposable } from '../../core/events/Disposable';
import { Counter } from '../instruments/Counter';
import { Gauge } from '../instruments/Gauge';
import { Histogram } from '../instruments/Histogram';
import { ObservableInstrument } from '../instruments/ObservableInstrument';
import { ObservableResult } from '../instruments/ObservableResult';
import { MetricValueType } from '../InstrumentKind';
import { DEFAULT_HISTOGRAM_BOUNDARIES, DEFAULT_WINDOW_SLOTS } from '../InstrumentOptions';
import { Meter } from '../Meter';
import { MetricLabels } from '../MetricLabels';
import {
  RedCallEvent, RedDeliveryEvent, RedDeliveryOutcome, RedMembershipCounts, RedQueueState, RedRouteEvent, RedSagaEvent,
  RedSummary, RedTransportEvent
} from './RedEvents';
import { RedMetricName } from './RedMetricNames';
import { summarizeWindow } from './redSummaries';

/** Default sliding window of the call and route latency histograms ("last 10 seconds"). */
export const DEFAULT_RED_WINDOW_MS = 10000;

/** Options of {@link RedMetrics}. */
export interface RedMetricsOptions {
  /** Sliding window of the call and gateway histograms (summaries). Default {@link DEFAULT_RED_WINDOW_MS}. */
  windowMs?: number;
  /** Sub-windows of that window. Default {@link DEFAULT_WINDOW_SLOTS}. */
  windowSlots?: number;
  /** Explicit latency bucket bounds in ms. Default {@link DEFAULT_HISTOGRAM_BOUNDARIES}. */
  latencyBoundaries?: number[];
}

const STATUS_CLASSES: string[] = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/** '2xx' for 200..299 and so on; 'other' outside 100..599. */
export const redStatusClass = (status: number): string => {
  const c = Math.floor(status / 100);
  return c >= 1 && c <= 5 ? STATUS_CLASSES[c - 1] : 'other';
};

/**
 * RED metrics (rate, errors, duration) and the health of breakers, queues, sagas, membership and
 * transport, from small typed events: the golden signals per service, route and device without
 * any code in the app. One instance per node, over the node's Meter. Every method is a hot-path
 * record that never throws; bad numbers are dropped and counted by the instruments.
 *
 * @example
 * const red = new RedMetrics(provider.getMeter('arkmesh.mesh'));
 * node.onCallCompleted((e) => red.recordCall({ service: e.service, device: e.device, ok: e.ok, errorCode: e.code, latencyMs: e.latencyMs }));
 * red.serviceSummaries(); // [{ key: 'media.player', rps: 12.3, errorRate: 0.01, p99: 180, ... }]
 */
export class RedMetrics {
  readonly meter: Meter;
  private readonly _calls: Counter;
  private readonly _callDuration: Histogram;
  private readonly _routes: Counter;
  private readonly _routeDuration: Histogram;
  private readonly _published: Counter;
  private readonly _deliveries: Counter;
  private readonly _ackLatency: Histogram;
  private readonly _queueDepth: ObservableInstrument;
  private readonly _queueAge: ObservableInstrument;
  private readonly _breakerState: Gauge;
  private readonly _breakerTransitions: Counter;
  private readonly _breakerRejections: Counter;
  private readonly _retries: Counter;
  private readonly _retryBudget: Counter;
  private readonly _sagas: Counter;
  private readonly _sagaDuration: Histogram;
  private readonly _members: Gauge;
  private readonly _memberTransitions: Counter;
  private readonly _bytes: Counter;
  private readonly _envelopes: Counter;
  private readonly _rejects: Counter;
  private readonly _breakerStates: Map<string, string> = new Map<string, string>();
  private _queueReaders: (() => RedQueueState[])[] = [];

  /** @throws ERR_INVALID_ARGUMENT for bad options; ERR_METRIC_INVALID when the meter already has one of the names with other options. */
  constructor(meter: Meter, options?: RedMetricsOptions) {
    this.meter = meter;
    const windowMs = options?.windowMs ?? DEFAULT_RED_WINDOW_MS;
    const windowSlots = options?.windowSlots ?? DEFAULT_WINDOW_SLOTS;
    const bounds = options?.latencyBoundaries ?? DEFAULT_HISTOGRAM_BOUNDARIES;
    const int = MetricValueType.INT;
    this._calls = meter.createCounter(RedMetricName.CALLS, {
      description: 'Calls by service, serving device, outcome and error code', unit: '{call}', valueType: int,
      labelKeys: ['service', 'device', 'outcome', 'code']
    });
    this._callDuration = meter.createHistogram(RedMetricName.CALL_DURATION, {
      description: 'Call latency', unit: 'ms', labelKeys: ['service', 'device', 'outcome'], boundaries: bounds,
      windowMs: windowMs, windowSlots: windowSlots
    });
    this._routes = meter.createCounter(RedMetricName.ROUTE_REQUESTS, {
      description: 'Gateway requests by route, method and status class', unit: '{request}', valueType: int,
      labelKeys: ['route', 'method', 'status_class']
    });
    this._routeDuration = meter.createHistogram(RedMetricName.ROUTE_DURATION, {
      description: 'Gateway latency', unit: 'ms', labelKeys: ['route', 'status_class'], boundaries: bounds,
      windowMs: windowMs, windowSlots: windowSlots
    });
    this._published = meter.createCounter(RedMetricName.QUEUE_PUBLISHED, {
      description: 'Messages published', unit: '{message}', valueType: int, labelKeys: ['topic']
    });
    this._deliveries = meter.createCounter(RedMetricName.QUEUE_DELIVERIES, {
      description: 'Message deliveries by outcome', unit: '{delivery}', valueType: int, labelKeys: ['topic', 'group', 'outcome']
    });
    this._ackLatency = meter.createHistogram(RedMetricName.QUEUE_ACK_LATENCY, {
      description: 'Time from publish to ack', unit: 'ms', labelKeys: ['topic', 'group'], boundaries: bounds
    });
    this._queueDepth = meter.createObservableGauge(RedMetricName.QUEUE_DEPTH, {
      description: 'Messages waiting per consumer group', unit: '{message}', labelKeys: ['topic', 'group']
    }, (r: ObservableResult): void => this.observeQueueState(r, false));
    this._queueAge = meter.createObservableGauge(RedMetricName.QUEUE_OLDEST_AGE, {
      description: 'Age of the oldest waiting message', unit: 'ms', labelKeys: ['topic', 'group']
    }, (r: ObservableResult): void => this.observeQueueState(r, true));
    this._breakerState = meter.createGauge(RedMetricName.BREAKER_STATE, {
      description: 'Circuit breaker state (1 = current)', valueType: int, labelKeys: ['breaker', 'state']
    });
    this._breakerTransitions = meter.createCounter(RedMetricName.BREAKER_TRANSITIONS, {
      description: 'Circuit breaker state transitions', unit: '{transition}', valueType: int, labelKeys: ['breaker', 'from', 'to']
    });
    this._breakerRejections = meter.createCounter(RedMetricName.BREAKER_REJECTIONS, {
      description: 'Calls rejected by an open breaker', unit: '{call}', valueType: int, labelKeys: ['breaker']
    });
    this._retries = meter.createCounter(RedMetricName.RETRIES, {
      description: 'Retry attempts', unit: '{attempt}', valueType: int, labelKeys: ['service']
    });
    this._retryBudget = meter.createCounter(RedMetricName.RETRY_BUDGET_EXHAUSTED, {
      description: 'Retries refused by an exhausted retry budget', unit: '{attempt}', valueType: int, labelKeys: ['service']
    });
    this._sagas = meter.createCounter(RedMetricName.SAGAS, {
      description: 'Finished sagas by outcome', unit: '{saga}', valueType: int, labelKeys: ['saga', 'outcome']
    });
    this._sagaDuration = meter.createHistogram(RedMetricName.SAGA_DURATION, {
      description: 'Saga duration', unit: 'ms', labelKeys: ['saga', 'outcome'], boundaries: bounds
    });
    this._members = meter.createGauge(RedMetricName.MEMBERS, {
      description: 'Members by state', unit: '{member}', valueType: int, labelKeys: ['state']
    });
    this._memberTransitions = meter.createCounter(RedMetricName.MEMBER_TRANSITIONS, {
      description: 'Membership changes by new state', unit: '{change}', valueType: int, labelKeys: ['state']
    });
    this._bytes = meter.createCounter(RedMetricName.TRANSPORT_BYTES, {
      description: 'Transport bytes', unit: 'By', valueType: int, labelKeys: ['direction', 'device']
    });
    this._envelopes = meter.createCounter(RedMetricName.TRANSPORT_ENVELOPES, {
      description: 'Transport envelopes', unit: '{envelope}', valueType: int, labelKeys: ['direction', 'device']
    });
    this._rejects = meter.createCounter(RedMetricName.TRANSPORT_REJECTS, {
      description: 'Envelopes rejected by the transport', unit: '{envelope}', valueType: int, labelKeys: ['reason']
    });
  }

  /** A finished call: counts it by outcome and code and records its latency. */
  recordCall(e: RedCallEvent): void {
    const outcome = e.ok ? 'ok' : 'error';
    const labels: MetricLabels = { 'service': e.service, 'outcome': outcome };
    if (e.device !== undefined) {
      labels['device'] = e.device;
    }
    if (!e.ok && e.errorCode !== undefined) {
      labels['code'] = e.errorCode;
    }
    // The histogram declares no 'code' key, so it keeps {service, device, outcome}.
    this._callDuration.record(e.latencyMs, labels);
    this._calls.add(1, labels);
  }

  /** A request the gateway answered: counts it by route, method and status class, and records its latency. */
  recordRoute(e: RedRouteEvent): void {
    const cls = redStatusClass(e.status);
    this._routes.add(1, { 'route': e.route, 'method': e.method, 'status_class': cls });
    this._routeDuration.record(e.latencyMs, { 'route': e.route, 'status_class': cls });
  }

  /** `count` messages published to `topic`. */
  recordPublished(topic: string, count?: number): void {
    this._published.add(count ?? 1, { 'topic': topic });
  }

  /** A delivery step; ACKED events with `latencyMs` also record the publish-to-ack latency. */
  recordDelivery(e: RedDeliveryEvent): void {
    this._deliveries.add(1, { 'topic': e.topic, 'group': e.group, 'outcome': e.outcome });
    if (e.outcome === RedDeliveryOutcome.ACKED && e.latencyMs !== undefined) {
      this._ackLatency.record(e.latencyMs, { 'topic': e.topic, 'group': e.group });
    }
  }

  /**
   * Registers a reader of queue depth and oldest age, called at every collection (ages change
   * with time, not with events). Dispose the result to stop reading.
   */
  observeQueues(read: () => RedQueueState[]): Disposable {
    const next = this._queueReaders.slice();
    next.push(read);
    this._queueReaders = next;
    return new Disposable((): void => {
      this._queueReaders = this._queueReaders.filter((r: () => RedQueueState[]): boolean => r !== read);
    });
  }

  /** A breaker is now in `state` (e.g. CircuitState values 'closed', 'open', 'half-open'). */
  recordBreakerState(breaker: string, state: string): void {
    const previous = this._breakerStates.get(breaker);
    if (previous !== undefined && previous !== state) {
      this._breakerState.set(0, { 'breaker': breaker, 'state': previous });
    }
    this._breakerStates.set(breaker, state);
    this._breakerState.set(1, { 'breaker': breaker, 'state': state });
  }

  /** A breaker moved from `from` to `to`: counts the transition and updates the state gauge. */
  recordBreakerTransition(breaker: string, from: string, to: string): void {
    this._breakerTransitions.add(1, { 'breaker': breaker, 'from': from, 'to': to });
    this.recordBreakerState(breaker, to);
  }

  /** A call an open breaker rejected. */
  recordBreakerRejection(breaker: string): void {
    this._breakerRejections.add(1, { 'breaker': breaker });
  }

  /** `count` (default 1) retry attempts of a call to `service`. */
  recordRetry(service: string, count?: number): void {
    this._retries.add(count ?? 1, { 'service': service });
  }

  /** A retry refused because the retry budget of `service` was spent. */
  recordRetryBudgetExhausted(service: string): void {
    this._retryBudget.add(1, { 'service': service });
  }

  /** A finished saga: counts it by outcome and records its duration. */
  recordSaga(e: RedSagaEvent): void {
    const labels: MetricLabels = { 'saga': e.saga, 'outcome': e.outcome };
    this._sagas.add(1, labels);
    this._sagaDuration.record(e.durationMs, labels);
  }

  /** The current member counts (call on every membership change). */
  recordMembership(counts: RedMembershipCounts): void {
    this._members.set(counts.alive, { 'state': 'alive' });
    this._members.set(counts.suspect, { 'state': 'suspect' });
    this._members.set(counts.dead, { 'state': 'dead' });
  }

  /** A member moved into `state` ('alive', 'suspect', 'dead', 'left'). */
  recordMemberTransition(state: string): void {
    this._memberTransitions.add(1, { 'state': state });
  }

  /** An envelope (or `e.envelopes` of them) sent or received: counts it and its bytes. */
  recordTransport(e: RedTransportEvent): void {
    const labels: MetricLabels = { 'direction': e.direction };
    if (e.device !== undefined) {
      labels['device'] = e.device;
    }
    this._envelopes.add(e.envelopes ?? 1, labels);
    this._bytes.add(e.bytes, labels);
  }

  /** An envelope (or `count` of them) the transport rejected, by reason (e.g. an ERR_* code, 'expired', 'duplicate'). */
  recordTransportReject(reason: string, count?: number): void {
    this._rejects.add(count ?? 1, { 'reason': reason });
  }

  /** Golden signals per service over the window, sorted by service. */
  serviceSummaries(): RedSummary[] {
    return summarizeWindow(this._callDuration, 'service', RedMetrics.isCallError, this.meterNow());
  }

  /** Golden signals per serving device over the window (calls without a device under ''). */
  deviceSummaries(): RedSummary[] {
    return summarizeWindow(this._callDuration, 'device', RedMetrics.isCallError, this.meterNow());
  }

  /** Golden signals per gateway route over the window; errors are 5xx responses. */
  routeSummaries(): RedSummary[] {
    return summarizeWindow(this._routeDuration, 'route', RedMetrics.isServerError, this.meterNow());
  }

  private static isCallError(labels: MetricLabels): boolean {
    return labels['outcome'] === 'error';
  }

  private static isServerError(labels: MetricLabels): boolean {
    return labels['status_class'] === '5xx';
  }

  private meterNow(): number {
    return this.meter.clock.now();
  }

  private observeQueueState(r: ObservableResult, age: boolean): void {
    const readers = this._queueReaders;
    for (let i = 0; i < readers.length; i++) {
      const states = readers[i]();
      for (let j = 0; j < states.length; j++) {
        const s = states[j];
        r.observe(age ? s.oldestAgeMs : s.depth, { 'topic': s.topic, 'group': s.group });
      }
    }
  }
}
