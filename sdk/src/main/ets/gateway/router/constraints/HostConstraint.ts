import { InvalidArgumentError } from '../../../core/errors/InvalidArgumentError';
import { HeaderCarrier } from '../../../core/headers/Headers';
import { RouteConstraint } from './RouteConstraint';

const isHostChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95;

/**
 * Matches the request's `host` header (case-insensitive, port ignored) against an exact host
 * (`tv.local`) or a leading wildcard (`*.example.com`, which matches `a.example.com` but not
 * `example.com`). Exact hosts are preferred to wildcards, longer wildcards to shorter ones.
 */
export class HostConstraint implements RouteConstraint {
  readonly name: string = 'host';
  readonly mustMatchWhenDerived: boolean = false;

  normalize(value: string): string {
    const v = value.toLowerCase();
    const start = v.startsWith('*.') ? 2 : 0;
    if (v.length === start) {
      throw new InvalidArgumentError('route.constraints.host', `'${value}' is not a host name`);
    }
    for (let i = start; i < v.length; i++) {
      if (!isHostChar(v.charCodeAt(i))) {
        throw new InvalidArgumentError('route.constraints.host', `'${value}' is not a host name (or *.suffix)`);
      }
    }
    return v;
  }

  derive(headers: HeaderCarrier | undefined): string | undefined {
    const raw = headers !== undefined ? headers.get('host') : undefined;
    if (raw === undefined || raw.length === 0) {
      return undefined;
    }
    // Strip a port, but not from a bracketed IPv6 literal.
    const colon = raw.lastIndexOf(':');
    const host = colon > 0 && raw.indexOf(']', colon) < 0 ? raw.substring(0, colon) : raw;
    return host.toLowerCase();
  }

  matches(routeValue: string, requestValue: string | undefined): boolean {
    if (requestValue === undefined) {
      return false;
    }
    if (routeValue.startsWith('*.')) {
      // '*.example.com' needs at least one more label: 'a.example.com' matches, 'example.com' does not.
      const suffix = routeValue.substring(1);
      return requestValue.length > suffix.length && requestValue.endsWith(suffix);
    }
    return routeValue === requestValue;
  }

  compare(a: string, b: string): number {
    const wa = a.startsWith('*.');
    const wb = b.startsWith('*.');
    if (wa !== wb) {
      return wa ? 1 : -1;
    }
    return b.length - a.length;
  }
}
