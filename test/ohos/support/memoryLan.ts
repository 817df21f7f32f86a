// An in-memory local network for the portable socket code: hosts with TCP-like streams (ordered,
// reliable, cut into arbitrary chunks) and UDP-like datagrams (broadcast and unicast), all on a
// VirtualClock with a fixed latency. Hosts can be killed (connections reset, connects time out)
// and revived, which is what a device leaving Wi-Fi looks like to its peers.
import type { Clock } from '../../../sdk/src/main/ets/platform/index';
import type { Random } from '../../../sdk/src/main/ets/platform/index';
import { TimeoutError } from '../../../sdk/src/main/ets/core/index';
import { UnreachableError } from '../../../sdk/src/main/ets/transport/index';
import {
  StreamHandlers,
} from '../../../sdk/src/main/ets/ohos/net/StreamNetwork';
import type {
  DatagramNetwork, DatagramReceiver, DatagramSocket, StreamListener, StreamNetwork, StreamSocket,
} from '../../../sdk/src/main/ets/ohos/net/StreamNetwork';

export interface MemoryLanOptions {
  latencyMs?: number;
  /** When given, every write is delivered in 1..4 random chunks (exercises frame reassembly). */
  chunking?: Random;
}

export class MemoryStreamEnd implements StreamSocket {
  peer: MemoryStreamEnd | undefined;
  handlers: StreamHandlers | undefined;
  private early: Uint8Array[] = [];
  private endReported = false;
  private ended = false;
  private endError: Error | undefined;
  bytesWritten = 0;

  constructor(readonly lan: MemoryLan, readonly localHost: string, readonly remoteAddress: string) {}

  setHandlers(handlers: StreamHandlers): void {
    this.handlers = handlers;
    const early = this.early;
    this.early = [];
    for (const b of early) handlers.onData(b);
    this.report();
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.ended) return Promise.reject(new Error('write after close'));
    this.bytesWritten += bytes.length;
    const copy = bytes.slice();
    const peer = this.peer;
    for (const chunk of this.lan.split(copy)) {
      this.lan.later((): void => peer?.receive(chunk));
    }
    return Promise.resolve();
  }

  close(): void {
    if (this.ended) return;
    this.end(undefined);
    const peer = this.peer;
    this.lan.later((): void => peer?.end(undefined));
  }

  receive(bytes: Uint8Array): void {
    if (this.ended) return;
    if (this.handlers === undefined) this.early.push(bytes);
    else this.handlers.onData(bytes);
  }

  end(error: Error | undefined): void {
    if (this.ended) return;
    this.ended = true;
    this.endError = error;
    this.lan.unregister(this);
    this.report();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  private report(): void {
    if (this.ended && !this.endReported && this.handlers !== undefined) {
      this.endReported = true;
      this.handlers.onClose(this.endError);
    }
  }
}

class MemoryDatagram implements DatagramSocket {
  receiver: DatagramReceiver | undefined;
  closed = false;

  constructor(readonly lan: MemoryLan, readonly host: string, readonly port: number) {}

  broadcast(bytes: Uint8Array, port: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.lan.broadcastAllowed) return Promise.reject(new UnreachableError('*', 'broadcast refused'));
    for (const d of this.lan.datagramsOn(port)) {
      const copy = bytes.slice();
      this.lan.later((): void => d.deliver(copy, this.host, this.port));
    }
    return Promise.resolve();
  }

  send(bytes: Uint8Array, host: string, port: number): Promise<void> {
    for (const d of this.lan.datagramsOn(port)) {
      if (d.host === host) {
        const copy = bytes.slice();
        this.lan.later((): void => d.deliver(copy, this.host, this.port));
      }
    }
    return Promise.resolve();
  }

  onMessage(receiver: DatagramReceiver): void {
    this.receiver = receiver;
  }

  deliver(bytes: Uint8Array, host: string, port: number): void {
    if (!this.closed && this.lan.isUp(this.host) && this.receiver !== undefined) this.receiver(bytes, host, port);
  }

  close(): void {
    this.closed = true;
    this.lan.removeDatagram(this);
  }
}

/** One device's view of the LAN: its TCP and UDP. */
export class MemoryHost implements StreamNetwork, DatagramNetwork {
  constructor(readonly lan: MemoryLan, readonly address: string) {}

  connect(host: string, port: number, timeoutMs: number): Promise<StreamSocket> {
    return this.lan.connect(this.address, host, port, timeoutMs);
  }

  listen(port: number, onConnection: (socket: StreamSocket) => void): Promise<StreamListener> {
    return this.lan.listen(this.address, port, onConnection);
  }

  bind(port: number): Promise<DatagramSocket> {
    return this.lan.bind(this.address, port);
  }
}

export class MemoryLan {
  readonly latencyMs: number;
  broadcastAllowed = true;
  connectAttempts = 0;
  private readonly listeners = new Map<string, (socket: StreamSocket) => void>();
  private readonly ends = new Set<MemoryStreamEnd>();
  private readonly datagrams = new Set<MemoryDatagram>();
  private readonly down = new Set<string>();
  private nextPort = 40000;

  constructor(readonly clock: Clock, readonly options: MemoryLanOptions = {}) {
    this.latencyMs = options.latencyMs ?? 2;
  }

  host(address: string): MemoryHost {
    return new MemoryHost(this, address);
  }

  isUp(address: string): boolean {
    return !this.down.has(address);
  }

  /** The host drops off the network: its connections reset, connects to it time out. */
  kill(address: string): void {
    this.down.add(address);
    for (const e of Array.from(this.ends)) {
      if (e.localHost === address) {
        e.end(new Error('network down'));
        const peer = e.peer;
        this.later((): void => peer?.end(new Error('connection reset')));
      }
    }
  }

  revive(address: string): void {
    this.down.delete(address);
  }

  /** Removes a listener (the app on that host stopped or crashed). */
  unlisten(address: string, port: number): void {
    this.listeners.delete(`${address}:${port}`);
  }

  openConnections(): number {
    return this.ends.size / 2;
  }

  later(run: () => void): void {
    this.clock.setTimer(this.latencyMs, run);
  }

  split(bytes: Uint8Array): Uint8Array[] {
    const r = this.options.chunking;
    if (r === undefined || bytes.length < 2) return [bytes];
    const pieces = 1 + r.nextInt(Math.min(4, bytes.length));
    const cuts = new Set<number>();
    while (cuts.size < pieces - 1) cuts.add(1 + r.nextInt(bytes.length - 1));
    const sorted = [0, ...Array.from(cuts).sort((a, b) => a - b), bytes.length];
    const out: Uint8Array[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) out.push(bytes.subarray(sorted[i], sorted[i + 1]));
    return out;
  }

  connect(from: string, host: string, port: number, timeoutMs: number): Promise<StreamSocket> {
    this.connectAttempts++;
    return new Promise<StreamSocket>((resolve, reject) => {
      if (!this.isUp(from) || !this.isUp(host)) {
        this.clock.setTimer(timeoutMs, () => reject(new TimeoutError(`connect to ${host}:${port} timed out`, timeoutMs)));
        return;
      }
      this.later(() => {
        const accept = this.listeners.get(`${host}:${port}`);
        if (accept === undefined || !this.isUp(host)) {
          reject(new UnreachableError(`${host}:${port}`, `connection to ${host}:${port} refused`));
          return;
        }
        const clientPort = this.nextPort++;
        const client = new MemoryStreamEnd(this, from, `${host}:${port}`);
        const server = new MemoryStreamEnd(this, host, `${from}:${clientPort}`);
        client.peer = server;
        server.peer = client;
        this.ends.add(client);
        this.ends.add(server);
        accept(server);
        resolve(client);
      });
    });
  }

  listen(host: string, port: number, onConnection: (socket: StreamSocket) => void): Promise<StreamListener> {
    const p = port === 0 ? this.nextPort++ : port;
    const key = `${host}:${p}`;
    if (this.listeners.has(key)) return Promise.reject(new UnreachableError(key, `port ${p} in use`));
    this.listeners.set(key, onConnection);
    const listener: StreamListener = { port: p, close: () => { if (this.listeners.get(key) === onConnection) this.listeners.delete(key); } };
    return Promise.resolve(listener);
  }

  bind(host: string, port: number): Promise<DatagramSocket> {
    for (const d of this.datagrams) {
      if (d.host === host && d.port === port) return Promise.reject(new UnreachableError(host, `UDP port ${port} in use`));
    }
    const d = new MemoryDatagram(this, host, port);
    this.datagrams.add(d);
    return Promise.resolve(d);
  }

  datagramsOn(port: number): MemoryDatagram[] {
    return Array.from(this.datagrams).filter((d) => d.port === port && !d.closed);
  }

  removeDatagram(d: MemoryDatagram): void {
    this.datagrams.delete(d);
  }

  unregister(e: MemoryStreamEnd): void {
    this.ends.delete(e);
  }
}
