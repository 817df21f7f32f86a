import { HeaderCarrier } from '../../../core/headers/Headers';

/**
 * A constraint strategy (find-my-way style): routes may carry a value for it, e.g.
 * `{ 'host': 'tv.local' }`, and a request matches such a route only when the value it derives from
 * its headers satisfies that value. Among the routes registered for one path and method, the one with
 * the most constraints wins, ties broken by {@link compare}. Implement it with a class and pass it in
 * `RouterOptions.constraints`; `host` and `version` are built in.
 */
export interface RouteConstraint {
  /** The key used in route definitions (`constraints: { 'host': ... }`). */
  readonly name: string;
  /**
   * When true and the request derives a value, routes at the same path without this constraint stop
   * matching (a request for version 2 must not silently get the unversioned route).
   */
  readonly mustMatchWhenDerived: boolean;
  /** Validates a route value at registration and returns its canonical form; throws InvalidArgumentError. */
  normalize(value: string): string;
  /** The request's value, or undefined when the request says nothing about this constraint. */
  derive(headers: HeaderCarrier | undefined): string | undefined;
  /** True when a route with `routeValue` accepts a request that derived `requestValue`. */
  matches(routeValue: string, requestValue: string | undefined): boolean;
  /** Orders two route values: negative when `a` should be tried before `b`. */
  compare(a: string, b: string): number;
}
