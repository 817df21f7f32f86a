import { RoutePattern } from './RoutePattern';

/** The method name that registers a route for every method. */
export const ALL_METHODS = 'ALL';

/**
 * A registered route: its id, methods, parsed pattern, constraint values and the data it maps to
 * (for the gateway, the target service and per-route middleware). Immutable once registered.
 */
export class Route<T> {
  readonly id: string;
  /** Upper-case methods, or [`ALL`]. */
  readonly methods: string[];
  /** The path as registered. */
  readonly path: string;
  readonly pattern: RoutePattern;
  /** Constraint values by strategy name, normalised (`{ 'host': 'tv.local' }`). */
  readonly constraints: Record<string, string>;
  readonly data: T;

  constructor(id: string, methods: string[], path: string, pattern: RoutePattern,
    constraints: Record<string, string>, data: T) {
    this.id = id;
    this.methods = methods;
    this.path = path;
    this.pattern = pattern;
    this.constraints = constraints;
    this.data = data;
  }

  /** Parameter names in pattern order; a wildcard is named `*`. */
  get paramNames(): string[] {
    return this.pattern.paramNames;
  }

  /** True when the route answers every method. */
  get allMethods(): boolean {
    return this.methods.length === 1 && this.methods[0] === ALL_METHODS;
  }
}
