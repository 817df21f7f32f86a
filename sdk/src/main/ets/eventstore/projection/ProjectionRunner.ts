import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { EventStore } from '../EventStore';
import { RecordedEvent } from '../RecordedEvent';
import { CatchUpSubscription, SubscriptionState } from '../subscription/CatchUpSubscription';
import { CheckpointStore } from '../subscription/CheckpointStore';
import { Projection } from './Projection';

/** Options of a {@link ProjectionRunner}; see CatchUpSubscriptionOptions for the defaults. */
export interface ProjectionRunnerOptions {
  /** Where the checkpoint lives. Default: the event store's KeyValueStore. */
  checkpoints?: CheckpointStore;
  batchSize?: number;
  checkpointEvery?: number;
  maxRetries?: number;
  retryDelayMs?: number;
}

/** The prefix of projection checkpoint names. */
export const PROJECTION_CHECKPOINT_PREFIX = 'projection/';

/**
 * Runs a {@link Projection} as a durable catch-up subscription named `projection/<name>`: from its
 * checkpoint (or the start), then live. `rebuild()` replays the whole log into a reset model.
 */
export class ProjectionRunner {
  readonly store: EventStore;
  readonly projection: Projection;
  private readonly _options: ProjectionRunnerOptions;
  private _subscription: CatchUpSubscription | undefined = undefined;

  /** @throws InvalidArgumentError for a missing store or projection. */
  constructor(store: EventStore, projection: Projection, options?: ProjectionRunnerOptions) {
    if (store === undefined || store === null) {
      throw new InvalidArgumentError('store', 'is required');
    }
    if (projection === undefined || projection === null || !(projection instanceof Projection)) {
      throw new InvalidArgumentError('projection', 'must be a Projection');
    }
    this.store = store;
    this.projection = projection;
    this._options = options ?? {};
  }

  /** The checkpoint name: `projection/<name>`. */
  get checkpointName(): string {
    return PROJECTION_CHECKPOINT_PREFIX + this.projection.name;
  }

  /** The running subscription (undefined before `start`). */
  get subscription(): CatchUpSubscription | undefined {
    return this._subscription;
  }

  /**
   * Starts feeding the projection from its checkpoint; a running projection is left as it is.
   *
   * @throws MeshError ERR_STOPPED when the store is closed.
   */
  start(): CatchUpSubscription {
    const running = this._subscription;
    if (running !== undefined && running.state !== SubscriptionState.STOPPED && running.state !== SubscriptionState.FAILED) {
      return running;
    }
    return this.subscribe(undefined);
  }

  /** Stops feeding (the checkpoint is kept). */
  async stop(): Promise<void> {
    const s = this._subscription;
    if (s !== undefined) {
      await s.stop();
    }
  }

  /**
   * Rebuilds the read model from zero: stops, forgets the checkpoint, `reset()`s the projection,
   * and starts again from the beginning of the log. Resolves once restarted; await
   * `subscription.caughtUp()` for the end of the replay.
   *
   * @throws what the projection's `reset()` or the checkpoint store throws (nothing is restarted then).
   */
  async rebuild(): Promise<CatchUpSubscription> {
    await this.stop();
    const checkpoints = this._options.checkpoints ?? this.store.checkpoints;
    await checkpoints.remove(this.checkpointName);
    await this.projection.reset();
    return this.subscribe(0);
  }

  /** @throws MeshError ERR_STOPPED when the store is closed. */
  private subscribe(fromPosition: number | undefined): CatchUpSubscription {
    const o = this._options;
    const projection = this.projection;
    const sub = this.store.subscribe((event: RecordedEvent): Promise<void> => projection.handle(event), {
      name: this.checkpointName, checkpoints: o.checkpoints, fromPosition: fromPosition, filter: projection.filter,
      batchSize: o.batchSize, checkpointEvery: o.checkpointEvery, maxRetries: o.maxRetries, retryDelayMs: o.retryDelayMs
    });
    this._subscription = sub;
    return sub;
  }
}
