import { SpanAttributes } from './SpanAttributes';

/** Something that happened at one instant during a span (an exception, a breaker rejection, ...). */
export class SpanEvent {
  readonly name: string;
  /** Epoch milliseconds from the tracer's Clock. */
  readonly time: number;
  readonly attributes: SpanAttributes;
  /** Attributes dropped by the per-event limit. */
  readonly droppedAttributesCount: number;

  constructor(name: string, time: number, attributes?: SpanAttributes, droppedAttributesCount?: number) {
    this.name = name;
    this.time = time;
    this.attributes = attributes ?? {};
    this.droppedAttributesCount = droppedAttributesCount ?? 0;
  }
}
