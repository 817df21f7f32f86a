import { Span } from '../api/Span';
import { SpanAttributes } from '../api/SpanAttributes';
import { TraceAttributeNames } from './TraceAttributeNames';

/** The event name of a circuit-breaker rejection. */
export const BREAKER_REJECTED_EVENT = 'arkmesh.breaker.rejected';

/**
 * Records on `span` that a circuit breaker rejected the call without trying it (an event, so the
 * trace shows why no downstream span exists).
 */
export const recordBreakerRejection = (span: Span, breakerName: string, state: string, time?: number): void => {
  const attributes: SpanAttributes = {};
  attributes[TraceAttributeNames.BREAKER_NAME] = breakerName;
  attributes[TraceAttributeNames.BREAKER_STATE] = state;
  span.addEvent(BREAKER_REJECTED_EVENT, attributes, time);
};
