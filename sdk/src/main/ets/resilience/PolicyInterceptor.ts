import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { ResultPredicate } from './CircuitBreakerOptions';
import { Policy } from './Policy';
import { PolicyContext } from './PolicyContext';

/** The rest of a call pipeline: runs it for `request`. */
export type ResilienceNext<Req, Res> = (request: Req) => Promise<Res>;

/**
 * An interceptor around a call or an attempt: the shape of `MeshNode.useCall`/`useAttempt`
 * interceptors and of onion middleware, kept minimal here so any of them adapts in one line.
 */
export type ResilienceInterceptor<Req, Res> = (request: Req, next: ResilienceNext<Req, Res>) => Promise<Res>;

/** How {@link policyInterceptor} maps requests to contexts and back. */
export interface PolicyInterceptorOptions<Req> {
  /** The policy context of a call (deadline, token, key). Default: a root context. */
  contextOf?: (request: Req) => PolicyContext;
  /** The request an execution sends, e.g. carrying its tighter deadline. Default: the request itself. */
  requestFor?: (request: Req, context: PolicyContext) => Req;
}

/**
 * Runs `next` under `policy`: each execution the policy makes (one per retry attempt) calls
 * `next` again, which for a `useCall` interceptor re-selects an instance.
 */
export function policyInterceptor<Req, Res>(policy: Policy, options?: PolicyInterceptorOptions<Req>): ResilienceInterceptor<Req, Res> {
  const contextOf = options?.contextOf;
  const requestFor = options?.requestFor;
  return (request: Req, next: ResilienceNext<Req, Res>): Promise<Res> => {
    let ctx: PolicyContext;
    try {
      ctx = contextOf === undefined ? PolicyContext.create() : contextOf(request);
    } catch (e) {
      return Promise.reject(e);
    }
    return policy.execute<Res>((c: PolicyContext): Promise<Res> =>
      next(requestFor === undefined ? request : requestFor(request, c)), ctx);
  };
}

/** The policy context of a MeshRequest: its deadline, and `key` when given. */
export function meshRequestContext(request: MeshRequest, key?: string): PolicyContext {
  return PolicyContext.create({ deadline: request.deadline, key: key });
}

/**
 * The request an execution sends: the same one, or a copy carrying the context's deadline when
 * that is tighter (so the remote side and the transport stop at the same time as the caller).
 */
export function meshRequestForContext(request: MeshRequest, context: PolicyContext): MeshRequest {
  const current = request.deadline ?? Number.POSITIVE_INFINITY;
  if (context.deadline < current) {
    const copy = request.clone();
    copy.deadline = context.deadline;
    return copy;
  }
  return request;
}

/**
 * {@link policyInterceptor} for MeshRequest/MeshResponse: the context takes the request's
 * deadline (and `keyOf(request)` as key), each execution sends the request with its deadline.
 */
export function meshPolicyInterceptor(policy: Policy, keyOf?: (request: MeshRequest) => string | undefined):
  ResilienceInterceptor<MeshRequest, MeshResponse> {
  const options: PolicyInterceptorOptions<MeshRequest> = {
    contextOf: (request: MeshRequest): PolicyContext =>
      meshRequestContext(request, keyOf === undefined ? undefined : keyOf(request)),
    requestFor: meshRequestForContext
  };
  return policyInterceptor<MeshRequest, MeshResponse>(policy, options);
}

/** True for a MeshResponse with a 5xx status: a failure for a breaker. */
export const isServerErrorResponse: ResultPredicate = (result: Object | null | undefined): boolean =>
  result instanceof MeshResponse && result.status >= 500;

/** True for a MeshResponse worth retrying: 502, 503 or 504. */
export const isRetryableResponse: ResultPredicate = (result: Object | null | undefined): boolean =>
  result instanceof MeshResponse && (result.status === 502 || result.status === 503 || result.status === 504);

const IDEMPOTENT: Set<string> = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** True for methods that may safely be sent twice (RFC 9110 idempotent methods). */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}
