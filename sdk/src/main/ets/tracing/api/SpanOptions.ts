import { SpanAttributes } from './SpanAttributes';
import { SpanContext } from './SpanContext';
import { SpanKind } from './SpanKind';
import { SpanLink } from './SpanLink';

/** How to start a span. Everything is optional. */
export interface SpanOptions {
  /** Default SpanKind.INTERNAL. */
  kind?: SpanKind;
  /**
   * The parent: a local span's `spanContext()` or a context extracted from headers. Undefined
   * starts a new trace. (ArkTS has no async-local storage: context is always passed explicitly.)
   */
  parent?: SpanContext;
  /** Start a new trace even when `parent` is given. */
  root?: boolean;
  /** Attributes known at start (samplers see them). */
  attributes?: SpanAttributes;
  /** Links known at start (samplers see them). */
  links?: SpanLink[];
  /** Start time in epoch ms; default the tracer's `Clock.now()`. */
  startTime?: number;
}
