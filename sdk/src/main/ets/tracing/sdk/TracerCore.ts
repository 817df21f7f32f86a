import { Clock } from '../../platform/Clock';
import { Logger } from '../../platform/logging/Logger';
import { TraceResource } from '../api/TraceResource';
import { TraceIdSource } from '../internal/TraceIdSource';
import { SpanProcessor } from '../processors/SpanProcessor';
import { Sampler } from '../samplers/Sampler';
import { AttributeRedactor } from './AttributeRedactor';
import { SpanLimits } from './SpanLimits';

/**
 * What every tracer and span of one TracerProvider shares. Internal: built by TracerProvider,
 * read on the hot path, so plain fields.
 */
export class TracerCore {
  readonly clock: Clock;
  readonly ids: TraceIdSource;
  readonly sampler: Sampler;
  readonly limits: SpanLimits;
  readonly redactor: AttributeRedactor;
  readonly resource: TraceResource;
  readonly logger: Logger;
  /** All processors as one (replaced when a processor is added). */
  processor: SpanProcessor;

  constructor(clock: Clock, ids: TraceIdSource, sampler: Sampler, limits: SpanLimits, redactor: AttributeRedactor,
    resource: TraceResource, logger: Logger, processor: SpanProcessor) {
    this.clock = clock;
    this.ids = ids;
    this.sampler = sampler;
    this.limits = limits;
    this.redactor = redactor;
    this.resource = resource;
    this.logger = logger;
    this.processor = processor;
  }
}
