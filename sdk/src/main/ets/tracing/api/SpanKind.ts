/**
 * The role a span plays in a trace. The values are OTLP's `Span.SpanKind` numbers, so exporters
 * write them as they are.
 */
export enum SpanKind {
  /** Work inside one process: the default. */
  INTERNAL = 1,
  /** The server side of a call (a handler serving a `MeshNode.call` or a gateway request). */
  SERVER = 2,
  /** The client side of a call (`MeshNode.call`, the gateway forwarding upstream). */
  CLIENT = 3,
  /** Sending a message (queue publish). */
  PRODUCER = 4,
  /** Handling a message (queue delivery). */
  CONSUMER = 5
}

/** The lower-case name of a kind (`server`, `client`, ...), as Jaeger's `span.kind` tag spells it. */
export const spanKindName = (kind: SpanKind): string => {
  switch (kind) {
    case SpanKind.SERVER:
      return 'server';
    case SpanKind.CLIENT:
      return 'client';
    case SpanKind.PRODUCER:
      return 'producer';
    case SpanKind.CONSUMER:
      return 'consumer';
    default:
      return 'internal';
  }
};
