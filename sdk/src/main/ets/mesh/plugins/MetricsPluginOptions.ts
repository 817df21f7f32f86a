import { MeterProvider } from '../../metrics/MeterProvider';
import { RedMetrics, RedMetricsOptions } from '../../metrics/red/RedMetrics';
import { ResiliencePlugin } from './ResiliencePlugin';

/** Meter (instrumentation scope) of the RedMetrics the plugin creates on a MeterProvider. */
export const DEFAULT_MESH_METER_NAME = 'arkmesh.mesh';
/** How often the transport's counters are pushed into the metrics, in Clock ms. */
export const DEFAULT_TRANSPORT_SYNC_MS = 1000;
/** `route` label of gateway requests that matched no route. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Options of the {@link MetricsPlugin}: `red` or `meterProvider` is required. */
export interface MetricsPluginOptions {
  /** Where to record. Several nodes may share one (then their numbers add up). */
  red?: RedMetrics;
  /** Or: the plugin creates a RedMetrics on this provider's meter {@link DEFAULT_MESH_METER_NAME}. */
  meterProvider?: MeterProvider;
  /** Options of that RedMetrics (windows, latency buckets). */
  redOptions?: RedMetricsOptions;
  /**
   * The resilience plugin whose breakers (states, transitions, rejections) and retry-budget
   * give-ups to record; it must be installed before this one. Default: the node's plugin named
   * `resilience`, when it is installed first.
   */
  resilience?: ResiliencePlugin;
  /** Record `node.gateway` requests per route template and status class. Default true. */
  gateway?: boolean;
  /** Record member counts and transitions. Default true. */
  membership?: boolean;
  /**
   * Push the transport's envelope, byte and reject counters every this many ms of Clock time;
   * 0: only when `syncTransport()` is called (and when the node stops). Default {@link DEFAULT_TRANSPORT_SYNC_MS}.
   */
  transportSyncMs?: number;
}
