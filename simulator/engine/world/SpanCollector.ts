import { SpanKind, SpanStatusCode } from '../sdk';
import type { ReadableSpan, SpanContext, SpanProcessor } from '../sdk';
import type { SpanEvent } from '../events/SimEvent';

const KINDS: Record<number, SpanEvent['kind']> = {
  [SpanKind.INTERNAL]: 'internal', [SpanKind.SERVER]: 'server', [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer', [SpanKind.CONSUMER]: 'consumer',
};
const STATUSES: Record<number, SpanEvent['status']> = {
  [SpanStatusCode.UNSET]: 'unset', [SpanStatusCode.OK]: 'ok', [SpanStatusCode.ERROR]: 'error',
};

/** What the collector tells the engine about each span that ended. */
export type SpanSink = (device: string, span: ReadableSpan) => void;

/**
 * A span processor shared by every device's TracerProvider: keeps the most recent `maxSpans`
 * sampled spans for the trace exports (bounded memory on long runs; older spans are counted as
 * evicted) and reports each span to the engine's event stream.
 */
export class SpanCollector {
  private readonly _spans: ReadableSpan[] = [];
  private _next = 0;
  private _ended = 0;

  constructor(private readonly _maxSpans: number, private readonly _sink: SpanSink | undefined) {}

  /** A processor for one device's provider. */
  processorFor(device: string): SpanProcessor {
    return new DeviceSpanProcessor(this, device);
  }

  record(device: string, span: ReadableSpan): void {
    this._ended++;
    if (this._maxSpans > 0) {
      if (this._spans.length < this._maxSpans) {
        this._spans.push(span);
      } else {
        this._spans[this._next] = span;
        this._next = (this._next + 1) % this._maxSpans;
      }
    }
    if (this._sink !== undefined) this._sink(device, span);
  }

  /** The kept spans, oldest first. */
  spans(): ReadableSpan[] {
    return this._spans.length < this._maxSpans ? this._spans.slice() : [...this._spans.slice(this._next), ...this._spans.slice(0, this._next)];
  }

  /** Sampled spans that ended during the run. */
  get ended(): number {
    return this._ended;
  }

  /** Spans no longer kept (the oldest beyond `maxSpans`). */
  get evicted(): number {
    return this._ended - this._spans.length;
  }
}

class DeviceSpanProcessor implements SpanProcessor {
  constructor(private readonly _collector: SpanCollector, private readonly _device: string) {}

  onStart(_span: ReadableSpan, _parent: SpanContext | undefined): void {}

  onEnd(span: ReadableSpan): void {
    this._collector.record(this._device, span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export const spanKindName = (kind: SpanKind): SpanEvent['kind'] => KINDS[kind] ?? 'internal';
export const spanStatusName = (code: SpanStatusCode): SpanEvent['status'] => STATUSES[code] ?? 'unset';
