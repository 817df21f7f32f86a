import { CancellationToken } from '../core/cancellation/CancellationToken';
import { MeshNode } from '../mesh/MeshNode';
import { RedMetrics } from '../metrics/red/RedMetrics';
import { Clock } from '../platform/Clock';
import { Logger } from '../platform/logging/Logger';
import { Random } from '../platform/Random';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { SpanContext } from '../tracing/api/SpanContext';
import { Tracer } from '../tracing/sdk/Tracer';
import { SagaDefinition } from './SagaDefinition';
import { SagaRetryOptions } from './SagaRetryOptions';
import { SagaCallFunction } from './SagaStepContext';

/** Longest idempotency key `start` accepts. */
export const MAX_SAGA_IDEMPOTENCY_KEY_LENGTH = 256;
/** Longest execution id `start` accepts. */
export const MAX_SAGA_EXECUTION_ID_LENGTH = 128;

/**
 * Options of a {@link SagaOrchestrator}. Give it a `node` (its clock, random, store, logger and
 * `call` are used, and the orchestrator halts when the node's transport closes: a crash or
 * `stop()`), or the parts one by one (`clock`, `random` and `store` are then required). Parts
 * given explicitly override the node's.
 */
export interface SagaOrchestratorOptions {
  /** The node the orchestrator runs on. */
  node?: MeshNode;
  /** Time source. Default: the node's. */
  clock?: Clock;
  /** Randomness for execution ids and retry jitter. Default: the node's. */
  random?: Random;
  /** Durable store of the saga log. Default: the node's. */
  store?: KeyValueStore;
  /** Default: the node's logger, else a NoopLogger. */
  logger?: Logger;
  /** How call actions reach services. Default: `node.call`. Without both, call actions fail with `ERR_INVALID_STATE`. */
  call?: SagaCallFunction;
  /** Definitions to register now (more with `register`); recovery needs every version with open executions. */
  definitions?: SagaDefinition[];
  /**
   * When set, every execution is a span (`saga <name>`) and every attempt a child span. Default:
   * the tracer of the node's tracing plugin, when it has one.
   */
  tracer?: Tracer;
  /**
   * When set, settled executions are counted and timed (`RedMetrics.recordSaga`). Default: the
   * RED metrics of the node's metrics plugin, when it has one.
   */
  metrics?: RedMetrics;
  /** Key prefix of the saga log. Default `DEFAULT_SAGA_KEY_PREFIX` ('arkmesh/saga/'). */
  keyPrefix?: string;
  /** Retry defaults for every step (a definition's settings win). */
  stepRetry?: SagaRetryOptions;
  /** Retry defaults for every compensation (a definition's settings win). */
  compensationRetry?: SagaRetryOptions;
  /** Time limit of an attempt without its own. Default {@link DEFAULT_SAGA_STEP_TIMEOUT_MS}. */
  stepTimeoutMs?: number;
}

/** Options of one `start`; every field optional. */
export interface SagaStartOptions {
  /**
   * Makes `start` idempotent: a second start with the same key returns the first execution's id
   * (whatever its state) instead of starting another. 1-256 characters.
   */
  idempotencyKey?: string;
  /** The execution id (1-128 characters, no `/`). Default: a random UUID. */
  executionId?: string;
  /** Whole-saga time limit in ms from now. Default: the definition's `timeoutMs` (none when unset). */
  timeoutMs?: number;
  /** Cancelling it cancels the execution (which then compensates, unless it has passed its pivot). */
  token?: CancellationToken;
  /** Trace context to start the saga span under (a request's span). */
  parent?: SpanContext;
}
