import { Span } from '../api/Span';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { Tracer } from '../sdk/Tracer';
import { TraceAttributeNames } from './TraceAttributeNames';

/** Options of a saga step span. */
export interface SagaStepSpanOptions {
  /** True for a compensation (undo) step. */
  compensation?: boolean;
  /** Attempt number of this step, from 1. */
  attempt?: number;
  attributes?: SpanAttributes;
  startTime?: number;
}

/**
 * Starts the span of one saga execution (`saga <name>`). `parent` is the context that started
 * the saga (a request's span); after a restart, the orchestrator passes the context it logged
 * with the saga (`formatTraceparent` / `parseTraceparent` round-trip it through the log), so
 * recovery continues the same trace.
 */
export const startSagaSpan = (tracer: Tracer, sagaName: string, sagaId: string, parent?: SpanContext, startTime?: number): Span =>
  tracer.startSpan(`saga ${sagaName}`, {
    kind: SpanKind.INTERNAL,
    parent: parent,
    attributes: { 'arkmesh.saga.name': sagaName, 'arkmesh.saga.id': sagaId },
    startTime: startTime
  });

/**
 * Starts the span of one saga step (`saga step <step>` or `saga compensate <step>`), a child of
 * the saga span. Calls the step makes use this span's context as their parent.
 */
export const startSagaStepSpan = (tracer: Tracer, saga: SpanContext, step: string, options?: SagaStepSpanOptions): Span => {
  const compensation = options?.compensation === true;
  const attributes: SpanAttributes = {
    'arkmesh.saga.step': step,
    'arkmesh.saga.compensation': compensation
  };
  if (options?.attempt !== undefined) {
    attributes[TraceAttributeNames.SAGA_ATTEMPT] = options.attempt;
  }
  const extra = options?.attributes;
  if (extra !== undefined) {
    for (const k of Object.keys(extra)) {
      attributes[k] = extra[k];
    }
  }
  return tracer.startSpan(`saga ${compensation ? 'compensate' : 'step'} ${step}`, {
    kind: SpanKind.INTERNAL,
    parent: saga,
    attributes: attributes,
    startTime: options?.startTime
  });
};
