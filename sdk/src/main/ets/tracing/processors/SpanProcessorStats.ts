/**
 * A processor's span accounting. For sampled spans, always:
 * `received === exported + failed + dropped + queued + inFlight`.
 */
export class SpanProcessorStats {
  /** Sampled spans that ended and reached the processor. */
  readonly received: number;
  /** Spans the exporter reported as delivered. */
  readonly exported: number;
  /** Spans in exports that failed or timed out. */
  readonly failed: number;
  /** Spans dropped without an export attempt (queue full, or after shutdown). */
  readonly dropped: number;
  /** Spans waiting in the queue. */
  readonly queued: number;
  /** Spans in the export under way. */
  readonly inFlight: number;

  constructor(received: number, exported: number, failed: number, dropped: number, queued: number, inFlight: number) {
    this.received = received;
    this.exported = exported;
    this.failed = failed;
    this.dropped = dropped;
    this.queued = queued;
    this.inFlight = inFlight;
  }
}
