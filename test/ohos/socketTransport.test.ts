// SocketTransport on an in-memory LAN (VirtualClock, writes cut into random chunks): framing,
// hello handshake, attribution of envelopes, reconnect with backoff, fail-fast, queue limits.
import { describe, expect, it } from 'vitest';
import { ErrorCode, MeshError } from '../../sdk/src/main/ets/core/index';
import { SeededRandom, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { Envelope, EnvelopeKind } from '../../sdk/src/main/ets/transport/index';
import { FrameCodec, FrameType } from '../../sdk/src/main/ets/ohos/net/FrameCodec';
import { HelloMessage } from '../../sdk/src/main/ets/ohos/net/HelloMessage';
import { PeerAddress, PeerAddressBook, PeerAddressSource } from '../../sdk/src/main/ets/ohos/net/PeerAddressBook';
import { SocketTransport } from '../../sdk/src/main/ets/ohos/net/SocketTransport';
import type { SocketTransportOptions } from '../../sdk/src/main/ets/ohos/net/SocketTransportOptions';
import { StreamHandlers } from '../../sdk/src/main/ets/ohos/net/StreamNetwork';
import { Utf8 } from '../../sdk/src/main/ets/core/encoding/Utf8';
import { MemoryLan } from './support/memoryLan';

class Rig {
  readonly clock = new VirtualClock({ startTime: 0 });
  readonly random = new SeededRandom('socket-rig');
  readonly lan = new MemoryLan(this.clock, { latencyMs: 2, chunking: this.random.fork('chunks') });
  private lives = 0;

  device(id: string, host: string, extra: Partial<SocketTransportOptions> = {}): { t: SocketTransport; book: PeerAddressBook } {
    const book = new PeerAddressBook();
    const t = new SocketTransport({
      localId: id, clock: this.clock, random: this.random.fork(`${id}-${this.lives}`), origin: `${id}life${this.lives++}`,
      network: this.lan.host(host), addresses: book, port: 47600, ...extra,
    });
    return { t, book };
  }

  at(book: PeerAddressBook, id: string, host: string, port = 47600): void {
    book.set(new PeerAddress(id, host, port, PeerAddressSource.STATIC, undefined, undefined, this.clock.now()));
  }

  echo(t: SocketTransport): void {
    t.onRequest('echo', (req: Envelope) => Promise.resolve(Envelope.replyTo(req, {}, req.body)));
  }

  async settle<T>(p: Promise<T>, ms = 100): Promise<T> {
    await this.clock.advance(ms);
    return p;
  }
}

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as MeshError).code;
  }
};

describe('SocketTransport', () => {
  it('connects on demand, exchanges hellos and carries requests and responses both ways', async () => {
    const r = new Rig();
    const a = r.device('phone', '10.0.0.1');
    const b = r.device('tv', '10.0.0.2');
    expect(await b.t.listen()).toBe(47600);
    r.at(a.book, 'tv', '10.0.0.2');
    r.echo(b.t);
    const res = await r.settle(a.t.request('tv', 'echo', { hello: 'tv' }, undefined, r.clock.now() + 1000));
    expect(res.body).toEqual({ hello: 'tv' });
    expect(a.t.socketStats.connectAttempts).toBe(1);
    expect(a.t.socketStats.handshakes).toBe(1);
    expect(b.t.socketStats.accepted).toBe(1);
    expect(a.t.connectedPeers()).toEqual(['tv']);
    // The tv has no address for the phone, yet reaches it over the connection the phone opened.
    r.echo(a.t);
    const back = await r.settle(b.t.request('phone', 'echo', [1, 2, 3], undefined, r.clock.now() + 1000));
    expect(back.body).toEqual([1, 2, 3]);
    expect(b.t.socketStats.connectAttempts).toBe(0);
    expect(r.lan.openConnections()).toBe(1);
  });

  it('keeps order across hundreds of envelopes cut into random chunks, including bytes bodies', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1');
    const b = r.device('b', 'h2');
    await b.t.listen();
    r.at(a.book, 'b', 'h2');
    const got: unknown[] = [];
    b.t.onMessage('seq', (env: Envelope) => got.push(env.body instanceof Uint8Array ? Array.from(env.body) : env.body));
    const sent: unknown[] = [];
    for (let i = 0; i < 300; i++) {
      const body = i % 7 === 0 ? new Uint8Array([i & 255, 1, 2]) : { i, pad: 'x'.repeat(i % 50) };
      expect(a.t.send(EnvelopeKind.ONEWAY, 'b', 'seq', body)).toBe(true);
      sent.push(body instanceof Uint8Array ? Array.from(body) : body);
      if (i % 50 === 0) await r.clock.advance(1);
    }
    await r.clock.advance(100);
    expect(got).toEqual(sent);
    expect(b.t.stats.malformed).toBe(0);
  });

  it('fails at once without an address, and closes a connection that reaches the wrong device', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1');
    const c = r.device('c', 'h3');
    await c.t.listen();
    expect(await codeOf(a.t.request('b', 'echo', 1, undefined, r.clock.now() + 1000))).toBe(ErrorCode.UNREACHABLE);
    expect(a.t.send(EnvelopeKind.ONEWAY, 'b', 'x', 1)).toBe(false);
    r.at(a.book, 'b', 'h3'); // stale: c listens there
    const p = a.t.request('b', 'echo', 1, undefined, r.clock.now() + 500);
    expect(await r.settle(codeOf(p), 600)).toBe(ErrorCode.TIMEOUT);
    expect(c.t.socketStats.handshakeFailures).toBeGreaterThanOrEqual(1);
    expect(a.t.isConnected('b')).toBe(false);
    expect(c.t.stats.received).toBe(0);
  });

  it('drops envelopes whose from is not the device that said hello, and closes on protocol errors', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1');
    await a.t.listen();
    const received: string[] = [];
    a.t.onMessage('note', (env: Envelope) => received.push(env.from));
    const raw = await r.settle(r.lan.host('h9').connect('h1', 47600, 1000), 10);
    let closed = false;
    raw.setHandlers(new StreamHandlers(() => {}, () => { closed = true; }));
    const envelope = (from: string): Uint8Array => FrameCodec.encode(FrameType.ENVELOPE,
      Utf8.encode(JSON.stringify({ v: 1, id: `o.${received.length + 1}`, k: 'oneway', f: from, t: 'a', tp: 'note', b: 1 })));
    await raw.write(FrameCodec.encode(FrameType.HELLO, new HelloMessage('mallory', 'm1', 'a').encode()));
    await raw.write(envelope('mallory'));
    await raw.write(envelope('bob'));
    await r.clock.advance(20);
    expect(received).toEqual(['mallory']);
    expect(a.t.socketStats.spoofed).toBe(1);
    await raw.write(new Uint8Array([0, 0, 0, 0]));
    await r.clock.advance(20);
    expect(a.t.socketStats.protocolErrors).toBe(1);
    expect(closed).toBe(true);

    const early = await r.settle(r.lan.host('h8').connect('h1', 47600, 1000), 10);
    early.setHandlers(new StreamHandlers(() => {}, () => {}));
    await early.write(envelope('x'));
    await r.clock.advance(20);
    expect(a.t.socketStats.protocolErrors).toBe(2);
    // A silent connection is closed after the hello timeout.
    const silent = await r.settle(r.lan.host('h7').connect('h1', 47600, 1000), 10);
    let silentClosed = false;
    silent.setHandlers(new StreamHandlers(() => {}, () => { silentClosed = true; }));
    await r.clock.advance(6000);
    expect(silentClosed).toBe(true);
    expect(a.t.socketStats.handshakeFailures).toBe(1);
  });

  it('reconnects with backoff, fails fast after repeated failures, and recovers when the peer returns', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1', { connectTimeoutMs: 1000, failFastAfter: 3 });
    const b = r.device('b', 'h2');
    await b.t.listen();
    r.echo(b.t);
    r.at(a.book, 'b', 'h2');
    expect((await r.settle(a.t.request('b', 'echo', 1, undefined, r.clock.now() + 1000))).body).toBe(1);
    r.lan.kill('h2');
    await r.clock.advance(10);
    expect(a.t.isConnected('b')).toBe(false);
    // Queued while reconnecting; connects time out one after the other with growing delays.
    const waiting = a.t.request('b', 'echo', 2, undefined, r.clock.now() + 5000);
    await r.clock.advance(10000);
    expect(a.t.socketStats.connectFailures).toBeGreaterThanOrEqual(3);
    expect(await codeOf(waiting)).toBe(ErrorCode.TIMEOUT);
    // Now sends fail at once instead of waiting for their deadline.
    const fast = a.t.request('b', 'echo', 3, undefined, r.clock.now() + 20000);
    expect(await codeOf(fast)).toBe(ErrorCode.UNREACHABLE);
    expect(a.t.socketStats.failedFast).toBeGreaterThanOrEqual(1);
    expect(a.t.socketStats.dropped).toBeGreaterThanOrEqual(1);
    r.lan.revive('h2');
    // The wanted flag keeps retrying with backoff (at most 30 s apart): the peer is found again.
    for (let i = 0; i < 40 && !a.t.isConnected('b'); i++) {
      a.t.send(EnvelopeKind.ONEWAY, 'b', 'poke', i);
      await r.clock.advance(1000);
    }
    expect(a.t.isConnected('b')).toBe(true);
    expect((await r.settle(a.t.request('b', 'echo', 4, undefined, r.clock.now() + 1000))).body).toBe(4);
  });

  it('a restarted peer (new origin) replaces the connections of its earlier life', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1');
    await a.t.listen();
    r.echo(a.t);
    const b1 = r.device('b', 'h2');
    r.at(b1.book, 'a', 'h1');
    expect((await r.settle(b1.t.request('a', 'echo', 'life1', undefined, r.clock.now() + 1000))).body).toBe('life1');
    // b "crashes": its TCP stack never closes the old connection (no FIN), a still has it.
    r.lan.unlisten('h2', 47600);
    const b2 = r.device('b', 'h2');
    r.at(b2.book, 'a', 'h1');
    expect((await r.settle(b2.t.request('a', 'echo', 'life2', undefined, r.clock.now() + 1000))).body).toBe('life2');
    // a answered over the new connection and dropped the old one.
    await r.clock.advance(20);
    expect(r.lan.openConnections()).toBe(1);
  });

  it('refuses sends over the queue limit, disconnects on request, follows address changes', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1', { maxQueuedBytes: 2048 });
    const b = r.device('b', 'h2');
    await b.t.listen();
    r.echo(b.t);
    r.at(a.book, 'b', 'h2');
    expect(a.t.send(EnvelopeKind.ONEWAY, 'b', 'big', 'x'.repeat(1500))).toBe(true);
    expect(a.t.send(EnvelopeKind.ONEWAY, 'b', 'big', 'x'.repeat(1500))).toBe(false); // still connecting
    expect(a.t.socketStats.queueFull).toBe(1);
    await r.clock.advance(20);
    expect(a.t.isConnected('b')).toBe(true);
    a.t.disconnect('b');
    await r.clock.advance(20);
    expect(a.t.isConnected('b')).toBe(false);
    expect(r.lan.openConnections()).toBe(0);
    // b moves to another address: the book changes, the next call dials there.
    const b2 = r.device('b', 'h5');
    await b2.t.listen();
    r.echo(b2.t);
    r.at(a.book, 'b', 'h5');
    expect((await r.settle(a.t.request('b', 'echo', 'moved', undefined, r.clock.now() + 1000))).body).toBe('moved');
  });

  it('close() rejects pending requests, closes connections and refuses to listen again', async () => {
    const r = new Rig();
    const a = r.device('a', 'h1');
    const b = r.device('b', 'h2');
    await b.t.listen();
    b.t.onRequest('slow', () => new Promise<Envelope>(() => {}));
    r.at(a.book, 'b', 'h2');
    const pending = a.t.request('b', 'slow', 1, undefined, r.clock.now() + 10000);
    await r.clock.advance(20);
    a.t.close();
    expect(await codeOf(pending)).toBe(ErrorCode.TRANSPORT_CLOSED);
    await r.clock.advance(20);
    expect(r.lan.openConnections()).toBe(0);
    expect(await codeOf(a.t.listen())).toBe(ErrorCode.TRANSPORT_CLOSED);
  });

  it('validates its options', () => {
    const r = new Rig();
    expect(() => r.device('a', 'h', { port: 70000 })).toThrow(/options\.port/);
    expect(() => r.device('a', 'h', { failFastAfter: 0 })).toThrow(/options\.failFastAfter/);
    expect(() => r.device('a', 'h', { maxQueuedBytes: 10 })).toThrow(/options\.maxQueuedBytes/);
    expect(() => r.device('a', 'h', { connectTimeoutMs: 0 })).toThrow(/options\.connectTimeoutMs/);
    expect(() => new SocketTransport({ localId: 'a', clock: r.clock, random: r.random, origin: 'o', network: undefined!, addresses: new PeerAddressBook() }))
      .toThrow(/options\.network/);
  });
});
