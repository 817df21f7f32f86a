import { HeaderCarrier } from '../../../core/headers/Headers';
import { RouteConstraint } from './RouteConstraint';
import { SemVer, VersionRange } from './SemVer';

/** Default request header of the version constraint. */
export const DEFAULT_VERSION_HEADER = 'accept-version';

/**
 * Matches an `accept-version` request header (an x-range: `2`, `2.x`, `2.1.x`, `2.1.3`, `*`) against
 * route versions written `major.minor.patch`; the highest matching version wins. It must match when
 * derived: a request that asks for a version never falls back to an unversioned route at that path.
 */
export class VersionConstraint implements RouteConstraint {
  readonly name: string = 'version';
  readonly mustMatchWhenDerived: boolean = true;
  private readonly _header: string;
  // One-entry caches: a lookup checks several route versions against the same header value.
  private _lastRangeText: string = '';
  private _lastRange: VersionRange = new VersionRange('');
  private readonly _versions: Map<string, SemVer> = new Map<string, SemVer>();

  constructor(header?: string) {
    this._header = header ?? DEFAULT_VERSION_HEADER;
  }

  normalize(value: string): string {
    const v = SemVer.parse(value, 'route.constraints.version');
    const text = `${v.major}.${v.minor}.${v.patch}`;
    this._versions.set(text, v);
    return text;
  }

  derive(headers: HeaderCarrier | undefined): string | undefined {
    return headers !== undefined ? headers.get(this._header) : undefined;
  }

  matches(routeValue: string, requestValue: string | undefined): boolean {
    if (requestValue === undefined) {
      return false;
    }
    if (requestValue !== this._lastRangeText) {
      this._lastRangeText = requestValue;
      this._lastRange = new VersionRange(requestValue);
    }
    const v = this._versions.get(routeValue);
    return v !== undefined && this._lastRange.includes(v);
  }

  compare(a: string, b: string): number {
    const va = this._versions.get(a);
    const vb = this._versions.get(b);
    if (va === undefined || vb === undefined) {
      return 0;
    }
    return vb.compareTo(va);
  }
}
