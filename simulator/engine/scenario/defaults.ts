import {
  DEFAULT_CALL_ATTEMPT_TIMEOUT_MS, DEFAULT_CALL_MAX_ATTEMPTS, DEFAULT_CALL_TIMEOUT_MS, DEFAULT_TIME_QUANTUM_MS,
} from '../sdk';
import type { BreakerSpec, LatencySpec } from './Scenario';

/** Seed of a scenario without one. */
export const DEFAULT_SEED = 'arkmesh';
/** Time before request streams start by default: membership and the registry converge first. */
export const DEFAULT_WARMUP_MS = 2000;
/** Service time of a service without `latency`. */
export const DEFAULT_SERVICE_LATENCY: LatencySpec = { dist: 'fixed', ms: 1 };
export const DEFAULT_SERVICE_VERSION = '1.0.0';
export const DEFAULT_ERROR_CODE = 'ERR_UPSTREAM';
export const DEFAULT_INVENTORY_STOCK = 100;
export const DEFAULT_TRACE_SAMPLE_RATIO = 1;
export const DEFAULT_MAX_SPANS = 5000;
export const DEFAULT_METRICS_INTERVAL_MS = 1000;
export const DEFAULT_METRICS_WINDOW_MS = 10000;
export const DEFAULT_CALL_SAMPLE_RATIO = 1;
export const DEFAULT_MAX_RETAINED_EVENTS = 20000;
export const DEFAULT_NETWORK_QUANTUM_MS = DEFAULT_TIME_QUANTUM_MS;
export const DEFAULT_STREAM_METHOD = 'GET';
export const DEFAULT_STREAM_PATH = '/';

/** Call resilience defaults: the SDK's CallResilience defaults. */
export const DEFAULT_TIMEOUT_MS = DEFAULT_CALL_TIMEOUT_MS;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = DEFAULT_CALL_ATTEMPT_TIMEOUT_MS;
export const DEFAULT_MAX_ATTEMPTS = DEFAULT_CALL_MAX_ATTEMPTS;

/** Per-instance breaker defaults: the SDK's DEFAULT_INSTANCE_BREAKER, plus the count/time window defaults. */
export const DEFAULT_BREAKER: BreakerSpec = {
  enabled: true,
  window: 'consecutive',
  consecutiveFailures: 5,
  windowSize: 100,
  windowMs: 60000,
  minimumNumberOfCalls: 10,
  failureRateThreshold: 0.5,
  slowCallDurationMs: undefined,
  openDurationMs: 5000,
  openDurationMultiplier: 2,
  maxOpenDurationMs: 60000,
  halfOpenMaxCalls: 1,
};
