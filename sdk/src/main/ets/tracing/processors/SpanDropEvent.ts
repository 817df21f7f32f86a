/** Why a processor dropped spans instead of exporting them. */
export enum SpanDropReason {
  /** The bounded queue was full: spans ended faster than the exporter took them. */
  QUEUE_FULL = 'queue_full',
  /** The span ended after the processor was shut down. */
  SHUTDOWN = 'shutdown'
}

/** Reported by a processor after it dropped spans: how many since the last report, and why. */
export class SpanDropEvent {
  readonly reason: SpanDropReason;
  /** Spans dropped for this reason since the previous event. */
  readonly count: number;
  /** Spans the processor has dropped in all, for any reason. */
  readonly totalDropped: number;

  constructor(reason: SpanDropReason, count: number, totalDropped: number) {
    this.reason = reason;
    this.count = count;
    this.totalDropped = totalDropped;
  }
}
