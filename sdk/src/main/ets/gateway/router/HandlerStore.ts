import { HeaderCarrier } from '../../core/headers/Headers';
import { RouteConflictError } from '../errors/RouteConflictError';
import { RouteConstraint } from './constraints/RouteConstraint';
import { Route } from './Route';
import { RouteMatch } from './RouteMatch';

/** One route as registered at one tree node (a route with several methods has one entry per tree). */
export class RouteEntry<T> {
  readonly route: Route<T>;
  /** The strategies the route is constrained by, and its value for each, sorted by name. */
  readonly strategies: RouteConstraint[];
  readonly values: string[];
  /** False for an ALL route, which yields to a method-specific route at the same node. */
  readonly methodSpecific: boolean;
  /** True for the extra entry a wildcard route gets at its prefix under ignoreTrailingSlash. */
  readonly emptyWildcard: boolean;
  /** The shared match of a route without parameters. */
  readonly staticMatch: RouteMatch<T> | undefined;
  /** Number of parameters (the wildcard included) and the wildcard's index, or -1. */
  readonly paramCount: number;
  readonly wildcardAt: number;
  readonly seq: number;

  constructor(route: Route<T>, strategies: RouteConstraint[], values: string[], methodSpecific: boolean,
    emptyWildcard: boolean, seq: number) {
    this.route = route;
    this.strategies = strategies;
    this.values = values;
    this.methodSpecific = methodSpecific;
    this.emptyWildcard = emptyWildcard;
    this.paramCount = route.pattern.paramNames.length;
    this.wildcardAt = route.pattern.hasWildcard ? this.paramCount - 1 : -1;
    this.staticMatch = this.paramCount === 0 ? new RouteMatch<T>(route) : undefined;
    this.seq = seq;
  }

  sameConstraints(other: RouteEntry<T>): boolean {
    if (this.strategies.length !== other.strategies.length) {
      return false;
    }
    for (let i = 0; i < this.strategies.length; i++) {
      if (this.strategies[i].name !== other.strategies[i].name || this.values[i] !== other.values[i]) {
        return false;
      }
    }
    return true;
  }
}

// Most specific first: real terminals before the trailing-slash wildcard entry, more constraints
// first, then the strategies' own order (highest version, exact host), method-specific before ALL.
const compareEntries = <T>(a: RouteEntry<T>, b: RouteEntry<T>): number => {
  if (a.emptyWildcard !== b.emptyWildcard) {
    return a.emptyWildcard ? 1 : -1;
  }
  if (a.strategies.length !== b.strategies.length) {
    return b.strategies.length - a.strategies.length;
  }
  for (let i = 0; i < a.strategies.length; i++) {
    const sa = a.strategies[i];
    const sb = b.strategies[i];
    if (sa.name !== sb.name) {
      return sa.name < sb.name ? -1 : 1;
    }
    const c = sa.compare(a.values[i], b.values[i]);
    if (c !== 0) {
      return c;
    }
  }
  if (a.methodSpecific !== b.methodSpecific) {
    return a.methodSpecific ? -1 : 1;
  }
  return a.seq - b.seq;
};

/**
 * The routes that end at one tree node, most specific first. Picking one is the hot path of a
 * lookup: with no constrained route at the node, `fast` is the answer and no header is read.
 */
export class HandlerStore<T> {
  entries: RouteEntry<T>[] = [];
  /** The entry to return without checking anything, when no entry at this node is constrained. */
  fast: RouteEntry<T> | undefined = undefined;
  /** Strategies some entry here uses that must match when the request derives a value. */
  private _mustMatch: RouteConstraint[] = [];

  /** Adds an entry; throws RouteConflictError when an equivalent entry is already here. */
  add(entry: RouteEntry<T>): void {
    for (const e of this.entries) {
      if (e.emptyWildcard === entry.emptyWildcard && e.methodSpecific === entry.methodSpecific &&
        e.sameConstraints(entry) && e.route !== entry.route) {
        throw new RouteConflictError(entry.route.id, e.route.id,
          `both match the same paths${entry.methodSpecific ? '' : ' for every method'} with the same constraints`);
      }
    }
    const next = this.entries.slice();
    next.push(entry);
    next.sort(compareEntries);
    this.entries = next;
    const must: RouteConstraint[] = [];
    for (const e of next) {
      for (const s of e.strategies) {
        if (s.mustMatchWhenDerived && must.indexOf(s) < 0) {
          must.push(s);
        }
      }
    }
    this._mustMatch = must;
    this.fast = next[0].strategies.length === 0 ? next[0] : undefined;
  }

  /** The most specific entry whose constraints the request satisfies, or undefined. */
  select(headers: HeaderCarrier | undefined): RouteEntry<T> | undefined {
    const fast = this.fast;
    if (fast !== undefined) {
      return fast;
    }
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      let ok = true;
      for (let k = 0; ok && k < e.strategies.length; k++) {
        const s = e.strategies[k];
        ok = s.matches(e.values[k], s.derive(headers));
      }
      for (let k = 0; ok && k < this._mustMatch.length; k++) {
        const s = this._mustMatch[k];
        ok = e.strategies.indexOf(s) >= 0 || s.derive(headers) === undefined;
      }
      if (ok) {
        return e;
      }
    }
    return undefined;
  }
}
