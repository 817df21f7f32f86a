/**
 * Well-known keys of `GatewayContext.attributes`, so middleware from different modules agree.
 * Values are whatever the writer documents; readers cast them.
 */
export class GatewayAttribute {
  /** Verified token claims (auth middleware writes it; an auth module's claims object). */
  static readonly CLAIMS: string = 'auth.claims';
  /** The authenticated principal's subject (a string). */
  static readonly SUBJECT: string = 'auth.subject';
  /** Cache outcome of ResponseCacheMiddleware: `hit`, `miss` or `bypass` (a string). */
  static readonly CACHE: string = 'gateway.cache';
  /** Why TrafficSplitMiddleware picked the target: `canary`, `split` or `default` (a string). */
  static readonly SPLIT: string = 'gateway.split';
  /** The fault FaultInjectionMiddleware injected: `delay` or `abort` (a string). */
  static readonly FAULT: string = 'gateway.fault';
}
