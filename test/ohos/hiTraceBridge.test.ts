// The hiTraceChain bridge: W3C ids -> HiTraceIds, the span processor's setId/tracepoint/end
// sequence on a recording port, and the .ets adapter on the hiTraceChain fake.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MemoryLogger, SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  AlwaysOffSampler, SpanKind, TraceContextPropagator, TracerProvider, RecordHeaderCarrier,
} from '../../sdk/src/main/ets/tracing/index';
import {
  HiTraceFlags, HiTraceIdValue, HiTraceMode, HiTracePointType,
} from '../../sdk/src/main/ets/ohos/tracing/HiTraceChainPort';
import type { HiTraceChainPort } from '../../sdk/src/main/ets/ohos/tracing/HiTraceChainPort';
import { hiTraceChainIdOf, hiTraceIdOf, hiTraceSpanIdOf } from '../../sdk/src/main/ets/ohos/tracing/hiTraceIds';
import { HiTraceSpanProcessor } from '../../sdk/src/main/ets/ohos/tracing/HiTraceSpanProcessor';
import { loadAdapters } from './loadAdapters';

type Call = [string, ...unknown[]];

/** A thread's TLS and a log of calls, like the platform (an id with chain 0 is ignored by setId). */
class RecordingChain implements HiTraceChainPort {
  current = HiTraceIdValue.invalid();
  calls: Call[] = [];
  failing = false;

  getId(): HiTraceIdValue {
    return this.current;
  }

  setId(id: HiTraceIdValue): void {
    if (this.failing) throw new Error('napi failure');
    this.calls.push(['setId', id.chainId, id.spanId]);
    if (id.valid) this.current = id;
  }

  clearId(): void {
    this.calls.push(['clearId']);
    this.current = HiTraceIdValue.invalid();
  }

  end(id: HiTraceIdValue): void {
    this.calls.push(['end', id.chainId]);
    this.current = HiTraceIdValue.invalid();
  }

  tracepoint(mode: HiTraceMode, type: HiTracePointType, id: HiTraceIdValue, message: string): void {
    this.calls.push(['tp', mode, type, id.spanId, message]);
  }
}

const hex = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: n, maxLength: n }).map((a) => a.join(''));

const setup = (chain: RecordingChain, sampler?: AlwaysOffSampler) => {
  const clock = new VirtualClock();
  const provider = new TracerProvider({ random: new SeededRandom('hitrace'), clock, sampler, processors: [new HiTraceSpanProcessor(chain)] });
  return provider.getTracer('test');
};

describe('hiTraceIds', () => {
  it('property: the chain id is the trace id\'s low 60 bits (never 0), span ids their low 26 bits', () => {
    fc.assert(fc.property(hex(32), hex(16), (traceId, spanId) => {
      const chain = hiTraceChainIdOf(traceId);
      if (/^0+$/.test(traceId)) {
        expect(chain).toBeUndefined();
        return;
      }
      expect(chain).toBeDefined();
      expect(chain! > 0n && chain! < 1n << 60n).toBe(true);
      const low = BigInt(`0x${traceId.slice(17)}`);
      expect(chain).toBe(low !== 0n ? low : BigInt(`0x${traceId.slice(2, 17)}`));
      const s = hiTraceSpanIdOf(spanId);
      expect(s).toBe(Number(BigInt(`0x${spanId}`) & ((1n << 26n) - 1n)));
    }));
    expect(hiTraceChainIdOf('xyz')).toBeUndefined();
    expect(hiTraceChainIdOf('0'.repeat(31) + 'G')).toBeUndefined();
    expect(hiTraceSpanIdOf(undefined)).toBe(0);
    // Only the 60 low bits count, so two traces that differ above them share a chain (1 in 2^60 by chance).
    expect(hiTraceChainIdOf('00' + '0'.repeat(15) + '000000000000001')).toBe(1n);
    expect(hiTraceIdOf('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', undefined, 1))
      .toEqual(new HiTraceIdValue(0x4da6a3ce929d0e0e4736n & ((1n << 60n) - 1n), 0x0ba902b7 & 0x3ffffff, 0, 1));
  });
});

describe('HiTraceSpanProcessor', () => {
  it('mirrors nested spans into the thread id and ends the chain when the last span ends', () => {
    const chain = new RecordingChain();
    const tracer = setup(chain);
    const call = tracer.startSpan('call media.player', { kind: SpanKind.CLIENT });
    const ctx = call.spanContext();
    const chainId = hiTraceChainIdOf(ctx.traceId)!;
    expect(chain.current.chainId).toBe(chainId);
    expect(chain.current.flags).toBe(HiTraceFlags.INCLUDE_ASYNC);
    const inner = tracer.startSpan('encode', { parent: ctx });
    expect(chain.current.spanId).toBe(hiTraceSpanIdOf(inner.spanContext().spanId));
    expect(chain.current.parentSpanId).toBe(hiTraceSpanIdOf(ctx.spanId));
    inner.end();
    expect(chain.current.spanId).toBe(hiTraceSpanIdOf(ctx.spanId));
    call.end();
    expect(chain.current.valid).toBe(false);
    expect(chain.calls.map((c) => c[0] === 'tp' ? `tp:${c[1]}:${c[2]}` : c[0])).toEqual([
      'setId', `tp:${HiTraceMode.DEVICE}:${HiTracePointType.CLIENT_SEND}`,
      'setId', `tp:${HiTraceMode.DEFAULT}:${HiTracePointType.GENERAL}`,
      `tp:${HiTraceMode.DEFAULT}:${HiTracePointType.GENERAL}`, 'setId',
      `tp:${HiTraceMode.DEVICE}:${HiTracePointType.CLIENT_RECEIVE}`, 'end',
    ]);
  });

  it('restores an app\'s own chain, handles out-of-order ends, and skips unsampled spans', () => {
    const chain = new RecordingChain();
    const appChain = new HiTraceIdValue(777n, 5, 0, 0);
    chain.current = appChain;
    const tracer = setup(chain);
    const a = tracer.startSpan('a');
    const b = tracer.startSpan('b');
    const c = tracer.startSpan('c');
    b.end(); // not the current one: current stays c
    expect(chain.current.spanId).toBe(hiTraceSpanIdOf(c.spanContext().spanId));
    c.end(); // current falls back to the most recent still open: a
    expect(chain.current.spanId).toBe(hiTraceSpanIdOf(a.spanContext().spanId));
    a.end();
    expect(chain.current).toBe(appChain);
    expect(chain.calls.some((x) => x[0] === 'end')).toBe(false);

    const silent = new RecordingChain();
    const off = setup(silent, new AlwaysOffSampler());
    off.startSpan('x').end();
    expect(silent.calls).toEqual([]);
  });

  it('a server span on another device gets the same chain id as the caller\'s client span', () => {
    const phone = new RecordingChain();
    const tv = new RecordingChain();
    const client = setup(phone).startSpan('call', { kind: SpanKind.CLIENT });
    const headers: Record<string, string> = {};
    new TraceContextPropagator().inject(client.spanContext(), new RecordHeaderCarrier(headers));
    const remote = new TraceContextPropagator().extract(new RecordHeaderCarrier(headers));
    const server = setup(tv).startSpan('serve', { kind: SpanKind.SERVER, parent: remote });
    expect(tv.current.chainId).toBe(phone.current.chainId);
    expect(tv.current.parentSpanId).toBe(phone.current.spanId);
    expect(tv.calls.find((c) => c[0] === 'tp')?.slice(1, 3)).toEqual([HiTraceMode.DEVICE, HiTracePointType.SERVER_RECEIVE]);
    server.end();
    client.end();
    expect(tv.calls.filter((c) => c[0] === 'tp').map((c) => c[2])).toEqual([HiTracePointType.SERVER_RECEIVE, HiTracePointType.SERVER_SEND]);
  });

  it('never throws into business code, caps what it tracks, and restores on shutdown', async () => {
    const chain = new RecordingChain();
    chain.failing = true;
    const logger = new MemoryLogger();
    const provider = new TracerProvider({ random: new SeededRandom('f'), processors: [new HiTraceSpanProcessor(chain, { logger, maxOpenSpans: 2 })] });
    const tracer = provider.getTracer('t');
    expect(() => tracer.startSpan('a').end()).not.toThrow();
    expect(() => tracer.startSpan('b').end()).not.toThrow();
    expect(logger.records.filter((r) => r.message.includes('hiTraceChain call failed'))).toHaveLength(1);

    const capped = new RecordingChain();
    const p = new HiTraceSpanProcessor(capped, { maxOpenSpans: 2, tracepoints: false });
    const t2 = new TracerProvider({ random: new SeededRandom('c'), processors: [p] }).getTracer('t');
    t2.startSpan('1');
    t2.startSpan('2');
    t2.startSpan('3');
    expect(p.openSpans).toBe(2);
    expect(capped.calls.every((c) => c[0] !== 'tp')).toBe(true);
    await p.shutdown();
    expect(p.openSpans).toBe(0);
    expect(capped.current.valid).toBe(false);
    expect(() => new HiTraceSpanProcessor(capped, { maxOpenSpans: 0 })).toThrow(/maxOpenSpans/);
  });
});

describe('OhosHiTraceChain (adapter on the hiTraceChain fake)', () => {
  it('passes ids and maps modes and tracepoint types to the platform enums', async () => {
    const b = await loadAdapters();
    const port = new b.OhosHiTraceChain();
    b.hiTraceFake.calls.length = 0;
    expect(port.getId().valid).toBe(false);
    const id = new HiTraceIdValue(0xabcn, 12, 3, 1);
    port.setId(id);
    expect(b.hiTraceFake.current).toEqual({ chainId: 0xabcn, spanId: 12, parentSpanId: 3, flags: 1 });
    const back = port.getId();
    expect([back.chainId, back.spanId, back.parentSpanId, back.flags]).toEqual([0xabcn, 12, 3, 1]);
    port.tracepoint(HiTraceMode.DEVICE, HiTracePointType.SERVER_RECEIVE, id, 'serve');
    port.tracepoint(HiTraceMode.THREAD, HiTracePointType.CLIENT_RECEIVE, id, 'x');
    port.end(id);
    expect(port.getId().valid).toBe(false);
    port.clearId();
    expect(b.hiTraceFake.calls.map((c) => [c.fn, c.mode, c.type])).toEqual([
      ['setId', undefined, undefined], ['tracepoint', 3, 3], ['tracepoint', 1, 1], ['end', undefined, undefined], ['clearId', undefined, undefined],
    ]);
    // End to end: the bridge on the adapter leaves hilog's id set while a span is open.
    const provider = new TracerProvider({ random: new SeededRandom('e2e'), processors: [new HiTraceSpanProcessor(port)] });
    const span = provider.getTracer('t').startSpan('op');
    expect(b.hiTraceFake.current.chainId).toBe(hiTraceChainIdOf(span.spanContext().traceId));
    span.end();
    expect(b.hiTraceFake.current.chainId).toBe(0n);
  });
});
