import { LocalSubscription } from './internal/LocalSubscription';
import { AckMode } from './SubscribeOptions';

/** A handle on a subscription: its settings and counters; `dispose()` unsubscribes. */
export class QueueSubscription {
  private readonly _sub: LocalSubscription;
  private readonly _release: (sub: LocalSubscription) => void;

  constructor(sub: LocalSubscription, release: (sub: LocalSubscription) => void) {
    this._sub = sub;
    this._release = release;
  }

  get topic(): string {
    return this._sub.topic;
  }

  get group(): string {
    return this._sub.group;
  }

  get ackMode(): AckMode {
    return this._sub.ackMode;
  }

  get concurrency(): number {
    return this._sub.concurrency;
  }

  get prefetch(): number {
    return this._sub.prefetch;
  }

  /** False once disposed. */
  get active(): boolean {
    return this._sub.active;
  }

  /** Deliveries handed to the handler. */
  get received(): number {
    return this._sub.received;
  }

  /** Deliveries that ended acked. */
  get acked(): number {
    return this._sub.acked;
  }

  /** Deliveries that ended nacked, failed or timed out. */
  get failed(): number {
    return this._sub.failed;
  }

  /** Handler invocations running now. */
  get running(): number {
    return this._sub.running;
  }

  /**
   * Unsubscribes: no new deliveries; running handlers finish and their outcomes still count. The
   * group stays known to publishers (its messages wait for a consumer, up to its `groupExpiryMs`).
   */
  dispose(): void {
    if (this._sub.active) {
      this._release(this._sub);
    }
  }
}
