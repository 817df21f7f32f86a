import { SpanAttributes } from './SpanAttributes';
import { SpanContext } from './SpanContext';

/** A reference from a span to another span that is not its parent (e.g. a batch's inputs). */
export class SpanLink {
  readonly context: SpanContext;
  readonly attributes: SpanAttributes;
  /** Attributes dropped by the per-link limit. */
  readonly droppedAttributesCount: number;

  constructor(context: SpanContext, attributes?: SpanAttributes, droppedAttributesCount?: number) {
    this.context = context;
    this.attributes = attributes ?? {};
    this.droppedAttributesCount = droppedAttributesCount ?? 0;
  }
}
