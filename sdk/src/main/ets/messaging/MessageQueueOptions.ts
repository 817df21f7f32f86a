import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { RedMetrics } from '../metrics/red/RedMetrics';
import { Clock } from '../platform/Clock';
import { Random } from '../platform/Random';
import { Logger } from '../platform/logging/Logger';
import { KeyValueStore } from '../platform/store/KeyValueStore';
import { Tracer } from '../tracing/sdk/Tracer';
import { TopicOptions } from './TopicOptions';

/** Settings of a queue that do not come from the node (used by `MessageQueue.attach`). Everything optional. */
export interface MessagingSettings {
  /**
   * Keep messages in the store: `publish` resolves once the message is written, and a restarted
   * node resumes. False keeps everything in memory (fastest; lost with the process). Default true.
   */
  durable?: boolean;
  /** Publish and delivery spans, trace context in message headers. Default none. */
  tracer?: Tracer;
  /** Records published/delivered/acked/retried/dead-lettered and queue depths. Default none. */
  metrics?: RedMetrics;
  /** Settings of every topic not listed in `topics`. */
  defaults?: TopicOptions;
  /** Settings per topic (over `defaults`). */
  topics?: Record<string, TopicOptions>;
  /** How long a consumer that answered "busy" is skipped, ms. Default {@link DEFAULT_BUSY_RETRY_MS}. */
  busyRetryMs?: number;
  /** How long an unreachable consumer (or one that vanished) is skipped, ms. Default {@link DEFAULT_UNREACHABLE_RETRY_MS}. */
  unreachableRetryMs?: number;
}

/** Options of a standalone `MessageQueue` (in-process, or before attaching to a node). */
export interface MessageQueueOptions extends MessagingSettings {
  /** This device's id (names the store keys and the publisher of messages). */
  deviceId: string;
  clock: Clock;
  /** Randomness for message ids. */
  random: Random;
  /** Where durable messages live. Default a new MemoryStore. */
  store?: KeyValueStore;
  /** Default NoopLogger. */
  logger?: Logger;
}

/** Default pause before retrying a busy consumer: 50 ms. */
export const DEFAULT_BUSY_RETRY_MS = 50;
/** Default pause before retrying an unreachable consumer: 1 s. */
export const DEFAULT_UNREACHABLE_RETRY_MS = 1000;

/** Validates a ms setting. */
export const checkDelay = (v: number | undefined, d: number, field: string): number => {
  if (v === undefined) {
    return d;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new InvalidArgumentError(field, 'must be a finite number >= 0');
  }
  return v;
};
