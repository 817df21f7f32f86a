import { CancellationToken } from '../core/cancellation/CancellationToken';

/** Fields to build a root {@link PolicyContext} from; all optional. */
export interface PolicyContextInit {
  /** The caller's cancellation token. Default `CancellationToken.NONE`. */
  token?: CancellationToken;
  /** Absolute deadline in Clock epoch ms. Default: none (`Infinity`). */
  deadline?: number;
  /** Upstream key (service name or instance id) keyed policies such as the breaker registry use. */
  key?: string;
}

/**
 * Shared by a root context and every context derived from it, so attributes set by one policy
 * are visible to the others and to the task.
 */
class PolicyAttributes {
  // Created on the first set: most calls derive contexts (timeouts, retries) but never use attributes.
  values: Map<string, Object> | undefined = undefined;
}

/**
 * What one execution of a task knows about itself: its attempt number (1 for the first, set by
 * retry), its absolute deadline (the tightest of every enclosing timeout and the caller's), its
 * cancellation token (cancelled on timeout or by the caller), an optional upstream key, and a bag
 * of attributes shared along the chain. Contexts are immutable: policies derive new ones.
 */
export class PolicyContext {
  /** 1 for the first attempt; retry derives 2, 3, ... */
  readonly attempt: number;
  /** Absolute deadline in Clock epoch ms, `Infinity` when there is none. */
  readonly deadline: number;
  /** Cancelled when the caller cancels or an enclosing timeout fires. */
  readonly token: CancellationToken;
  /** Upstream key (service name or instance id), undefined when not set. */
  readonly key: string | undefined;
  private _attributes: PolicyAttributes | undefined;

  constructor(attempt: number, deadline: number, token: CancellationToken, key?: string) {
    this.attempt = attempt;
    this.deadline = deadline;
    this.token = token;
    this.key = key;
    this._attributes = undefined;
  }

  /** A root context: attempt 1, with the given token, deadline and key. */
  static create(init?: PolicyContextInit): PolicyContext {
    if (init === undefined) {
      return new PolicyContext(1, Number.POSITIVE_INFINITY, CancellationToken.NONE);
    }
    const deadline = init.deadline;
    return new PolicyContext(1, deadline === undefined || Number.isNaN(deadline) ? Number.POSITIVE_INFINITY : deadline,
      init.token ?? CancellationToken.NONE, init.key);
  }

  /** True when the token is cancelled. */
  get isCancelled(): boolean {
    return this.token.isCancelled;
  }

  /** True when a finite deadline is set. */
  get hasDeadline(): boolean {
    return this.deadline !== Number.POSITIVE_INFINITY;
  }

  /** Milliseconds left until the deadline at `now` (may be negative), `Infinity` without one. */
  remainingMs(now: number): number {
    return this.deadline - now;
  }

  /** The same context for another attempt number. */
  withAttempt(attempt: number): PolicyContext {
    return this.derive(attempt, this.deadline, this.token, this.key);
  }

  /** The same context with a tighter deadline and the token that enforces it. */
  withDeadline(deadline: number, token: CancellationToken): PolicyContext {
    return this.derive(this.attempt, deadline, token, this.key);
  }

  /** The same context with another cancellation token. */
  withToken(token: CancellationToken): PolicyContext {
    return this.derive(this.attempt, this.deadline, token, this.key);
  }

  /** The same context addressed to another upstream key. */
  withKey(key: string): PolicyContext {
    return this.derive(this.attempt, this.deadline, this.token, key);
  }

  /** An attribute set anywhere along the chain, or undefined. */
  getAttribute(name: string): Object | undefined {
    const values = this._attributes?.values;
    return values === undefined ? undefined : values.get(name);
  }

  /** Sets an attribute visible to every context derived from the same root. */
  setAttribute(name: string, value: Object): void {
    const attributes = this.attributes();
    let values = attributes.values;
    if (values === undefined) {
      values = new Map<string, Object>();
      attributes.values = values;
    }
    values.set(name, value);
  }

  /** Names of the attributes set so far. */
  attributeNames(): string[] {
    const values = this._attributes?.values;
    return values === undefined ? [] : Array.from(values.keys());
  }

  private attributes(): PolicyAttributes {
    let attributes = this._attributes;
    if (attributes === undefined) {
      attributes = new PolicyAttributes();
      this._attributes = attributes;
    }
    return attributes;
  }

  private derive(attempt: number, deadline: number, token: CancellationToken, key: string | undefined): PolicyContext {
    const child = new PolicyContext(attempt, deadline, token, key);
    // The bag is created on first use; a derived context created before that shares it from then on.
    child._attributes = this.attributes();
    return child;
  }
}
