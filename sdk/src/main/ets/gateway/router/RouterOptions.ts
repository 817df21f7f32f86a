import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { RouteConstraint } from './constraints/RouteConstraint';

/** Default of {@link RouterOptions.caseSensitive}: static segments compare case-sensitively. */
export const DEFAULT_ROUTER_CASE_SENSITIVE = true;
/** Default of {@link RouterOptions.ignoreTrailingSlash}: `/a/` and `/a` are different paths. */
export const DEFAULT_ROUTER_IGNORE_TRAILING_SLASH = false;
/** Default of {@link RouterOptions.ignoreDuplicateSlashes}: `//` is not collapsed. */
export const DEFAULT_ROUTER_IGNORE_DUPLICATE_SLASHES = false;
/** Default of {@link RouterOptions.maxParamLength}: the longest named parameter, in UTF-16 code units, as sent. */
export const DEFAULT_ROUTER_MAX_PARAM_LENGTH = 100;
/** Default of {@link RouterOptions.maxPathLength}: longer paths are a bad request. */
export const DEFAULT_ROUTER_MAX_PATH_LENGTH = 8192;

/** Options of a {@link Router}; every field is optional. */
export interface RouterOptions {
  /** Compare static segments case-sensitively. Params always keep the case they were sent in. Default true. */
  caseSensitive?: boolean;
  /** Treat `/a/` like `/a` (routes and requests). Default false. */
  ignoreTrailingSlash?: boolean;
  /** Collapse runs of `/` in routes and requests (`/a//b` is `/a/b`). Default false. */
  ignoreDuplicateSlashes?: boolean;
  /** Longest named parameter value (raw length). A longer one makes the request a bad request. Default 100. */
  maxParamLength?: number;
  /** Longest request path. A longer one is a bad request. Default 8192. */
  maxPathLength?: number;
  /** Extra constraint strategies besides the built-in `host` and `version`. */
  constraints?: RouteConstraint[];
}

/** RouterOptions with every default filled in. */
export class ResolvedRouterOptions {
  readonly caseSensitive: boolean;
  readonly ignoreTrailingSlash: boolean;
  readonly ignoreDuplicateSlashes: boolean;
  readonly maxParamLength: number;
  readonly maxPathLength: number;
  readonly constraints: RouteConstraint[];

  constructor(caseSensitive: boolean, ignoreTrailingSlash: boolean, ignoreDuplicateSlashes: boolean,
    maxParamLength: number, maxPathLength: number, constraints: RouteConstraint[]) {
    this.caseSensitive = caseSensitive;
    this.ignoreTrailingSlash = ignoreTrailingSlash;
    this.ignoreDuplicateSlashes = ignoreDuplicateSlashes;
    this.maxParamLength = maxParamLength;
    this.maxPathLength = maxPathLength;
    this.constraints = constraints;
  }

  /** Validates `options` and fills defaults; throws InvalidArgumentError naming a bad field. */
  static from(options?: RouterOptions): ResolvedRouterOptions {
    const maxParam = options?.maxParamLength ?? DEFAULT_ROUTER_MAX_PARAM_LENGTH;
    if (!Number.isInteger(maxParam) || maxParam < 1) {
      throw new InvalidArgumentError('options.maxParamLength', 'must be an integer >= 1');
    }
    const maxPath = options?.maxPathLength ?? DEFAULT_ROUTER_MAX_PATH_LENGTH;
    if (!Number.isInteger(maxPath) || maxPath < 1) {
      throw new InvalidArgumentError('options.maxPathLength', 'must be an integer >= 1');
    }
    return new ResolvedRouterOptions(
      options?.caseSensitive ?? DEFAULT_ROUTER_CASE_SENSITIVE,
      options?.ignoreTrailingSlash ?? DEFAULT_ROUTER_IGNORE_TRAILING_SLASH,
      options?.ignoreDuplicateSlashes ?? DEFAULT_ROUTER_IGNORE_DUPLICATE_SLASHES,
      maxParam, maxPath, (options?.constraints ?? []).slice());
  }
}
