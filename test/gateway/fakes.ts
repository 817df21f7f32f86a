// Test doubles for the gateway: a scripted upstream whose latency and failures play out on a
// VirtualClock, and an upstream that carries requests to other devices over a SimNetwork.
import { MeshError } from '../../sdk/src/main/ets/core/index';
import type { Clock } from '../../sdk/src/main/ets/platform/index';
import { Envelope, MeshRequest, MeshResponse, SimNetwork, type Transport } from '../../sdk/src/main/ets/transport/index';
import type { GatewayContext, GatewayUpstream } from '../../sdk/src/main/ets/gateway/index';

/** What the fake upstream does for one call. */
export interface Outcome {
  latencyMs?: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Reject with this instead of answering. */
  error?: Error;
}

export interface Call {
  service: string;
  method: string;
  path: string;
  version: string | undefined;
  headers: Record<string, string>;
  deadline: number | undefined;
  attempt: number;
  at: number;
  ctx: GatewayContext;
  request: MeshRequest;
}

/** A scripted upstream: `script(service, n)` decides call n (1-based, per service). */
export class FakeUpstream implements GatewayUpstream {
  readonly calls: Call[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly clock: Clock, public script: (service: string, n: number, req: MeshRequest) => Outcome = () => ({})) {}

  invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> {
    const n = (this.counts.get(service) ?? 0) + 1;
    this.counts.set(service, n);
    this.calls.push({
      service, method: request.method, path: request.path, version: ctx.target.version, headers: request.headers.toRecord(),
      deadline: request.deadline, attempt: ctx.attempt, at: this.clock.now(), ctx, request,
    });
    const o = this.script(service, n, request);
    const answer = (): MeshResponse => new MeshResponse({ status: o.status ?? 200, headers: o.headers, body: (o.body ?? { service, path: request.path, n }) as never });
    if (!o.latencyMs) return o.error ? Promise.reject(o.error) : Promise.resolve(answer());
    return new Promise((resolve, reject) => {
      this.clock.setTimer(o.latencyMs!, () => (o.error ? reject(o.error) : resolve(answer())));
    });
  }

  count(service: string): number {
    return this.counts.get(service) ?? 0;
  }
}

/**
 * Carries gateway requests to the device hosting each service over a SimNetwork (topic
 * `svc.<service>`, method and path in envelope headers), as MeshNode will over its transport.
 */
export class SimNetworkUpstream implements GatewayUpstream {
  constructor(private readonly transport: Transport, private readonly hosts: Record<string, string>, private readonly clock: Clock) {}

  async invoke(service: string, request: MeshRequest, ctx: GatewayContext): Promise<MeshResponse> {
    const device = this.hosts[service];
    if (device === undefined) throw new MeshError('ERR_NO_HEALTHY_INSTANCE', `no instance of ${service}`);
    const headers = request.headers.toRecord();
    headers[':method'] = request.method;
    headers[':path'] = request.path;
    const deadline = ctx.deadline ?? this.clock.now() + 30000;
    const reply = await this.transport.request(device, `svc.${service}`, request.body, headers, deadline, ctx.cancellation);
    const status = Number(reply.headers[':status'] ?? '200');
    const out: Record<string, string> = {};
    for (const k of Object.keys(reply.headers)) if (!k.startsWith(':')) out[k] = reply.headers[k];
    return new MeshResponse({ status, headers: out, body: reply.body });
  }
}

/** Serves `svc.<service>` on a device: the handler sees method, path and body. */
export const serve = (net: SimNetwork, transport: Transport, service: string,
  handler: (method: string, path: string, body: unknown) => { status?: number; body?: unknown }): void => {
  transport.onRequest(`svc.${service}`, async (req: Envelope) => {
    const r = handler(req.headers[':method'], req.headers[':path'], req.body);
    return Envelope.replyTo(req, { ':status': String(r.status ?? 200) }, (r.body ?? null) as never);
  });
  void net;
};
