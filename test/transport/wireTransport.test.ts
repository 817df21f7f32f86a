import { describe, expect, it } from 'vitest';
import { Disposable } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { Envelope, EnvelopeCodec, EnvelopeKind, UnreachableError, Wire, WireTransport } from '../../sdk/src/main/ets/transport/index';

// A byte pipe between named devices that delivers on the next timer tick.
class LoopWire implements Wire {
  static readonly receivers = new Map<string, (b: Uint8Array) => void>();
  readonly sent: Uint8Array[] = [];
  constructor(private readonly id: string, private readonly clock: VirtualClock) {}
  send(to: string, bytes: Uint8Array): void {
    const r = LoopWire.receivers.get(to);
    if (!r) throw new UnreachableError(to);
    this.sent.push(bytes);
    this.clock.setTimer(1, () => r(bytes));
  }
  listen(receiver: (bytes: Uint8Array) => void): Disposable {
    LoopWire.receivers.set(this.id, receiver);
    return new Disposable(() => LoopWire.receivers.delete(this.id));
  }
}

describe('WireTransport', () => {
  it('moves envelopes as UTF-8 JSON bytes and rejects malformed input without crashing', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const wa = new LoopWire('a', clock);
    const a = new WireTransport({ localId: 'a', clock, wire: wa, origin: 'r1', codec: new EnvelopeCodec({ maxBytes: 4096 }) });
    const b = new WireTransport({ localId: 'b', clock, wire: new LoopWire('b', clock), origin: 'r2', codec: new EnvelopeCodec({ maxBytes: 4096 }) });
    b.onRequest('echo', (req) => Promise.resolve(Envelope.replyTo(req, {}, req.body)));
    const p = a.request('b', 'echo', new Uint8Array([9, 8, 7]), { traceparent: 'tp' }, 100);
    await clock.advance(5);
    const res = await p;
    expect(Array.from(res.body as Uint8Array)).toEqual([9, 8, 7]);
    expect(JSON.parse(new TextDecoder().decode(wa.sent[0])).h).toEqual({ traceparent: 'tp' });
    LoopWire.receivers.get('b')!(new TextEncoder().encode('garbage'));
    LoopWire.receivers.get('b')!(new Uint8Array(5000));
    expect(b.stats.malformed).toBe(2);
    await expect(a.request('nobody', 'echo', null, undefined, 100)).rejects.toThrow(UnreachableError);
    await expect(a.request('b', 'echo', 'x'.repeat(5000), undefined, 100)).rejects.toMatchObject({ code: 'ERR_PAYLOAD_TOO_LARGE' });
    expect(a.send(EnvelopeKind.ONEWAY, 'nobody', 't', null)).toBe(false);
    expect(a.send(EnvelopeKind.ONEWAY, 'b', 't', null)).toBe(true);
    a.close();
    expect(LoopWire.receivers.has('a')).toBe(false);
  });
});
