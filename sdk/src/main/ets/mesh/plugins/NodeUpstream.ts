import { GatewayContext } from '../../gateway/GatewayContext';
import { GatewayUpstream } from '../../gateway/GatewayUpstream';
import { Span } from '../../tracing/api/Span';
import { MeshRequest } from '../../transport/MeshRequest';
import { MeshResponse } from '../../transport/MeshResponse';
import { MeshCallOptions } from '../MeshCallOptions';

/**
 * `GatewayContext.attributes` key of the gateway request's span (set by the tracing plugin's
 * gateway middleware): the upstream call's client span becomes its child.
 */
export const GATEWAY_SPAN_ATTRIBUTE = 'trace.span';

/** What a NodeUpstream calls: `MeshNode.call` (a function, so tests can stand in for a node). */
export type NodeCall = (serviceName: string, request: MeshRequest, options: MeshCallOptions) => Promise<MeshResponse>;

/**
 * The gateway's upstream on a MeshNode: a routed request becomes `node.call(service, request)`
 * with the gateway context's deadline, the route target's version range, the request's
 * cancellation, the route id (per-route resilience profiles) and the gateway span as the trace
 * parent. So `node.gateway.handle` and `node.call` share discovery, balancers, interceptors
 * (resilience, tracing), call events and metrics.
 */
export class NodeUpstream implements GatewayUpstream {
  private readonly _call: NodeCall;

  constructor(call: NodeCall) {
    this._call = call;
  }

  invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> {
    const options: MeshCallOptions = {
      deadline: ctx.deadline,
      versionRange: ctx.target.version,
      token: ctx.cancellation,
      route: ctx.routeId
    };
    const span = ctx.attributes.get(GATEWAY_SPAN_ATTRIBUTE);
    if (span !== undefined) {
      options.parent = (span as Span).spanContext();
    }
    return this._call(service, request, options);
  }
}
