import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Clock } from '../platform/Clock';
import { CircuitBreaker } from './CircuitBreaker';
import { breakerOptions, CircuitBreakerSettings } from './CircuitBreakerOptions';
import {
  BreakerCallResult, BreakerRejection, BreakerStateChange, CircuitBreakerMetrics, CircuitBreakerSnapshot
} from './CircuitBreakerTypes';
import { CircuitState } from './CircuitState';
import { Policy, PolicyTask } from './Policy';
import { PolicyContext } from './PolicyContext';

/** Per-key settings: undefined means "use the registry defaults". */
export type BreakerSettingsResolver = (key: string) => CircuitBreakerSettings | undefined;

/** Options of a {@link CircuitBreakerRegistry}. */
export interface CircuitBreakerRegistryOptions {
  /** The time source of every breaker. Required. */
  clock: Clock;
  /** Settings of breakers without their own. Default: the CircuitBreaker defaults. */
  defaults?: CircuitBreakerSettings;
  /** Settings per key (e.g. per service), consulted when a breaker is created. Default: none. */
  settingsFor?: BreakerSettingsResolver;
  /**
   * Breakers kept at most; beyond it the least recently used CLOSED breaker with nothing in flight
   * is dropped (its key starts afresh when used again). Default {@link DEFAULT_MAX_BREAKERS}.
   */
  maxBreakers?: number;
}

/** Default registry capacity. */
export const DEFAULT_MAX_BREAKERS = 10000;

/**
 * Circuit breakers keyed by upstream: a service name for the gateway, an instance id for
 * `MeshNode.call`'s per-instance attempts. Breakers are created on first use with per-key
 * settings (`configure`, `settingsFor`) or the defaults, and their events are re-emitted here with
 * the key as `name`, so one subscription feeds passive health in the service registry
 * (`onStateChange`: OPEN = eject the instance, CLOSED = healthy again) and the simulator.
 *
 * As a {@link Policy} the registry picks the breaker from `context.key` (a call without a key runs
 * unguarded); `policyFor(key)` returns one breaker.
 */
export class CircuitBreakerRegistry implements Policy {
  private readonly _clock: Clock;
  private readonly _defaults: CircuitBreakerSettings;
  private readonly _settingsFor: BreakerSettingsResolver | undefined;
  private readonly _configured: Map<string, CircuitBreakerSettings> = new Map<string, CircuitBreakerSettings>();
  // Insertion order doubles as recency order: a used breaker is moved to the end.
  private readonly _breakers: Map<string, CircuitBreaker> = new Map<string, CircuitBreaker>();
  private readonly _subscriptions: Map<string, Disposable[]> = new Map<string, Disposable[]>();
  private readonly _resultLinks: Map<string, Disposable> = new Map<string, Disposable>();
  private readonly _maxBreakers: number;
  private readonly _onStateChange: EventEmitter<BreakerStateChange> = new EventEmitter<BreakerStateChange>();
  private readonly _onRejection: EventEmitter<BreakerRejection> = new EventEmitter<BreakerRejection>();
  private readonly _onResult: EventEmitter<BreakerCallResult> = new EventEmitter<BreakerCallResult>();
  private readonly _onCreated: EventEmitter<string> = new EventEmitter<string>();

  constructor(options: CircuitBreakerRegistryOptions) {
    if (options.clock === undefined || options.clock === null) {
      throw new InvalidArgumentError('options.clock', 'is required');
    }
    this._clock = options.clock;
    const defaults: CircuitBreakerSettings = options.defaults ?? {};
    this._defaults = defaults;
    this._settingsFor = options.settingsFor;
    this._maxBreakers = options.maxBreakers ?? DEFAULT_MAX_BREAKERS;
    if (!Number.isInteger(this._maxBreakers) || this._maxBreakers < 1) {
      throw new InvalidArgumentError('options.maxBreakers', 'must be an integer >= 1');
    }
    // Validate the defaults once, so a bad configuration fails here and not at the first call.
    new CircuitBreaker(breakerOptions(defaults, this._clock, 'defaults'));
  }

  /** Breakers held. */
  get size(): number {
    return this._breakers.size;
  }

  /**
   * Sets the settings of `key` (validated now). An existing breaker of that key is replaced by
   * one with the new settings that keeps its state (via snapshot/restore when compatible).
   * @throws InvalidArgumentError when the settings are invalid.
   */
  configure(key: string, settings: CircuitBreakerSettings): void {
    checkKey(key);
    const fresh = new CircuitBreaker(breakerOptions(settings, this._clock, key));
    this._configured.set(key, settings);
    const old = this._breakers.get(key);
    if (old !== undefined) {
      try {
        fresh.restore(old.snapshot());
      } catch (e) {
        // Another window kind: the state carries over only when the snapshot fits the new breaker.
      }
      this.drop(key);
      this.adopt(key, fresh);
    }
  }

  /** The breaker of `key`, created on first use. */
  get(key: string): CircuitBreaker {
    const existing = this._breakers.get(key);
    if (existing !== undefined) {
      // Refresh recency (Map keeps insertion order).
      this._breakers.delete(key);
      this._breakers.set(key, existing);
      return existing;
    }
    checkKey(key);
    const breaker = new CircuitBreaker(breakerOptions(this.settingsOf(key), this._clock, key));
    this.adopt(key, breaker);
    this.evict();
    this._onCreated.emit(key);
    return breaker;
  }

  /** The breaker of `key` if it exists (does not create one). */
  find(key: string): CircuitBreaker | undefined {
    return this._breakers.get(key);
  }

  /** The breaker of `key` as a Policy. */
  policyFor(key: string): Policy {
    return this.get(key);
  }

  /** State of `key` without creating a breaker (CLOSED when unknown). */
  stateOf(key: string): CircuitState {
    const breaker = this._breakers.get(key);
    return breaker === undefined ? CircuitState.CLOSED : breaker.state;
  }

  /** True when a call to `key` would be rejected now (no permit is taken). */
  isOpen(key: string): boolean {
    const state = this.stateOf(key);
    return state === CircuitState.OPEN || state === CircuitState.FORCED_OPEN;
  }

  /** Runs `task` through the breaker of `key`. */
  executeFor<T>(key: string, task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    return this.get(key).execute<T>(task, context);
  }

  /** Runs `task` through the breaker of `context.key`; without a key the task runs unguarded. */
  execute<T>(task: PolicyTask<T>, context?: PolicyContext): Promise<T> {
    const ctx = context ?? PolicyContext.create();
    const key = ctx.key;
    if (key === undefined) {
      try {
        return task(ctx);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.get(key).execute<T>(task, ctx);
  }

  /** Drops the breaker of `key` (e.g. the instance left the mesh). */
  remove(key: string): boolean {
    return this.drop(key);
  }

  /** Keys with a breaker, least recently used first. */
  keys(): string[] {
    return Array.from(this._breakers.keys());
  }

  /** Metrics of every breaker. */
  metrics(): CircuitBreakerMetrics[] {
    const out: CircuitBreakerMetrics[] = [];
    this._breakers.forEach((b: CircuitBreaker): void => {
      out.push(b.metrics());
    });
    return out;
  }

  /** Snapshots of every breaker, by key. */
  snapshot(): Record<string, CircuitBreakerSnapshot> {
    const out: Record<string, CircuitBreakerSnapshot> = {};
    this._breakers.forEach((b: CircuitBreaker, key: string): void => {
      out[key] = b.snapshot();
    });
    return out;
  }

  /**
   * Restores snapshots by key (creating breakers). Every snapshot is validated first: a malformed
   * one throws InvalidArgumentError naming its key and nothing is restored.
   */
  restore(snapshots: Record<string, CircuitBreakerSnapshot>): void {
    const keys = Object.keys(snapshots);
    const staged: CircuitBreaker[] = [];
    for (const key of keys) {
      checkKey(key);
      const probe = new CircuitBreaker(breakerOptions(this.settingsOf(key), this._clock, key));
      try {
        probe.restore(snapshots[key]);
      } catch (e) {
        const field = e instanceof InvalidArgumentError ? e.field : 'snapshot';
        throw new InvalidArgumentError(`snapshots['${key}'].${field}`, e instanceof Error ? e.message : String(e));
      }
      staged.push(probe);
    }
    for (let i = 0; i < keys.length; i++) {
      this.drop(keys[i]);
      this.adopt(keys[i], staged[i]);
    }
    this.evict();
  }

  /** State changes of every breaker (`name` is the key). */
  onStateChange(listener: Listener<BreakerStateChange>): Disposable {
    return this._onStateChange.on(listener);
  }

  /** Rejections of every breaker. */
  onRejection(listener: Listener<BreakerRejection>): Disposable {
    return this._onRejection.on(listener);
  }

  /**
   * Completed calls of every breaker. Breakers only build result events (and read the clock for
   * them) while this has listeners, so the hot path stays cheap otherwise.
   */
  onResult(listener: Listener<BreakerCallResult>): Disposable {
    const sub = this._onResult.on(listener);
    if (this._onResult.size === 1) {
      this._breakers.forEach((b: CircuitBreaker, key: string): void => this.linkResults(key, b));
    }
    return new Disposable((): void => {
      sub.dispose();
      if (this._onResult.size === 0) {
        this._resultLinks.forEach((d: Disposable): void => d.dispose());
        this._resultLinks.clear();
      }
    });
  }

  /** Keys whose breaker was just created. */
  onCreated(listener: Listener<string>): Disposable {
    return this._onCreated.on(listener);
  }

  private settingsOf(key: string): CircuitBreakerSettings {
    const configured = this._configured.get(key);
    if (configured !== undefined) {
      return configured;
    }
    const resolver = this._settingsFor;
    if (resolver !== undefined) {
      const s = resolver(key);
      if (s !== undefined) {
        return s;
      }
    }
    return this._defaults;
  }

  private adopt(key: string, breaker: CircuitBreaker): void {
    this._breakers.set(key, breaker);
    const subs: Disposable[] = [
      breaker.onStateChange((e: BreakerStateChange): void => this._onStateChange.emit(e)),
      breaker.onRejection((e: BreakerRejection): void => this._onRejection.emit(e))
    ];
    this._subscriptions.set(key, subs);
    if (this._onResult.size > 0) {
      this.linkResults(key, breaker);
    }
  }

  private linkResults(key: string, breaker: CircuitBreaker): void {
    if (!this._resultLinks.has(key)) {
      this._resultLinks.set(key, breaker.onResult((e: BreakerCallResult): void => this._onResult.emit(e)));
    }
  }

  private drop(key: string): boolean {
    const link = this._resultLinks.get(key);
    if (link !== undefined) {
      link.dispose();
      this._resultLinks.delete(key);
    }
    const subs = this._subscriptions.get(key);
    if (subs !== undefined) {
      for (const s of subs) {
        s.dispose();
      }
      this._subscriptions.delete(key);
    }
    return this._breakers.delete(key);
  }

  private evict(): void {
    if (this._breakers.size <= this._maxBreakers) {
      return;
    }
    const victims: string[] = [];
    let excess = this._breakers.size - this._maxBreakers;
    const it = this._breakers.entries();
    for (let r = it.next(); !r.done && excess > 0; r = it.next()) {
      const b = r.value[1];
      if (b.state === CircuitState.CLOSED && b.inFlight === 0) {
        victims.push(r.value[0]);
        excess--;
      }
    }
    for (const key of victims) {
      this.drop(key);
    }
  }
}

const checkKey = (key: string): void => {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidArgumentError('key', 'must be a non-empty string');
  }
};
