import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { ReadableSpan } from '../../tracing/api/ReadableSpan';
import { SpanContext } from '../../tracing/api/SpanContext';
import { SpanKind } from '../../tracing/api/SpanKind';
import { SpanProcessor } from '../../tracing/processors/SpanProcessor';
import { HiTraceChainPort, HiTraceFlags, HiTraceIdValue, HiTraceMode, HiTracePointType } from './HiTraceChainPort';
import { hiTraceIdOf } from './hiTraceIds';

/** Spans the bridge tracks at most; older ones (spans never ended) are forgotten first. */
export const DEFAULT_HITRACE_MAX_OPEN_SPANS = 1000;

/** Options of a HiTraceSpanProcessor. */
export interface HiTraceSpanProcessorOptions {
  /** Flags of the mirrored ids. Default `HiTraceFlags.INCLUDE_ASYNC` (the id follows awaits). */
  flags?: number;
  /** Emit hiTraceChain tracepoints at span start and end (CS/CR, SR/SS, GENERAL). Default true. */
  tracepoints?: boolean;
  /** Default {@link DEFAULT_HITRACE_MAX_OPEN_SPANS}. */
  maxOpenSpans?: number;
  logger?: Logger;
}

/** A span the bridge mirrors. */
class MirroredSpan {
  readonly id: HiTraceIdValue;
  readonly kind: SpanKind;
  readonly remoteParent: boolean;
  readonly name: string;

  constructor(id: HiTraceIdValue, kind: SpanKind, remoteParent: boolean, name: string) {
    this.id = id;
    this.kind = kind;
    this.remoteParent = remoteParent;
    this.name = name;
  }
}

/**
 * The hiTraceChain bridge: a SpanProcessor that mirrors ArkMesh's W3C trace context into
 * HarmonyOS HiTraceChain, so hilog lines, HiTraceMeter points and app events written while a mesh
 * span is open carry a HiTraceId derived from the span (chain id = low 60 bits of the trace id,
 * span ids = low 26 bits). Every device derives the same chain id from the same trace, so one
 * distributed call can be followed across devices in hilog.
 *
 * - Span start: the first open span saves the thread's current id (`getId`); every start sets the
 *   span's id (`setId`) and emits a tracepoint (CS for client spans, SR for server spans, GENERAL
 *   otherwise; mode DEVICE for client spans and server spans with a remote parent).
 * - Span end: a tracepoint (CR, SS, GENERAL); the most recently started span still open becomes
 *   current again (`setId`); when none is left, the saved id is restored, or the chain is closed
 *   with `end(id)` when there was none.
 *
 * `begin` is not used: it would make a chain id of its own, not the trace's. Only recording spans
 * reach processors, so unsampled spans are not mirrored. Nothing here throws into business code:
 * platform failures are logged once.
 *
 * @example
 * const provider = new TracerProvider({ random, clock, processors: [new HiTraceSpanProcessor(new OhosHiTraceChain())] });
 */
export class HiTraceSpanProcessor implements SpanProcessor {
  readonly flags: number;
  readonly tracepoints: boolean;
  readonly maxOpenSpans: number;
  private readonly _chain: HiTraceChainPort;
  private readonly _logger: Logger;
  private readonly _open: Map<string, MirroredSpan> = new Map<string, MirroredSpan>();
  private _saved: HiTraceIdValue | undefined = undefined;
  private _current: string | undefined = undefined;
  private _failed: boolean = false;
  private _shutdown: boolean = false;

  /** @throws InvalidArgumentError for `maxOpenSpans` below 1. */
  constructor(chain: HiTraceChainPort, options?: HiTraceSpanProcessorOptions) {
    this._chain = chain;
    this.flags = options?.flags ?? HiTraceFlags.INCLUDE_ASYNC;
    this.tracepoints = options?.tracepoints ?? true;
    const max = options?.maxOpenSpans ?? DEFAULT_HITRACE_MAX_OPEN_SPANS;
    if (!Number.isInteger(max) || max < 1) {
      throw new InvalidArgumentError('options.maxOpenSpans', 'must be an integer >= 1');
    }
    this.maxOpenSpans = max;
    this._logger = options?.logger ?? new NoopLogger();
  }

  /** Spans currently mirrored. */
  get openSpans(): number {
    return this._open.size;
  }

  onStart(span: ReadableSpan, parent: SpanContext | undefined): void {
    if (this._shutdown) {
      return;
    }
    const ctx = span.spanContext();
    const id = hiTraceIdOf(ctx.traceId, ctx.spanId, span.parentSpanId, this.flags);
    if (id === undefined) {
      return;
    }
    const mirrored = new MirroredSpan(id, span.kind, span.parentIsRemote, span.name);
    this.guard((): void => {
      if (this._open.size === 0) {
        const before = this._chain.getId();
        this._saved = before.valid ? before : undefined;
      } else if (this._open.size >= this.maxOpenSpans) {
        const oldest = this._open.keys().next();
        if (!oldest.done) {
          this._open.delete(oldest.value);
        }
      }
      this._open.set(ctx.spanId, mirrored);
      this._current = ctx.spanId;
      this._chain.setId(id);
      if (this.tracepoints) {
        this._chain.tracepoint(HiTraceSpanProcessor.modeOf(mirrored), HiTraceSpanProcessor.startType(span.kind), id, `start ${span.name}`);
      }
    });
  }

  onEnd(span: ReadableSpan): void {
    const key = span.spanContext().spanId;
    const mirrored = this._open.get(key);
    if (mirrored === undefined) {
      return;
    }
    this._open.delete(key);
    this.guard((): void => {
      if (this.tracepoints) {
        this._chain.tracepoint(HiTraceSpanProcessor.modeOf(mirrored), HiTraceSpanProcessor.endType(mirrored.kind), mirrored.id,
          `end ${mirrored.name}`);
      }
      if (this._open.size > 0) {
        if (this._current === key) {
          let last: string = key;
          this._open.forEach((m: MirroredSpan, k: string): void => {
            last = k;
          });
          this._current = last;
          const next = this._open.get(last);
          if (next !== undefined) {
            this._chain.setId(next.id);
          }
        }
        return;
      }
      this._current = undefined;
      const saved = this._saved;
      this._saved = undefined;
      if (saved !== undefined) {
        this._chain.setId(saved);
      } else {
        this._chain.end(mirrored.id);
      }
    });
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Stops mirroring; the thread's id is restored (or the chain ended) as if every span ended. */
  shutdown(): Promise<void> {
    if (!this._shutdown) {
      this._shutdown = true;
      if (this._open.size > 0) {
        const saved = this._saved;
        this._open.clear();
        this._saved = undefined;
        this._current = undefined;
        this.guard((): void => {
          if (saved !== undefined) {
            this._chain.setId(saved);
          } else {
            this._chain.clearId();
          }
        });
      }
    }
    return Promise.resolve();
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (e) {
      if (!this._failed) {
        this._failed = true;
        this._logger.warn('hiTraceChain call failed; trace ids may be missing from hilog', { 'error': (e as Error).message });
      }
    }
  }

  private static modeOf(m: MirroredSpan): HiTraceMode {
    return m.kind === SpanKind.CLIENT || (m.kind === SpanKind.SERVER && m.remoteParent) ? HiTraceMode.DEVICE : HiTraceMode.DEFAULT;
  }

  private static startType(kind: SpanKind): HiTracePointType {
    return kind === SpanKind.CLIENT ? HiTracePointType.CLIENT_SEND
      : kind === SpanKind.SERVER ? HiTracePointType.SERVER_RECEIVE : HiTracePointType.GENERAL;
  }

  private static endType(kind: SpanKind): HiTracePointType {
    return kind === SpanKind.CLIENT ? HiTracePointType.CLIENT_RECEIVE
      : kind === SpanKind.SERVER ? HiTracePointType.SERVER_SEND : HiTracePointType.GENERAL;
  }
}
