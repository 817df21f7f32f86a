import { MeshRequest } from '../transport/MeshRequest';
import { MeshResponse } from '../transport/MeshResponse';
import { AttemptContext, CallContext } from './CallContext';
import { ServiceContext } from './ServiceContext';

/** Serves one service: answer with a response, or reject with a MeshError (its code travels back). */
export type ServiceHandler = (request: MeshRequest, ctx: ServiceContext) => Promise<MeshResponse>;

/**
 * Wraps a whole call, before instance selection (retry, overall timeout, client span, metrics).
 * Each `next()` selects an instance and makes one attempt; call it again to retry.
 */
export type CallInterceptor = (ctx: CallContext, next: () => Promise<MeshResponse>) => Promise<MeshResponse>;

/** Wraps one attempt on the chosen instance (per-instance breaker, per-attempt timeout). */
export type AttemptInterceptor = (ctx: AttemptContext, next: () => Promise<MeshResponse>) => Promise<MeshResponse>;

/** Wraps the handling of an incoming call on the provider (caller verification, server span). */
export type InboundInterceptor = (ctx: ServiceContext, next: () => Promise<MeshResponse>) => Promise<MeshResponse>;
