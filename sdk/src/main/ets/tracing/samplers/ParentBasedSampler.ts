import { SpanAttributes } from '../api/SpanAttributes';
import { SpanContext } from '../api/SpanContext';
import { SpanKind } from '../api/SpanKind';
import { SpanLink } from '../api/SpanLink';
import { AlwaysOffSampler } from './AlwaysOffSampler';
import { AlwaysOnSampler } from './AlwaysOnSampler';
import { Sampler, SamplingResult } from './Sampler';

/** Which sampler decides in each parent situation. Only `root` is required. */
export interface ParentBasedSamplerOptions {
  /** Decides for root spans (no parent). */
  root: Sampler;
  /** Parent from another device, sampled. Default AlwaysOnSampler. */
  remoteParentSampled?: Sampler;
  /** Parent from another device, not sampled. Default AlwaysOffSampler. */
  remoteParentNotSampled?: Sampler;
  /** Local parent, sampled. Default AlwaysOnSampler. */
  localParentSampled?: Sampler;
  /** Local parent, not sampled. Default AlwaysOffSampler. */
  localParentNotSampled?: Sampler;
}

/**
 * Follows the parent's decision (so a trace is sampled on every device or on none) and lets
 * `root` decide for new traces. The usual production sampler: `new ParentBasedSampler({ root:
 * new TraceIdRatioSampler(0.1) })`.
 */
export class ParentBasedSampler implements Sampler {
  readonly usesTraceId: boolean;
  private readonly _root: Sampler;
  private readonly _remoteSampled: Sampler;
  private readonly _remoteNotSampled: Sampler;
  private readonly _localSampled: Sampler;
  private readonly _localNotSampled: Sampler;

  constructor(options: ParentBasedSamplerOptions) {
    this._root = options.root;
    this._remoteSampled = options.remoteParentSampled ?? new AlwaysOnSampler();
    this._remoteNotSampled = options.remoteParentNotSampled ?? new AlwaysOffSampler();
    this._localSampled = options.localParentSampled ?? new AlwaysOnSampler();
    this._localNotSampled = options.localParentNotSampled ?? new AlwaysOffSampler();
    // Spans with a parent have its trace id anyway: only the root sampler matters here.
    this.usesTraceId = this._root.usesTraceId;
  }

  shouldSample(parent: SpanContext | undefined, traceId: string, name: string, kind: SpanKind,
    attributes: SpanAttributes | undefined, links: SpanLink[] | undefined): SamplingResult {
    let delegate: Sampler;
    if (parent === undefined) {
      delegate = this._root;
    } else if (parent.isRemote) {
      delegate = parent.isSampled ? this._remoteSampled : this._remoteNotSampled;
    } else {
      delegate = parent.isSampled ? this._localSampled : this._localNotSampled;
    }
    return delegate.shouldSample(parent, traceId, name, kind, attributes, links);
  }

  description(): string {
    return `ParentBased{root=${this._root.description()}, remoteParentSampled=${this._remoteSampled.description()}, ` +
      `remoteParentNotSampled=${this._remoteNotSampled.description()}, localParentSampled=${this._localSampled.description()}, ` +
      `localParentNotSampled=${this._localNotSampled.description()}}`;
  }
}
