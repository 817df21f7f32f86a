import { describe, expect, it } from 'vitest';
import { ErrorCode, type JsonValue } from '../../sdk/src/main/ets/core/index';
import { MemoryStore, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { MeshRequest, MeshResponse, SimNetwork } from '../../sdk/src/main/ets/transport/index';
import { MeshNode, type MeshCallOptions } from '../../sdk/src/main/ets/mesh/index';
import { ConstantBackoff } from '../../sdk/src/main/ets/resilience/index';
import {
  SAGA_COMPENSATION_HEADER, SAGA_EXECUTION_HEADER, SAGA_IDEMPOTENCY_HEADER, SAGA_STEP_HEADER, SagaAction,
  SagaDefinitionBuilder, SagaOrchestrator, SagaStatus, checkSagaResponse, SagaStepRejectedError,
} from '../../sdk/src/main/ets/saga/index';
import { drive } from './harness';

interface Sent { service: string; request: MeshRequest; options: MeshCallOptions | undefined; at: number }

const setup = (answer: (service: string, req: MeshRequest, n: number) => MeshResponse) => {
  const clock = new VirtualClock({ startTime: 0 });
  const sent: Sent[] = [];
  const orch = new SagaOrchestrator({
    clock, random: new SeededRandom('calls'), store: new MemoryStore(),
    stepRetry: { backoff: new ConstantBackoff(50) },
    call: async (service, request, options) => {
      sent.push({ service, request, options, at: clock.now() });
      return answer(service, request, sent.length);
    },
  });
  return { clock, sent, orch };
};

describe('call actions', () => {
  it('send the step headers, the input as body, the attempt deadline and token; map the response to the output', async () => {
    const { clock, sent, orch } = setup((service, req) => MeshResponse.json({ ok: service, got: req.body as JsonValue }));
    const def = new SagaDefinitionBuilder('calls', 1)
      .step({
        name: 'reserve', action: SagaAction.call('inventory', { path: '/reserve', headers: { 'x-tenant': 'acme' }, versionRange: '^1.0.0' }),
        compensation: SagaAction.call('inventory', { path: '/release' }), timeoutMs: 800,
      })
      .step({
        name: 'charge',
        action: SagaAction.call('payment', {
          method: 'put', path: '/charge', body: (ctx) => ({ amount: ctx.saga.requireInputNumber('amount'), ref: ctx.saga.outputString('reserve', 'ok') ?? '' }),
          result: (res) => ({ status: res.status }),
        }),
      })
      .build();
    const id = await orch.start(def, { amount: 42 });
    const e = await drive(clock, orch.wait(id));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(sent.map((s) => [s.service, s.request.method, s.request.path])).toEqual([['inventory', 'POST', '/reserve'], ['payment', 'PUT', '/charge']]);
    const first = sent[0].request.headers;
    expect(first.get(SAGA_IDEMPOTENCY_HEADER)).toBe(`${id}/reserve`);
    expect(first.get(SAGA_EXECUTION_HEADER)).toBe(id);
    expect(first.get(SAGA_STEP_HEADER)).toBe('reserve');
    expect(first.get(SAGA_COMPENSATION_HEADER)).toBeUndefined();
    expect(first.get('x-tenant')).toBe('acme');
    expect(sent[0].request.body).toEqual({ amount: 42 });
    expect(sent[0].options?.deadline).toBe(800);
    expect(sent[0].options?.versionRange).toBe('^1.0.0');
    expect(sent[0].options?.token?.isCancelled).toBe(false);
    expect(sent[1].request.body).toEqual({ amount: 42, ref: 'inventory' });
    expect(e.outputs).toEqual({ reserve: { ok: 'inventory', got: { amount: 42 } }, charge: { status: 200 } });
  });

  it('retry 5xx/408/429 answers, refuse other 4xx without retrying, and compensate with the compensation header', async () => {
    const { clock, sent, orch } = setup((service, req, n) => {
      if (req.path === '/reserve') return new MeshResponse({ status: n === 1 ? 503 : 200, body: { id: 'r1' } });
      if (req.path === '/charge') return new MeshResponse({ status: 402, body: { error: 'card declined' } });
      return MeshResponse.json({ released: true });
    });
    const def = new SagaDefinitionBuilder('calls', 1)
      .step({ name: 'reserve', action: SagaAction.call('inventory', { path: '/reserve' }), compensation: SagaAction.call('inventory', { path: '/release' }) })
      .step({ name: 'charge', action: SagaAction.call('payment', { path: '/charge' }) })
      .build();
    const e = await drive(clock, orch.run(def, { amount: 1 }));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(sent.map((s) => `${s.request.path}@${s.at}`)).toEqual(['/reserve@0', '/reserve@50', '/charge@50', '/release@50']);
    expect(e.error).toEqual(expect.objectContaining({ code: ErrorCode.SAGA_STEP_REJECTED, message: 'payment refused (402): card declined' }));
    const release = sent[3].request.headers;
    expect(release.get(SAGA_COMPENSATION_HEADER)).toBe('true');
    expect(release.get(SAGA_IDEMPOTENCY_HEADER)).toBe(`${e.id}/reserve`);
    expect(e.step('reserve')!.attempts).toBe(2);
  });

  it('checkSagaResponse classifies statuses', () => {
    expect(() => checkSagaResponse('s', new MeshResponse({ status: 204 }))).not.toThrow();
    for (const status of [408, 429, 500, 503]) expect(() => checkSagaResponse('s', new MeshResponse({ status }))).toThrow(expect.objectContaining({ code: ErrorCode.UPSTREAM }));
    for (const status of [400, 404, 409, 422]) expect(() => checkSagaResponse('s', new MeshResponse({ status, body: 'nope' }))).toThrow(SagaStepRejectedError);
    expect(() => checkSagaResponse('s', new MeshResponse({ status: 409, body: new Uint8Array([1]) }))).toThrow('s refused (409): status 409');
  });

  it('fail (not retried) without a call function, and the saga compensates', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const orch = new SagaOrchestrator({ clock, random: new SeededRandom('x'), store: new MemoryStore() });
    const def = new SagaDefinitionBuilder('nocall', 1).step({ name: 'a', action: SagaAction.call('svc') }).build();
    const e = await drive(clock, orch.run(def, null));
    expect(e.status).toBe(SagaStatus.COMPENSATED);
    expect(e.error?.code).toBe(ErrorCode.INVALID_STATE);
    expect(e.step('a')!.attempts).toBe(1);
  });
});

describe('SagaOrchestrator on a MeshNode', () => {
  it('uses the node\'s clock, store and call, and halts when the node stops or crashes', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const random = new SeededRandom('node');
    const net = new SimNetwork({ clock, random: random.fork('net') });
    const store = new MemoryStore();
    const node = MeshNode.create({ deviceId: 'phone', deviceType: 'phone', transport: net.attach('phone'), clock, random, store });
    const seen: string[] = [];
    node.provide('notes', async (req, ctx) => {
      seen.push(`${req.path} ${req.headers.get(SAGA_IDEMPOTENCY_HEADER)} local=${ctx.local}`);
      return MeshResponse.json({ saved: true });
    });
    await node.start();
    const orch = new SagaOrchestrator({ node });
    const def = new SagaDefinitionBuilder('note', 1).step({ name: 'save', action: SagaAction.call('notes', { path: '/save' }) }).build();
    const e = await drive(clock, orch.run(def, { text: 'hi' }));
    expect(e.status).toBe(SagaStatus.COMPLETED);
    expect(seen).toEqual([`/save ${e.id}/save local=true`]);
    expect(await store.get(`arkmesh/saga/x/${e.id}`)).toBeDefined();
    net.crash('phone');
    expect(orch.halted).toBe(true);
    await expect(orch.start(def, null)).rejects.toMatchObject({ code: ErrorCode.STOPPED });
    await expect(orch.wait(e.id)).rejects.toMatchObject({ code: ErrorCode.STOPPED });
  });

  it('requires clock, random and store without a node', () => {
    const clock = new VirtualClock();
    expect(() => new SagaOrchestrator({ random: new SeededRandom('x'), store: new MemoryStore() })).toThrow(expect.objectContaining({ field: 'options.clock' }));
    expect(() => new SagaOrchestrator({ clock, store: new MemoryStore() })).toThrow(expect.objectContaining({ field: 'options.random' }));
    expect(() => new SagaOrchestrator({ clock, random: new SeededRandom('x') })).toThrow(expect.objectContaining({ field: 'options.store' }));
    expect(() => new SagaOrchestrator({ clock, random: new SeededRandom('x'), store: new MemoryStore(), stepTimeoutMs: 0 })).toThrow(expect.objectContaining({ field: 'options.stepTimeoutMs' }));
    expect(() => new SagaOrchestrator({ clock, random: new SeededRandom('x'), store: new MemoryStore(), keyPrefix: '' })).toThrow(expect.objectContaining({ field: 'options.keyPrefix' }));
  });
});
