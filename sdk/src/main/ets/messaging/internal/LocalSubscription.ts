import { ErrorPredicate } from '../../resilience/CircuitBreakerOptions';
import { AckMode, QueueHandler } from '../SubscribeOptions';

/** A subscription's resolved settings and counters, on the consuming device. */
export class LocalSubscription {
  readonly id: number;
  readonly topic: string;
  readonly group: string;
  readonly handler: QueueHandler;
  readonly concurrency: number;
  readonly prefetch: number;
  readonly ackMode: AckMode;
  /** 0: the publisher's topic setting. */
  readonly visibilityTimeoutMs: number;
  readonly groupExpiryMs: number;
  readonly retryOn: ErrorPredicate;
  active: boolean = true;
  running: number = 0;
  received: number = 0;
  acked: number = 0;
  failed: number = 0;

  constructor(id: number, topic: string, group: string, handler: QueueHandler, concurrency: number, prefetch: number,
    ackMode: AckMode, visibilityTimeoutMs: number, groupExpiryMs: number, retryOn: ErrorPredicate) {
    this.id = id;
    this.topic = topic;
    this.group = group;
    this.handler = handler;
    this.concurrency = concurrency;
    this.prefetch = prefetch;
    this.ackMode = ackMode;
    this.visibilityTimeoutMs = visibilityTimeoutMs;
    this.groupExpiryMs = groupExpiryMs;
    this.retryOn = retryOn;
  }
}
