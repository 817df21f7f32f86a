import { Route } from './Route';

const NO_VALUES: string[] = [];

/**
 * A successful lookup: the route and its parameter values (percent-decoded), in the order of
 * `route.paramNames`. Matches of routes without parameters are shared and must not be modified.
 */
export class RouteMatch<T> {
  readonly route: Route<T>;
  readonly values: string[];

  constructor(route: Route<T>, values?: string[]) {
    this.route = route;
    this.values = values ?? NO_VALUES;
  }

  /** The route's data. */
  get data(): T {
    return this.route.data;
  }

  /** A parameter value by name (`*` for the wildcard), or undefined. */
  param(name: string): string | undefined {
    const names = this.route.pattern.paramNames;
    for (let i = 0; i < names.length; i++) {
      if (names[i] === name) {
        return this.values[i];
      }
    }
    return undefined;
  }

  /** All parameters as a record (built on each call). */
  params(): Record<string, string> {
    const out: Record<string, string> = {};
    const names = this.route.pattern.paramNames;
    for (let i = 0; i < names.length; i++) {
      out[names[i]] = this.values[i];
    }
    return out;
  }
}
