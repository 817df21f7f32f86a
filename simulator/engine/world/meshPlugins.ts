import { endRpcSpan, PolicyContext, SpanKind, startClientSpan, startServerSpan } from '../sdk';
import type {
  AttemptContext, CallCompletedEvent, CallContext, CallResilience, MeshNode, MeshPlugin, MeshResponse, ServiceContext, Tracer,
} from '../sdk';

// How the engine wires the SDK's resilience and tracing into each simulated MeshNode, through the
// node's public extension points (useCall / useAttempt / useInbound / onCall). These are thin
// adapters over SDK classes (CallResilience, the tracing span helpers); no policy logic lives here.

/** Client span around each call (outermost), server span around each handled call. */
export const tracingPlugin = (tracer: Tracer): MeshPlugin => ({
  name: 'sim.tracing',
  install: (node: MeshNode): void => {
    node.useCall((ctx: CallContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
      const span = startClientSpan(tracer, ctx.serviceName, ctx.request);
      return next().then((res: MeshResponse): MeshResponse => {
        endRpcSpan(span, SpanKind.CLIENT, res);
        return res;
      }, (e: Error): never => {
        endRpcSpan(span, SpanKind.CLIENT, undefined, e);
        throw e;
      });
    });
    node.useInbound((ctx: ServiceContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> => {
      const span = startServerSpan(tracer, ctx.serviceName, ctx.request, { peerDevice: ctx.callerDeviceId });
      return next().then((res: MeshResponse): MeshResponse => {
        endRpcSpan(span, SpanKind.SERVER, res);
        return res;
      }, (e: Error): never => {
        endRpcSpan(span, SpanKind.SERVER, undefined, e);
        throw e;
      });
    });
  },
});

/**
 * CallResilience on a node: the call policy (overall timeout, retry with backoff and budget) around
 * each call, the attempt policy (per-instance breaker, attempt timeout) around each attempt. The
 * policies' deadlines and tokens are handed to the node's contexts, so the transport stops when
 * the policy gives up.
 */
export const resiliencePlugin = (resilience: CallResilience): MeshPlugin => ({
  name: 'sim.resilience',
  install: (node: MeshNode): void => {
    node.useCall((ctx: CallContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> =>
      resilience.callPolicyFor(ctx.request.method).execute<MeshResponse>((pc: PolicyContext): Promise<MeshResponse> => {
        if (pc.deadline < ctx.deadline) ctx.deadline = pc.deadline;
        ctx.token = pc.token;
        return next();
      }, PolicyContext.create({ deadline: ctx.deadline, token: ctx.token })));
    node.useAttempt((actx: AttemptContext, next: () => Promise<MeshResponse>): Promise<MeshResponse> =>
      resilience.attempt.execute<MeshResponse>((pc: PolicyContext): Promise<MeshResponse> => {
        if (pc.deadline < actx.deadline) actx.deadline = pc.deadline;
        actx.token = pc.token;
        return next();
      }, PolicyContext.create({ deadline: actx.deadline, token: actx.token, key: actx.instance.id })));
  },
});

/** Reports every settled call of the node. */
export const callEventsPlugin = (onCall: (node: MeshNode, e: CallCompletedEvent) => void): MeshPlugin => ({
  name: 'sim.calls',
  install: (node: MeshNode): void => {
    node.onCall((e: CallCompletedEvent): void => onCall(node, e));
  },
});
