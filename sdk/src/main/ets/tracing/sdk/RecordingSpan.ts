import { MeshError } from '../../core/errors/MeshError';
import { ReadableSpan } from '../api/ReadableSpan';
import { Span } from '../api/Span';
import { SpanAttributes, SpanAttributeValue } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanEvent } from '../api/SpanEvent';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { SpanStatus, SpanStatusCode } from '../api/SpanStatus';
import { TraceResource } from '../api/TraceResource';
import { TraceScope } from '../api/TraceScope';
import { sanitizeAttribute, sanitizeAttributes, SanitizedAttributes } from '../internal/attributes';
import { TracerCore } from './TracerCore';

// Shared empty lists: most spans have no events or links, so theirs are allocated on first use.
// Never written to: addEvent/addLink replace them with a span's own array first.
const NO_EVENTS: SpanEvent[] = [];
const NO_LINKS: SpanLink[] = [];

/**
 * A span that records: what the tracer returns for sampled (and record-only) spans, and what
 * processors and exporters receive as a ReadableSpan. Data is stored as it arrives, after
 * redaction and limits; nothing here throws.
 */
export class RecordingSpan implements Span, ReadableSpan {
  name: string;
  readonly kind: SpanKind;
  readonly parentSpanId: string | undefined;
  readonly parentIsRemote: boolean;
  readonly startTime: number;
  endTime: number = -1;
  events: SpanEvent[] = NO_EVENTS;
  links: SpanLink[] = NO_LINKS;
  status: SpanStatus = SpanStatus.UNSET;
  droppedAttributesCount: number = 0;
  droppedEventsCount: number = 0;
  droppedLinksCount: number = 0;
  readonly resource: TraceResource;
  readonly scope: TraceScope;
  private readonly _context: SpanContext;
  private readonly _core: TracerCore;
  // Attributes as one flat [key, value, key, value, ...] list: cheaper to fill on the hot path than
  // an object whose shape changes with every key; the Record view is built when someone reads
  // `attributes` (processors and exporters, usually once).
  private readonly _pairs: (string | SpanAttributeValue)[] = [];
  private _attributeCount: number = 0;
  private _record: SpanAttributes | undefined = undefined;
  private _ended: boolean = false;

  constructor(core: TracerCore, scope: TraceScope, context: SpanContext, name: string, kind: SpanKind,
    parent: SpanContext | undefined, startTime: number) {
    this._core = core;
    this.scope = scope;
    this.resource = core.resource;
    this._context = context;
    this.name = name;
    this.kind = kind;
    this.parentSpanId = parent !== undefined ? parent.spanId : undefined;
    this.parentIsRemote = parent !== undefined && parent.isRemote;
    this.startTime = startTime;
  }

  spanContext(): SpanContext {
    return this._context;
  }

  /** The attributes as a record (built on first read, kept in step with later changes). */
  get attributes(): SpanAttributes {
    let record = this._record;
    if (record === undefined) {
      record = {};
      const pairs = this._pairs;
      for (let i = 0; i < pairs.length; i += 2) {
        record[pairs[i] as string] = pairs[i + 1] as SpanAttributeValue;
      }
      this._record = record;
    }
    return record;
  }

  isRecording(): boolean {
    return !this._ended;
  }

  isEnded(): boolean {
    return this._ended;
  }

  duration(): number {
    return this._ended ? this.endTime - this.startTime : 0;
  }

  setAttribute(key: string, value: SpanAttributeValue): Span {
    if (!this._ended) {
      this.put(key, value);
    }
    return this;
  }

  setAttributes(attributes: SpanAttributes): Span {
    if (!this._ended) {
      for (const key of Object.keys(attributes)) {
        this.put(key, attributes[key]);
      }
    }
    return this;
  }

  addEvent(name: string, attributes?: SpanAttributes, time?: number): Span {
    if (this._ended) {
      return this;
    }
    const limits = this._core.limits;
    if (limits.eventCountLimit === 0) {
      this.droppedEventsCount++;
      return this;
    }
    if (this.events.length >= limits.eventCountLimit) {
      // Keep the latest events (the failure at the end matters most): drop the oldest.
      this.events.shift();
      this.droppedEventsCount++;
    }
    const s = this.sanitize(attributes);
    if (this.events === NO_EVENTS) {
      this.events = [];
    }
    this.events.push(new SpanEvent(name, time ?? this._core.clock.now(), s.attributes, s.dropped));
    return this;
  }

  addLink(link: SpanLink): Span {
    if (this._ended) {
      return this;
    }
    if (this.links.length >= this._core.limits.linkCountLimit) {
      this.droppedLinksCount++;
      return this;
    }
    const s = this.sanitize(link.attributes);
    if (this.links === NO_LINKS) {
      this.links = [];
    }
    this.links.push(new SpanLink(link.context, s.attributes, s.dropped + link.droppedAttributesCount));
    return this;
  }

  setStatus(code: SpanStatusCode, message?: string): Span {
    if (this._ended || code === SpanStatusCode.UNSET || this.status.code === SpanStatusCode.OK) {
      return this;
    }
    this.status = code === SpanStatusCode.OK ? SpanStatus.OK : new SpanStatus(code, message);
    return this;
  }

  updateName(name: string): Span {
    if (!this._ended) {
      this.name = name;
    }
    return this;
  }

  recordException(error: Error, time?: number): Span {
    if (!(error instanceof Error)) {
      // Untyped callers pass whatever they caught; record it as text rather than fail.
      return this.addEvent('exception', { 'exception.type': typeof error, 'exception.message': String(error) }, time);
    }
    const attributes: SpanAttributes = {
      'exception.type': error.name,
      'exception.message': error.message
    };
    const stack = error.stack;
    if (stack !== undefined && stack.length > 0) {
      attributes['exception.stacktrace'] = stack;
    }
    if (error instanceof MeshError) {
      attributes['exception.code'] = error.code;
    }
    return this.addEvent('exception', attributes, time);
  }

  end(endTime?: number): void {
    if (this._ended) {
      return;
    }
    const end = endTime ?? this._core.clock.now();
    this.endTime = end < this.startTime ? this.startTime : end;
    this._ended = true;
    try {
      this._core.processor.onEnd(this);
    } catch (e) {
      // A processor must not throw into business code; report and carry on.
      this._core.logger.error('span processor failed in onEnd', { 'error': String(e) });
    }
  }

  private put(key: string, value: SpanAttributeValue): void {
    if (key.length === 0) {
      return;
    }
    const core = this._core;
    const v = sanitizeAttribute(key, value, core.redactor, core.limits.attributeValueLengthLimit);
    if (v === undefined) {
      return;
    }
    const pairs = this._pairs;
    let i = 0;
    while (i < pairs.length && pairs[i] !== key) {
      i += 2;
    }
    if (i < pairs.length) {
      pairs[i + 1] = v;
    } else if (this._attributeCount >= core.limits.attributeCountLimit) {
      this.droppedAttributesCount++;
      return;
    } else {
      pairs.push(key, v);
      this._attributeCount++;
    }
    const record = this._record;
    if (record !== undefined) {
      record[key] = v;
    }
  }

  private sanitize(attributes: SpanAttributes | undefined): SanitizedAttributes {
    const limits = this._core.limits;
    return sanitizeAttributes(attributes, this._core.redactor, limits.attributeValueLengthLimit, limits.attributePerEventCountLimit);
  }
}
