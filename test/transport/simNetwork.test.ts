import { describe, expect, it } from 'vitest';
import { CancellationSource, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  DropReason, Envelope, EnvelopeKind, FixedLatency, LogNormalLatency, NetworkEvent, NormalLatency, ParetoLatency,
  RemoteError, SimNetwork, TransportClosedError, TransportCloseReason, UniformLatency,
} from '../../sdk/src/main/ets/transport/index';

const setup = (seed = 'net', serialize = false) => {
  const clock = new VirtualClock({ startTime: 0 });
  const net = new SimNetwork({ clock, random: new SeededRandom(seed), serialize });
  return { clock, net };
};

const echo = (req: Envelope): Promise<Envelope> => Promise.resolve(Envelope.replyTo(req, { 'x-echo': '1' }, req.body));

describe('SimNetwork transports', () => {
  for (const serialize of [false, true]) {
    it(`request/response with correlation ids and default latency (serialize=${serialize})`, async () => {
      const { clock, net } = setup('rr', serialize);
      const a = net.attach('a');
      const b = net.attach('b');
      b.onRequest('echo', echo);
      const p = a.request('b', 'echo', { n: 1 }, { traceparent: '00-t-s-01' }, 1000);
      await clock.advance(9);
      expect(a.pendingRequests).toBe(1);
      await clock.advance(1);
      const res = await p;
      expect(res.kind).toBe(EnvelopeKind.RESPONSE);
      expect(res.body).toEqual({ n: 1 });
      expect(res.headers['x-echo']).toBe('1');
      expect(clock.now()).toBe(10);
      expect(a.stats.requests).toBe(1);
      expect(a.stats.responses).toBe(1);
      expect(b.stats.received).toBe(1);
      expect(net.stats.delivered).toBe(2);
      expect(net.stats.bytesSent).toBeGreaterThan(50);
    });
  }

  it('times out at the deadline with ERR_TIMEOUT and ignores the late response', async () => {
    const { clock, net } = setup();
    const a = net.attach('a');
    const b = net.attach('b');
    b.onRequest('slow', (req) => new Promise((resolve) => clock.setTimer(100, () => resolve(Envelope.replyTo(req, {}, 'late')))));
    const p = a.request('b', 'slow', null, undefined, 50);
    const caught = p.catch((e) => e);
    await clock.advance(200);
    const err = await caught;
    expect(err.code).toBe('ERR_TIMEOUT');
    expect(a.stats.timeouts).toBe(1);
    expect(a.stats.unmatched).toBe(1);
    expect(a.pendingRequests).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('answers unknown topics and failing handlers with typed remote errors', async () => {
    const { clock, net } = setup();
    const a = net.attach('a');
    const b = net.attach('b');
    b.onRequest('boom', () => Promise.reject(new MeshError('ERR_FORBIDDEN', 'no')));
    b.onRequest('throws', () => { throw new Error('sync'); });
    const p1 = a.request('b', 'nope', null, undefined, 1000).catch((e) => e);
    const p2 = a.request('b', 'boom', null, undefined, 1000).catch((e) => e);
    const p3 = a.request('b', 'throws', null, undefined, 1000).catch((e) => e);
    await clock.advance(20);
    const [e1, e2, e3] = await Promise.all([p1, p2, p3]);
    expect(e1).toBeInstanceOf(RemoteError);
    expect(e1.code).toBe('ERR_SERVICE_NOT_FOUND');
    expect(e2.code).toBe('ERR_FORBIDDEN');
    expect(e2.deviceId).toBe('b');
    expect(e3.code).toBe('ERR_INTERNAL');
    expect(b.stats.unhandled).toBe(1);
    expect(b.stats.handlerErrors).toBe(2);
  });

  it('cancels a pending request through its token', async () => {
    const { clock, net } = setup();
    const a = net.attach('a');
    net.attach('b').onRequest('echo', echo);
    const src = new CancellationSource();
    const p = a.request('b', 'echo', null, undefined, 1000, src.token).catch((e) => e);
    src.cancel();
    expect((await p).code).toBe('ERR_CANCELLED');
    await clock.advance(20);
    expect(a.stats.unmatched).toBe(1);
  });

  it('delivers oneway and gossip messages to topic handlers', async () => {
    const { clock, net } = setup();
    const a = net.attach('a');
    const b = net.attach('b');
    const got: string[] = [];
    const sub = b.onMessage('news', (e) => got.push(`${e.kind}:${e.body}`));
    expect(a.send(EnvelopeKind.ONEWAY, 'b', 'news', 'one')).toBe(true);
    a.send(EnvelopeKind.GOSSIP, 'b', 'news', 'two');
    await clock.advance(5);
    expect(got).toEqual(['oneway:one', 'gossip:two']);
    sub.dispose();
    a.send(EnvelopeKind.ONEWAY, 'b', 'news', 'three');
    await clock.advance(5);
    expect(got.length).toBe(2);
    expect(b.stats.unhandled).toBe(1);
    expect(() => a.send(EnvelopeKind.REQUEST, 'b', 'news', 'x')).toThrow(/oneway or gossip/);
  });

  it('rejects malformed wire input, counts it and keeps working', async () => {
    const { clock, net } = setup('bad', true);
    const a = net.attach('a');
    const b = net.attach('b');
    b.onRequest('echo', echo);
    const rejected: string[] = [];
    b.onRejected((e) => rejected.push((e.error as MeshError).code));
    net.injectRaw('b', '{"v":1,"id":"x"');
    net.injectRaw('b', JSON.stringify({ v: 9, id: 'x.1', k: 'oneway', f: 'a', t: 'b', tp: 't' }));
    net.injectRaw('b', new Uint8Array([0xc3, 0x28]));
    net.injectRaw('b', JSON.stringify({ v: 1, id: 'x.1', k: 'oneway', f: 'a', t: 'zz', tp: 't' }));
    expect(b.stats.malformed).toBe(4);
    expect(b.stats.misaddressed).toBe(1);
    expect(rejected).toEqual(['ERR_ENVELOPE_INVALID', 'ERR_ENVELOPE_INVALID', 'ERR_ENVELOPE_INVALID', 'ERR_ENVELOPE_INVALID']);
    const p = a.request('b', 'echo', 'still alive', undefined, 100);
    await clock.advance(10);
    expect((await p).body).toBe('still alive');
  });

  it('suppresses duplicated requests and duplicate responses', async () => {
    const { clock, net } = setup('dup');
    net.setDefaultConditions({ duplicate: 1 });
    const a = net.attach('a');
    const b = net.attach('b');
    let calls = 0;
    b.onRequest('count', (req) => { calls++; return Promise.resolve(Envelope.replyTo(req, {}, calls)); });
    const p = a.request('b', 'count', null, undefined, 1000);
    await clock.advance(50);
    expect(await p).toBeTruthy();
    expect(calls).toBe(1);
    expect(b.stats.duplicates).toBe(1);
    expect(a.stats.unmatched).toBe(1);
    expect(net.stats.duplicated).toBe(2);
  });

  it('closing rejects pending requests with ERR_TRANSPORT_CLOSED and detaches the device', async () => {
    const { clock, net } = setup();
    const a = net.attach('a');
    net.attach('b');
    const closed: TransportCloseReason[] = [];
    a.onClosed((e) => closed.push(e.reason));
    const p = a.request('b', 'never', null, undefined, 1000).catch((e) => e);
    a.close();
    expect(await p).toBeInstanceOf(TransportClosedError);
    expect(closed).toEqual([TransportCloseReason.CLOSED]);
    expect(net.isUp('a')).toBe(false);
    await expect(a.request('b', 'x', null, undefined, 10)).rejects.toThrow(TransportClosedError);
    expect(a.send(EnvelopeKind.ONEWAY, 'b', 'x', null)).toBe(false);
    await clock.advance(10);
    expect(net.attach('a').closed).toBe(false);
  });
});

describe('SimNetwork faults', () => {
  it('loses the configured fraction of envelopes', async () => {
    const { clock, net } = setup('loss');
    net.setDefaultConditions({ loss: 0.1 });
    const a = net.attach('a');
    const b = net.attach('b');
    let got = 0;
    b.onMessage('m', () => got++);
    for (let i = 0; i < 10000; i++) a.send(EnvelopeKind.ONEWAY, 'b', 'm', i);
    await clock.advance(10);
    expect(got + net.stats.droppedLoss).toBe(10000);
    expect(got / 10000).toBeGreaterThan(0.88);
    expect(got / 10000).toBeLessThan(0.92);
  });

  it('keeps FIFO order with fixed latency and reorders when asked', async () => {
    const { clock, net } = setup('order');
    const a = net.attach('a');
    const b = net.attach('b');
    const got: number[] = [];
    b.onMessage('m', (e) => got.push(e.body as number));
    for (let i = 0; i < 100; i++) a.send(EnvelopeKind.ONEWAY, 'b', 'm', i);
    await clock.advance(10);
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    got.length = 0;
    net.setLinkConditions('a', 'b', { reorder: 0.3, reorderDelayMs: 3 });
    for (let i = 0; i < 100; i++) { a.send(EnvelopeKind.ONEWAY, 'b', 'm', i); await clock.advance(1); }
    await clock.advance(20);
    expect(got.slice().sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(got).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('models bandwidth as a queue on the link', async () => {
    const { clock, net } = setup('bw');
    net.setLinkConditions('a', 'b', { latency: new FixedLatency(0), bandwidthBytesPerSec: 10000 }, false);
    const a = net.attach('a');
    const b = net.attach('b');
    const times: number[] = [];
    b.onMessage('m', () => times.push(clock.now()));
    const payload = 'x'.repeat(900);
    for (let i = 0; i < 5; i++) a.send(EnvelopeKind.ONEWAY, 'b', 'm', payload);
    await clock.advance(1000);
    expect(times.length).toBe(5);
    // ~1 KB each at 10 KB/s: about 100 ms apart.
    for (let i = 1; i < 5; i++) expect(times[i] - times[i - 1]).toBeGreaterThan(90);
    expect(times[4]).toBeLessThan(600);
  });

  it('latency models sample within their shapes', () => {
    const r = new SeededRandom(7);
    const many = (f: () => number) => Array.from({ length: 20000 }, f).sort((x, y) => x - y);
    const u = many(() => new UniformLatency(2, 8).sample(r));
    expect(u[0]).toBeGreaterThanOrEqual(2);
    expect(u[u.length - 1]).toBeLessThanOrEqual(8);
    const n = many(() => new NormalLatency(20, 5).sample(r));
    const mean = n.reduce((s, x) => s + x, 0) / n.length;
    expect(Math.abs(mean - 20)).toBeLessThan(0.3);
    const ln = many(() => new LogNormalLatency(10, 1).sample(r));
    expect(Math.abs(ln[10000] - 10)).toBeLessThan(0.8);
    expect(ln[19800]).toBeGreaterThan(60);
    const pa = many(() => new ParetoLatency(5, 1.5).sample(r));
    expect(pa[0]).toBeGreaterThanOrEqual(5);
    expect(pa[19800]).toBeGreaterThan(50);
    expect(() => new UniformLatency(5, 2)).toThrow(/latency.maxMs/);
    expect(() => new SimNetwork({ clock: new VirtualClock(), random: r, conditions: { loss: 2 } })).toThrow(/conditions.loss/);
  });

  it('partitions cut traffic both ways, in flight too, until healed', async () => {
    const { clock, net } = setup('part');
    const ts = ['a', 'b', 'c'].map((d) => net.attach(d));
    const got: string[] = [];
    for (const t of ts) t.onMessage('m', (e) => got.push(`${e.from}>${e.to}`));
    ts[0].send(EnvelopeKind.ONEWAY, 'b', 'm', 1);
    const p = net.partition(['a']);
    ts[0].send(EnvelopeKind.ONEWAY, 'c', 'm', 1);
    ts[1].send(EnvelopeKind.ONEWAY, 'a', 'm', 1);
    ts[1].send(EnvelopeKind.ONEWAY, 'c', 'm', 1);
    await clock.advance(10);
    expect(got).toEqual(['b>c']);
    expect(net.stats.droppedPartition).toBe(3);
    net.heal(p);
    ts[0].send(EnvelopeKind.ONEWAY, 'c', 'm', 1);
    await clock.advance(10);
    expect(got).toEqual(['b>c', 'a>c']);
    const q = net.partition(['a'], ['b']);
    expect(net.isPartitioned('a', 'b')).toBe(true);
    expect(net.isPartitioned('a', 'c')).toBe(false);
    expect(net.partitions).toEqual([q]);
    net.heal();
    expect(net.partitions).toEqual([]);
  });

  it('a crash loses traffic in flight to and from the device; restart gives a fresh transport', async () => {
    const { clock, net } = setup('crash');
    const a = net.attach('a');
    const b = net.attach('b');
    const c = net.attach('c');
    const got: string[] = [];
    c.onMessage('m', (e) => got.push(e.from));
    b.onMessage('m', (e) => got.push(e.from));
    const closed: TransportCloseReason[] = [];
    b.onClosed((e) => closed.push(e.reason));
    const pending = a.request('b', 'x', null, undefined, 100).catch((e) => e);
    b.send(EnvelopeKind.ONEWAY, 'c', 'm', 1);
    a.send(EnvelopeKind.ONEWAY, 'b', 'm', 1);
    net.crash('b');
    expect(closed).toEqual([TransportCloseReason.CRASHED]);
    await clock.advance(200);
    expect(got).toEqual([]);
    expect(net.stats.droppedCrashed).toBe(3);
    expect((await pending).code).toBe('ERR_TIMEOUT');
    expect(() => net.restart('a')).toThrow(/crash it first/);
    const b2 = net.restart('b');
    b2.onMessage('m', (e) => got.push(`new:${e.from}`));
    a.send(EnvelopeKind.ONEWAY, 'b', 'm', 1);
    a.send(EnvelopeKind.ONEWAY, 'zz', 'm', 1);
    await clock.advance(10);
    expect(got).toEqual(['new:a']);
    expect(net.stats.droppedUnreachable).toBe(1);
  });

  it('same seed, same run: the event logs of two runs hash equal', async () => {
    const run = async (seed: string): Promise<string> => {
      const { clock, net } = setup(seed);
      net.setDefaultConditions({ latency: new LogNormalLatency(5, 0.6), jitterMs: 2, loss: 0.1, duplicate: 0.05, reorder: 0.1 });
      const log: string[] = [];
      net.onEvent((e: NetworkEvent) => log.push(`${e.at.toFixed(6)}|${e.type}|${e.from}>${e.to}|${e.id}|${e.reason ?? ''}`));
      const ts = Array.from({ length: 8 }, (_, i) => net.attach(`d${i}`));
      for (const t of ts) t.onRequest('echo', echo);
      const r = new SeededRandom(`${seed}-workload`);
      const calls: Promise<unknown>[] = [];
      for (let step = 0; step < 200; step++) {
        const from = ts[r.nextInt(8)];
        calls.push(from.request(`d${r.nextInt(8)}`, 'echo', step, undefined, clock.now() + 50).catch((e) => e.code));
        if (step === 100) net.crash('d3');
        await clock.advance(r.nextInt(3));
      }
      await clock.advance(100);
      const outcomes = await Promise.all(calls);
      log.push(JSON.stringify(outcomes.map((o) => (o instanceof Envelope ? o.body : o))));
      let h = 0x811c9dc5;
      const text = log.join('\n');
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      return `${log.length}:${(h >>> 0).toString(16)}`;
    };
    const first = await run('replay');
    expect(await run('replay')).toBe(first);
    expect(await run('other-seed')).not.toBe(first);
  });
});

it('DropReason names are stable', () => {
  expect([DropReason.LOSS, DropReason.PARTITION, DropReason.CRASHED, DropReason.UNREACHABLE]).toEqual(['loss', 'partition', 'crashed', 'unreachable']);
});
