import { QueueMessage } from '../QueueMessage';
import { DeliveryOutcome } from './DeliveryOutcome';

/** This device's consumer of a group: deliveries go straight to it, no transport. */
export interface LocalTarget {
  accept(message: QueueMessage, count: number, deadline: number): DeliveryOutcome | Promise<DeliveryOutcome>;
}

/**
 * A consumer of one group as its publisher sees it: this device's subscriptions, or another
 * device's (learned from the registry). Credit is `prefetch - inFlight`.
 */
export class ConsumerRef {
  readonly deviceId: string;
  readonly local: boolean;
  /** Where local deliveries go (undefined for another device's consumer). */
  target: LocalTarget | undefined;
  /** Deliveries this publisher may have outstanding with the consumer. */
  prefetch: number;
  /** The consumer's own visibility timeout (0: the topic's). */
  visibilityTimeoutMs: number;
  inFlight: number = 0;
  /** Not used before this Clock time (it was busy, or unreachable). */
  unavailableUntil: number = 0;
  /** Removed from the group (unsubscribed, device gone); outstanding deliveries still settle. */
  removed: boolean = false;

  constructor(deviceId: string, target: LocalTarget | undefined, prefetch: number, visibilityTimeoutMs: number) {
    this.deviceId = deviceId;
    this.local = target !== undefined;
    this.target = target;
    this.prefetch = prefetch;
    this.visibilityTimeoutMs = visibilityTimeoutMs;
  }

  /** True when the consumer can take one more delivery at `now`. */
  canTake(now: number): boolean {
    return !this.removed && this.inFlight < this.prefetch && this.unavailableUntil <= now;
  }
}
