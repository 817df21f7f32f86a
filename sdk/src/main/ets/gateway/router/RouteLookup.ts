import { BadPathReason } from './PathValidator';
import { RouteMatch } from './RouteMatch';

/** The outcome of {@link Router.lookup}. */
export enum RouteStatus {
  FOUND = 'found',
  NOT_FOUND = 'not-found',
  METHOD_NOT_ALLOWED = 'method-not-allowed',
  BAD_REQUEST = 'bad-request'
}

const NO_METHODS: string[] = [];

/** A lookup result that says why nothing matched: 404, 405 (with the allowed methods) or 400. */
export class RouteLookup<T> {
  readonly status: RouteStatus;
  readonly match: RouteMatch<T> | undefined;
  /** For BAD_REQUEST: what is wrong with the path. */
  readonly reason: BadPathReason | undefined;
  /** For METHOD_NOT_ALLOWED: the methods that do match, sorted. */
  readonly allowed: string[];

  constructor(status: RouteStatus, match: RouteMatch<T> | undefined, reason: BadPathReason | undefined, allowed: string[]) {
    this.status = status;
    this.match = match;
    this.reason = reason;
    this.allowed = allowed;
  }

  static found<T>(match: RouteMatch<T>): RouteLookup<T> {
    return new RouteLookup<T>(RouteStatus.FOUND, match, undefined, NO_METHODS);
  }

  static notFound<T>(): RouteLookup<T> {
    return new RouteLookup<T>(RouteStatus.NOT_FOUND, undefined, undefined, NO_METHODS);
  }

  static methodNotAllowed<T>(allowed: string[]): RouteLookup<T> {
    return new RouteLookup<T>(RouteStatus.METHOD_NOT_ALLOWED, undefined, undefined, allowed);
  }

  static badRequest<T>(reason: BadPathReason): RouteLookup<T> {
    return new RouteLookup<T>(RouteStatus.BAD_REQUEST, undefined, reason, NO_METHODS);
  }
}
