import { CancellationToken } from '../core/cancellation/CancellationToken';
import { InvalidStateError } from '../core/errors/InvalidStateError';
import { JsonValue } from '../core/json/JsonValue';
import { MeshCallOptions } from '../mesh/MeshCallOptions';
import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { SpanContext } from '../tracing/api/SpanContext';
import { formatTraceparent } from '../tracing/propagation/traceparent';
import { SagaContext } from './SagaContext';

/** How a saga calls a service: `MeshNode.call`, or any function with its shape. */
export type SagaCallFunction = (service: string, request: MeshRequest, options?: MeshCallOptions) => Promise<MeshResponse>;

/** Header carrying a step's idempotency key on every call the step makes. */
export const SAGA_IDEMPOTENCY_HEADER = 'idempotency-key';
/** Header carrying the execution id on every call a step makes. */
export const SAGA_EXECUTION_HEADER = 'x-saga-execution';
/** Header carrying the step name on every call a step makes. */
export const SAGA_STEP_HEADER = 'x-saga-step';
/** Header set to `true` on calls made by a compensation. */
export const SAGA_COMPENSATION_HEADER = 'x-saga-compensation';
/** W3C trace context header, set to the step's span on every call a step makes. */
export const SAGA_TRACEPARENT_HEADER = 'traceparent';

/**
 * What one attempt of a step (or of its compensation) knows: the execution and step, the attempt
 * number, the step's idempotency key (the same for every attempt, every restart and the
 * compensation: `<executionId>/<step>`), the saga context with the input and earlier outputs,
 * the deadline and cancellation token of this attempt, and `call` to reach a service with all of
 * that attached.
 */
export class SagaStepContext {
  readonly executionId: string;
  readonly sagaName: string;
  /** The step's name. */
  readonly step: string;
  /** Attempt number, from 1; it keeps counting across restarts. */
  readonly attempt: number;
  /** True when this runs the step's compensation. */
  readonly compensation: boolean;
  /** Stable per execution and step: pass it to participants so a repeated action is applied once. */
  readonly idempotencyKey: string;
  /** Input and outputs of the execution. */
  readonly saga: SagaContext;
  /** For a compensation: the step's own output when the step had succeeded, else undefined. */
  readonly output: JsonValue | undefined;
  /** Absolute deadline of this attempt (Clock ms; Infinity when none). */
  readonly deadline: number;
  /** Cancelled when this attempt times out, the saga is cancelled or runs out of time, or the orchestrator stops. */
  readonly token: CancellationToken;
  /** The step span's `traceparent`, when tracing is on. */
  readonly traceparent: string | undefined;
  /** The step span's context, when tracing is on: the parent of the calls this attempt makes. */
  readonly spanContext: SpanContext | undefined;
  private readonly _call: SagaCallFunction | undefined;

  constructor(executionId: string, sagaName: string, step: string, attempt: number, compensation: boolean,
    idempotencyKey: string, saga: SagaContext, output: JsonValue | undefined, deadline: number, token: CancellationToken,
    spanContext: SpanContext | undefined, call: SagaCallFunction | undefined) {
    this.executionId = executionId;
    this.sagaName = sagaName;
    this.step = step;
    this.attempt = attempt;
    this.compensation = compensation;
    this.idempotencyKey = idempotencyKey;
    this.saga = saga;
    this.output = output;
    this.deadline = deadline;
    this.token = token;
    this.spanContext = spanContext;
    this.traceparent = spanContext === undefined ? undefined : formatTraceparent(spanContext);
    this._call = call;
  }

  /** The headers every call of this attempt carries (idempotency key, execution, step, trace context). */
  headers(): Record<string, string> {
    const h: Record<string, string> = {};
    h[SAGA_IDEMPOTENCY_HEADER] = this.idempotencyKey;
    h[SAGA_EXECUTION_HEADER] = this.executionId;
    h[SAGA_STEP_HEADER] = this.step;
    if (this.compensation) {
      h[SAGA_COMPENSATION_HEADER] = 'true';
    }
    const tp = this.traceparent;
    if (tp !== undefined) {
      h[SAGA_TRACEPARENT_HEADER] = tp;
    }
    return h;
  }

  /**
   * Calls a service through the orchestrator's call function (`MeshNode.call`), adding the
   * step's headers (request headers already set win), the attempt's deadline (unless an earlier
   * one is given), its token (unless one is given) and the step span as the call's trace parent
   * (unless one is given). Rejects with `ERR_INVALID_STATE` when the
   * orchestrator was built without a call function.
   */
  call(service: string, request: MeshRequest, options?: MeshCallOptions): Promise<MeshResponse> {
    const call = this._call;
    if (call === undefined) {
      return Promise.reject(new InvalidStateError('this saga orchestrator has no call function (give it a node or options.call)'));
    }
    const h = this.headers();
    for (const name of Object.keys(h)) {
      if (!request.headers.has(name)) {
        request.headers.set(name, h[name]);
      }
    }
    let deadline = options?.deadline;
    if (this.deadline !== Number.POSITIVE_INFINITY && (deadline === undefined || this.deadline < deadline)) {
      deadline = this.deadline;
    }
    const o: MeshCallOptions = {
      timeoutMs: options?.timeoutMs,
      deadline: deadline,
      headers: options?.headers,
      hashKey: options?.hashKey,
      versionRange: options?.versionRange,
      filter: options?.filter,
      token: options?.token ?? this.token,
      parent: options?.parent ?? this.spanContext,
      route: options?.route
    };
    return call(service, request, o);
  }
}
