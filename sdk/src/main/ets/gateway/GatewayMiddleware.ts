import { GatewayContext } from './GatewayContext';

/**
 * Runs the rest of the pipeline (the next middleware, finally the upstream call). It never rejects:
 * an error thrown further down is already turned into `ctx.error` and an error `ctx.response` when it
 * resolves. It may be called more than once (retries); pass a forked context to run the rest on it.
 */
export type GatewayNext = (ctx?: GatewayContext) => Promise<void>;

/** The body of a middleware written as a function. */
export type GatewayMiddlewareFn = (ctx: GatewayContext, next: GatewayNext) => Promise<void>;

/**
 * Onion-style middleware: code before `await next()` sees the request, code after it sees
 * `ctx.response` and `ctx.error`. A middleware answers by setting `ctx.response` (or throwing a
 * MeshError, which the gateway turns into the mapped error response) without calling `next`.
 * Global middleware (`Gateway.use`) wrap route middleware (`routes[].middleware`), which wrap the
 * upstream call. Auth (JWT) and circuit breaking plug in through this same interface.
 */
export interface GatewayMiddleware {
  /** A short name for logs and `describe()` (e.g. `rate-limit`). */
  readonly name: string;
  handle(ctx: GatewayContext, next: GatewayNext): Promise<void>;
}

/** A middleware from a function: `middleware('stamp', async (ctx, next) => { ... })`. */
export class FunctionMiddleware implements GatewayMiddleware {
  readonly name: string;
  private readonly _fn: GatewayMiddlewareFn;

  constructor(name: string, fn: GatewayMiddlewareFn) {
    this.name = name;
    this._fn = fn;
  }

  handle(ctx: GatewayContext, next: GatewayNext): Promise<void> {
    return this._fn(ctx, next);
  }
}

/** Shorthand for `new FunctionMiddleware(name, fn)`. */
export const middleware = (name: string, fn: GatewayMiddlewareFn): GatewayMiddleware => new FunctionMiddleware(name, fn);
