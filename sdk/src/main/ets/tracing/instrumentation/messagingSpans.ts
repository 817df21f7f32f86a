import { HeaderCarrier } from '../../core/headers/Headers';
import { Span } from '../api/Span';
import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { TraceContextPropagator } from '../propagation/TraceContextPropagator';
import { Tracer } from '../sdk/Tracer';
import { TraceAttributeNames } from './TraceAttributeNames';

const PROPAGATOR = new TraceContextPropagator();

/** Options of the messaging span helpers. Everything is optional. */
export interface MessagingSpanOptions {
  /** Publish: the publisher's span context. Default: a new trace. */
  parent?: SpanContext;
  /** The message id (`messaging.message.id`). */
  messageId?: string;
  /** Deliver: the consumer group (`messaging.consumer.group.name`). */
  consumerGroup?: string;
  /** Deliver: how many times this message has been delivered, this time included. */
  deliveryCount?: number;
  /** More attributes. */
  attributes?: SpanAttributes;
  startTime?: number;
}

const messagingAttributes = (topic: string, operation: string, type: string, options: MessagingSpanOptions | undefined): SpanAttributes => {
  const attributes: SpanAttributes = {
    'messaging.system': TraceAttributeNames.SYSTEM_ARKMESH,
    'messaging.destination.name': topic,
    'messaging.operation.type': type,
    'messaging.operation.name': operation
  };
  if (options !== undefined) {
    if (options.messageId !== undefined) {
      attributes[TraceAttributeNames.MESSAGING_MESSAGE_ID] = options.messageId;
    }
    if (options.consumerGroup !== undefined) {
      attributes[TraceAttributeNames.MESSAGING_CONSUMER_GROUP] = options.consumerGroup;
    }
    if (options.deliveryCount !== undefined) {
      attributes[TraceAttributeNames.MESSAGING_DELIVERY_COUNT] = options.deliveryCount;
    }
    const extra = options.attributes;
    if (extra !== undefined) {
      for (const k of Object.keys(extra)) {
        attributes[k] = extra[k];
      }
    }
  }
  return attributes;
};

/**
 * Starts the PRODUCER span of publishing to `topic` (`publish <topic>`) and injects its context
 * into the message headers, so every delivery continues the trace. End it once the message is
 * durable.
 */
export const startPublishSpan = (tracer: Tracer, topic: string, headers: HeaderCarrier, options?: MessagingSpanOptions): Span => {
  const span = tracer.startSpan(`publish ${topic}`, {
    kind: SpanKind.PRODUCER,
    parent: options?.parent,
    attributes: messagingAttributes(topic, 'publish', 'send', options),
    startTime: options?.startTime
  });
  PROPAGATOR.inject(span.spanContext(), headers);
  return span;
};

/**
 * Starts the CONSUMER span of handling a message from `topic` (`process <topic>`), a child of the
 * publish span whose context travels in the message headers. Pass its context as the parent of
 * whatever the handler calls.
 */
export const startDeliverySpan = (tracer: Tracer, topic: string, headers: HeaderCarrier, options?: MessagingSpanOptions): Span =>
  tracer.startSpan(`process ${topic}`, {
    kind: SpanKind.CONSUMER,
    parent: PROPAGATOR.extract(headers),
    attributes: messagingAttributes(topic, 'process', 'process', options),
    startTime: options?.startTime
  });
