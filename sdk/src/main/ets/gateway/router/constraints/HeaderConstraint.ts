import { InvalidArgumentError } from '../../../core/errors/InvalidArgumentError';
import { HeaderCarrier, Headers } from '../../../core/headers/Headers';
import { RouteConstraint } from './RouteConstraint';

/**
 * A constraint on an arbitrary request header, compared exactly: e.g.
 * `new HeaderConstraint('device', 'x-mesh-device-type')` lets routes say `{ 'device': 'watch' }`.
 * Routes without it still match requests that carry the header.
 */
export class HeaderConstraint implements RouteConstraint {
  readonly name: string;
  readonly mustMatchWhenDerived: boolean = false;
  private readonly _header: string;

  constructor(name: string, header: string) {
    if (name.length === 0) {
      throw new InvalidArgumentError('name', 'must not be empty');
    }
    if (!Headers.isValidName(header)) {
      throw new InvalidArgumentError('header', `'${header}' is not a valid header name`);
    }
    this.name = name;
    this._header = header;
  }

  normalize(value: string): string {
    return value;
  }

  derive(headers: HeaderCarrier | undefined): string | undefined {
    return headers !== undefined ? headers.get(this._header) : undefined;
  }

  matches(routeValue: string, requestValue: string | undefined): boolean {
    return requestValue === routeValue;
  }

  compare(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}
