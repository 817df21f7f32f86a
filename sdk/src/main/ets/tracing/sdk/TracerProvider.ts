import { IdGenerator } from '../../core/ids/IdGenerator';
import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { NoopLogger } from '../../platform/logging/NoopLogger';
import { Random } from '../../platform/Random';
import { SystemClock } from '../../platform/SystemClock';
import { TraceResource } from '../api/TraceResource';
import { TraceScope } from '../api/TraceScope';
import { TraceIdSource } from '../internal/TraceIdSource';
import { MultiSpanProcessor } from '../processors/MultiSpanProcessor';
import { NoopSpanProcessor } from '../processors/NoopSpanProcessor';
import { SpanProcessor } from '../processors/SpanProcessor';
import { AlwaysOnSampler } from '../samplers/AlwaysOnSampler';
import { ParentBasedSampler } from '../samplers/ParentBasedSampler';
import { Sampler } from '../samplers/Sampler';
import { AttributeRedactor } from './AttributeRedactor';
import { RedactionOptions, SensitiveAttributeRedactor } from './SensitiveAttributeRedactor';
import { SpanLimits, SpanLimitsOptions } from './SpanLimits';
import { Tracer } from './Tracer';
import { TracerCore } from './TracerCore';

/** How to build a TracerProvider. Only `random` is required. */
export interface TracerProviderOptions {
  /**
   * Source of trace and span ids: crypto-strength in production (`host.random`, CryptoRandom),
   * a SeededRandom in the simulator and in tests so runs replay.
   */
  random: Random;
  /** Source of span times and processor timers. Default a new SystemClock. */
  clock?: Clock;
  /** Default `ParentBasedSampler({ root: new AlwaysOnSampler() })`. */
  sampler?: Sampler;
  /** Processors that receive spans (more can be added later). Default none. */
  processors?: SpanProcessor[];
  /** Who produces the spans. Default `new TraceResource()` (`service.name` = `unknown_service`). */
  resource?: TraceResource;
  /** Span limits; see SpanLimitsOptions for the defaults. */
  limits?: SpanLimitsOptions;
  /** Options of the default redactor (sensitive headers and attributes are redacted by default). */
  redaction?: RedactionOptions;
  /** Replaces the default redactor entirely (NoopAttributeRedactor turns redaction off). */
  redactor?: AttributeRedactor;
  /** Where tracing problems are reported (a failing processor or sampler). Default NoopLogger. */
  logger?: Logger;
}

/**
 * The tracing entry point of one node: owns the clock, the id source, the sampler, the processors
 * and the resource, and hands out Tracers. Flush and shut it down with the node.
 *
 * @example
 * const exporter = new InMemorySpanExporter();
 * const provider = new TracerProvider({ random: host.random, clock: host.clock,
 *   resource: TraceResource.forService('media.player', deviceId),
 *   processors: [new BatchSpanProcessor(exporter, { clock: host.clock })] });
 * const tracer = provider.getTracer('arkmesh');
 */
export class TracerProvider {
  private readonly _core: TracerCore;
  private readonly _processors: SpanProcessor[] = [];
  private readonly _tracers: Map<string, Tracer> = new Map<string, Tracer>();
  private _shutdown: Promise<void> | undefined = undefined;

  /** @throws InvalidArgumentError (ERR_INVALID_ARGUMENT) for invalid span limits. */
  constructor(options: TracerProviderOptions) {
    const logger = options.logger ?? new NoopLogger();
    const redactor = options.redactor ?? new SensitiveAttributeRedactor(options.redaction);
    this._core = new TracerCore(
      options.clock ?? new SystemClock(),
      new TraceIdSource(new IdGenerator(options.random)),
      options.sampler ?? new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      SpanLimits.from(options.limits),
      redactor,
      options.resource ?? new TraceResource(),
      logger,
      new NoopSpanProcessor()
    );
    const processors = options.processors;
    if (processors !== undefined) {
      for (const p of processors) {
        this._processors.push(p);
      }
      this.rebuildProcessor();
    }
  }

  /** The clock spans are timed with. */
  get clock(): Clock {
    return this._core.clock;
  }

  get resource(): TraceResource {
    return this._core.resource;
  }

  get sampler(): Sampler {
    return this._core.sampler;
  }

  /** A tracer for an instrumentation scope (same name and version: same tracer). */
  getTracer(name: string, version?: string): Tracer {
    const key = `${name}@${version ?? ''}`;
    let tracer = this._tracers.get(key);
    if (tracer === undefined) {
      tracer = new Tracer(this._core, new TraceScope(name, version));
      this._tracers.set(key, tracer);
    }
    return tracer;
  }

  /** Adds a processor; spans that end from now on reach it. */
  addSpanProcessor(processor: SpanProcessor): void {
    this._processors.push(processor);
    this.rebuildProcessor();
  }

  /** Flushes every processor. Never rejects. */
  async forceFlush(): Promise<void> {
    await this._core.processor.forceFlush();
  }

  /** Flushes and shuts down every processor. Idempotent: later calls return the same promise. */
  shutdown(): Promise<void> {
    if (this._shutdown === undefined) {
      this._shutdown = this._core.processor.shutdown();
    }
    return this._shutdown;
  }

  private rebuildProcessor(): void {
    this._core.processor = this._processors.length === 1
      ? this._processors[0]
      : new MultiSpanProcessor(this._processors, this._core.logger);
  }
}
