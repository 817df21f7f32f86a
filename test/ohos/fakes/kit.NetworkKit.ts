// A desktop stand-in for @kit.NetworkKit `socket`: TCP on real node:net sockets (so the adapters and
// the SocketTransport run over the host's real TCP stack), UDP as an in-process switch (a broadcast
// reaches every fake UDP socket bound to the port; unicast the ones bound to it on that address).
// Errors are FakeBusinessErrors with the documented codes (2303100 + errno, 2300002 otherwise).
import net from 'node:net';
import { FakeBusinessError } from './BusinessError';

interface NetAddress { address: string; family?: number; port?: number }
interface SocketRemoteInfo { address: string; family: 'IPv4' | 'IPv6'; port: number; size: number }
interface SocketMessageInfo { message: ArrayBuffer; remoteInfo: SocketRemoteInfo }
type Listener = (arg?: unknown) => void;

const ERRNO: Record<string, number> = { ECONNREFUSED: 111, ETIMEDOUT: 110, EADDRINUSE: 98, ECONNRESET: 104, EPIPE: 32 };
const toBusiness = (e: NodeJS.ErrnoException): FakeBusinessError =>
  new FakeBusinessError(e.code !== undefined && ERRNO[e.code] !== undefined ? 2303100 + ERRNO[e.code] : 2300002, e.message);

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(type: string, cb: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), cb]);
  }

  off(type: string, cb?: Listener): void {
    this.listeners.set(type, cb === undefined ? [] : (this.listeners.get(type) ?? []).filter((l) => l !== cb));
  }

  emit(type: string, arg?: unknown): void {
    for (const l of this.listeners.get(type) ?? []) l(arg);
  }
}

/** Wires a node socket's events to the fake's 'message' / 'close' / 'error' events. */
const attach = (s: net.Socket, events: Emitter): void => {
  s.on('data', (b: Buffer) => events.emit('message', {
    message: toArrayBuffer(b), remoteInfo: { address: s.remoteAddress ?? '', family: 'IPv4', port: s.remotePort ?? 0, size: b.length },
  } satisfies SocketMessageInfo));
  s.on('error', (e) => events.emit('error', toBusiness(e)));
  s.on('close', () => events.emit('close'));
};

const send = (s: net.Socket | undefined, data: string | ArrayBuffer): Promise<void> => new Promise((resolve, reject) => {
  if (s === undefined || s.destroyed) {
    reject(new FakeBusinessError(2303100 + 32, 'socket is not connected'));
    return;
  }
  s.write(typeof data === 'string' ? Buffer.from(data) : Buffer.from(new Uint8Array(data)), (e) => (e ? reject(toBusiness(e)) : resolve()));
});

export const networkFake = {
  connects: [] as string[],
  binds: [] as string[],
  servers: [] as net.Server[],
  sockets: new Set<net.Socket>(),
  /** Closes every real socket and server the fake opened (API 12 apps cannot close a server). */
  async closeAll(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await Promise.all(this.servers.map((srv) => new Promise<void>((r) => srv.close(() => r()))));
    this.servers = [];
    udpSwitch.clear();
  },
};

class TCPSocket extends Emitter {
  private sock: net.Socket | undefined;

  bind(address: NetAddress): Promise<void> {
    networkFake.binds.push(`${address.address}:${address.port ?? 0}`);
    return Promise.resolve();
  }

  connect(options: { address: NetAddress; timeout?: number }): Promise<void> {
    const { address, port } = options.address;
    networkFake.connects.push(`${address}:${port}`);
    return new Promise((resolve, reject) => {
      const s = net.connect({ host: address, port: port ?? 0 });
      networkFake.sockets.add(s);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new FakeBusinessError(2303210, 'Connection timed out'));
      }, options.timeout ?? 5000);
      s.once('connect', () => {
        clearTimeout(timer);
        this.sock = s;
        attach(s, this);
        resolve();
      });
      s.once('error', (e) => {
        clearTimeout(timer);
        if (this.sock === undefined) reject(toBusiness(e));
      });
    });
  }

  send(options: { data: string | ArrayBuffer }): Promise<void> {
    return send(this.sock, options.data);
  }

  close(): Promise<void> {
    this.sock?.end();
    this.sock?.destroy();
    return Promise.resolve();
  }

  setExtraOptions(o: { keepAlive?: boolean; TCPNoDelay?: boolean }): Promise<void> {
    if (o.keepAlive !== undefined) this.sock?.setKeepAlive(o.keepAlive);
    if (o.TCPNoDelay !== undefined) this.sock?.setNoDelay(o.TCPNoDelay);
    return Promise.resolve();
  }
}

let clientIds = 0;

class TCPSocketConnection extends Emitter {
  readonly clientId = ++clientIds;

  constructor(private readonly sock: net.Socket) {
    super();
    attach(sock, this);
  }

  send(options: { data: string | ArrayBuffer }): Promise<void> {
    return send(this.sock, options.data);
  }

  close(): Promise<void> {
    this.sock.end();
    this.sock.destroy();
    return Promise.resolve();
  }
}

class TCPSocketServer extends Emitter {
  listen(address: NetAddress): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = net.createServer((s) => {
        networkFake.sockets.add(s);
        this.emit('connect', new TCPSocketConnection(s));
      });
      server.once('error', (e) => reject(toBusiness(e)));
      // The fake listens on loopback whatever address is asked for: tests stay off the real LAN.
      server.listen(address.port ?? 0, '127.0.0.1', () => {
        networkFake.servers.push(server);
        resolve();
      });
    });
  }
}

class UDPSocket extends Emitter {
  port = -1;
  broadcast = false;
  closed = false;

  bind(address: NetAddress): Promise<void> {
    this.port = address.port ?? 0;
    udpSwitch.add(this);
    return Promise.resolve();
  }

  setExtraOptions(o: { broadcast?: boolean }): Promise<void> {
    this.broadcast = o.broadcast === true;
    return Promise.resolve();
  }

  send(options: { data: string | ArrayBuffer; address: NetAddress }): Promise<void> {
    const to = options.address;
    if (to.address.endsWith('.255') && !this.broadcast) return Promise.reject(new FakeBusinessError(2303113, 'Permission denied (broadcast not enabled)'));
    const data = typeof options.data === 'string' ? Buffer.from(options.data) : Buffer.from(new Uint8Array(options.data));
    for (const s of udpSwitch) {
      if (s !== this && !s.closed && s.port === to.port) {
        const message = toArrayBuffer(Buffer.from(data));
        setImmediate(() => s.emit('message', { message, remoteInfo: { address: '127.0.0.1', family: 'IPv4', port: this.port, size: data.length } }));
      }
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    udpSwitch.delete(this);
    return Promise.resolve();
  }
}

const udpSwitch = new Set<UDPSocket>();

export const socket = {
  constructTCPSocketInstance: (): TCPSocket => new TCPSocket(),
  constructTCPSocketServerInstance: (): TCPSocketServer => new TCPSocketServer(),
  constructUDPSocketInstance: (): UDPSocket => new UDPSocket(),
};
