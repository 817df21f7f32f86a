import { InvalidArgumentError } from '../../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../../core/errors/InvalidStateError';
import { Disposable } from '../../core/events/Disposable';
import { EventEmitter, Listener } from '../../core/events/EventEmitter';
import { Clock, TimerId } from '../../platform/Clock';
import { Random } from '../../platform/Random';
import { Envelope } from '../Envelope';
import { EnvelopeCodec } from '../EnvelopeCodec';
import { estimateEnvelopeSize } from './internal/sizeEstimate';
import { Endpoint, LinkState } from './internal/Endpoint';
import { DeliveryQueue, InFlight } from './internal/InFlight';
import { LinkConditions, LinkConditionsInit } from './LinkConditions';
import { NetworkPartition } from './NetworkPartition';
import { DropReason, NetworkEvent, NetworkEventType, SimNetworkStats } from './SimNetworkEvents';
import { SimTransport, SimWire } from './SimTransport';

/** Options of a SimNetwork. */
export interface SimNetworkOptions {
  /** Drives delivery: a VirtualClock in tests and the simulator. */
  clock: Clock;
  /** Samples latency, loss, duplication: a SeededRandom makes runs replay bit for bit. */
  random: Random;
  /** Default conditions of every link. Default: LinkConditions.DEFAULT (5 ms fixed, no faults). */
  conditions?: LinkConditionsInit;
  /**
   * Run every envelope through the codec (encode on send, decode on delivery), as a real wire
   * would. Default false: envelope objects are handed over as they are, which is much faster.
   */
  serialize?: boolean;
  /** Codec for `serialize` and for `injectRaw`. Default a new EnvelopeCodec. */
  codec?: EnvelopeCodec;
  /**
   * Delivery times are rounded up to a multiple of this many milliseconds, so that everything
   * due in the same quantum is delivered by one Clock timer (a VirtualClock settles promises
   * after every timer, which dominates the cost of a busy simulation). 0 delivers at the exact
   * sampled time. Default {@link DEFAULT_TIME_QUANTUM_MS}.
   */
  timeQuantumMs?: number;
}

/** Default delivery-time granularity of a SimNetwork: 1 ms. */
export const DEFAULT_TIME_QUANTUM_MS = 1;

/**
 * A simulated network, portable and deterministic: devices `attach` and get a Transport; every
 * envelope gets link conditions (latency distribution, jitter, loss, duplication, reordering,
 * bandwidth), may be cut by partitions, and is lost when its sender or receiver crashes while it
 * is in flight. Delivery runs on the given Clock through one timer at the earliest due envelope,
 * and all randomness comes from the given Random: same seed, same run. Every live-control
 * operation (conditions, partition/heal, crash/restart) may be used at any time.
 */
export class SimNetwork implements SimWire {
  readonly stats: SimNetworkStats = new SimNetworkStats();
  private readonly _clock: Clock;
  private readonly _random: Random;
  private readonly _codec: EnvelopeCodec;
  private readonly _serialize: boolean;
  private readonly _quantum: number;
  private _defaults: LinkConditions;
  private readonly _endpoints: Map<string, Endpoint> = new Map<string, Endpoint>();
  private readonly _queue: DeliveryQueue = new DeliveryQueue();
  private _seq: number = 0;
  private _timer: TimerId = -1;
  private _armedAt: number = Infinity;
  private readonly _onTimer: () => void;
  private _partitions: NetworkPartition[] = [];
  /** True once any link has an override (until then no per-link lookup is needed). */
  private _linkStates: boolean = false;
  private _nextPartitionId: number = 1;
  private readonly _events: EventEmitter<NetworkEvent> = new EventEmitter<NetworkEvent>();

  constructor(options: SimNetworkOptions) {
    this._clock = options.clock;
    this._random = options.random;
    this._codec = options.codec ?? new EnvelopeCodec();
    this._serialize = options.serialize ?? false;
    const q = options.timeQuantumMs ?? DEFAULT_TIME_QUANTUM_MS;
    if (!Number.isFinite(q) || q < 0) {
      throw new InvalidArgumentError('options.timeQuantumMs', 'must be a finite number >= 0');
    }
    this._quantum = q;
    this._defaults = LinkConditions.resolve(options.conditions);
    this._onTimer = (): void => this.deliverDue();
  }

  /** Whether envelopes go through the codec. */
  get serializing(): boolean {
    return this._serialize;
  }

  /** Envelopes in flight. */
  get inFlight(): number {
    return this._queue.size;
  }

  /** Current default link conditions. */
  get defaultConditions(): LinkConditions {
    return this._defaults;
  }

  /** Active partitions. */
  get partitions(): NetworkPartition[] {
    return this._partitions.slice();
  }

  /** Subscribes to every send, delivery, drop and duplication (costs nothing without listeners). */
  onEvent(listener: Listener<NetworkEvent>): Disposable {
    return this._events.on(listener);
  }

  /**
   * Attaches a device and returns its transport. A device that crashed or detached may attach
   * again (that is a restart). Throws ERR_INVALID_STATE when it is already up.
   */
  attach(deviceId: string): SimTransport {
    if (typeof deviceId !== 'string' || deviceId.length === 0) {
      throw new InvalidArgumentError('deviceId', 'must be a non-empty string');
    }
    let ep = this._endpoints.get(deviceId);
    if (ep === undefined) {
      ep = new Endpoint(deviceId);
      this._endpoints.set(deviceId, ep);
    } else if (ep.up) {
      throw new InvalidStateError(`device ${deviceId} is already attached`);
    }
    ep.epoch++;
    ep.up = true;
    const prefix = `${deviceId}~${this._random.nextUint32().toString(36)}`;
    const transport = new SimTransport(deviceId, this._clock, prefix, this._codec, this, ep);
    ep.transport = transport;
    return transport;
  }

  /** Crashes a device: its transport closes (reason CRASHED), traffic in flight to and from it is lost. */
  crash(deviceId: string): void {
    const ep = this.endpoint(deviceId);
    if (!ep.up) {
      return;
    }
    ep.up = false;
    ep.epoch++;
    const t = ep.transport;
    ep.transport = undefined;
    if (t !== undefined) {
      t.crash();
    }
  }

  /** Restarts a crashed or detached device: a fresh transport (the node on it is built anew). */
  restart(deviceId: string): SimTransport {
    const ep = this.endpoint(deviceId);
    if (ep.up) {
      throw new InvalidStateError(`device ${deviceId} is up; crash it first`);
    }
    return this.attach(deviceId);
  }

  /** True when the device is attached and not crashed. */
  isUp(deviceId: string): boolean {
    const ep = this._endpoints.get(deviceId);
    return ep !== undefined && ep.up;
  }

  /** Ids of every device ever attached (or given link conditions), in first-seen order. */
  devices(): string[] {
    return Array.from(this._endpoints.keys());
  }

  /** Replaces the default conditions; fields not given keep their current values. */
  setDefaultConditions(init: LinkConditionsInit): void {
    this._defaults = LinkConditions.resolve(init, this._defaults);
  }

  /**
   * Overrides the conditions of the link `from` -> `to` (and `to` -> `from` unless
   * `bidirectional` is false). Fields not given are taken from the current default conditions.
   */
  setLinkConditions(from: string, to: string, init: LinkConditionsInit, bidirectional?: boolean): void {
    const c = LinkConditions.resolve(init, this._defaults);
    this._linkStates = true;
    this.link(this.endpointOrNew(from), to).conditions = c;
    if (bidirectional ?? true) {
      this.link(this.endpointOrNew(to), from).conditions = c;
    }
  }

  /** Removes link overrides: of one link pair, or of every link when called without arguments. */
  clearLinkConditions(from?: string, to?: string): void {
    this._endpoints.forEach((ep: Endpoint): void => {
      ep.links.forEach((link: LinkState, dest: string): void => {
        if (from === undefined || (ep.id === from && (to === undefined || dest === to)) ||
          (ep.id === to && dest === from)) {
          link.conditions = undefined;
        }
      });
    });
  }

  /** The conditions in force on `from` -> `to`. */
  conditionsOf(from: string, to: string): LinkConditions {
    const ep = this._endpoints.get(from);
    const link = ep === undefined ? undefined : ep.links.get(to);
    return link !== undefined && link.conditions !== undefined ? link.conditions : this._defaults;
  }

  /**
   * Cuts `sideA` off from `sideB` (from every other device when `sideB` is omitted). Envelopes
   * in flight across the cut are lost too. Returns the partition, to heal it later.
   */
  partition(sideA: string[], sideB?: string[]): NetworkPartition {
    if (sideA.length === 0) {
      throw new InvalidArgumentError('sideA', 'must name at least one device');
    }
    const p = new NetworkPartition(this._nextPartitionId++, new Set<string>(sideA),
      sideB === undefined ? undefined : new Set<string>(sideB));
    this._partitions = this._partitions.concat([p]);
    return p;
  }

  /** Heals one partition, or all of them when called without one. */
  heal(partition?: NetworkPartition): void {
    this._partitions = partition === undefined ? [] : this._partitions.filter((p: NetworkPartition): boolean => p !== partition);
  }

  /** True when an active partition separates `a` and `b`. */
  isPartitioned(a: string, b: string): boolean {
    const ps = this._partitions;
    for (let i = 0; i < ps.length; i++) {
      if (ps[i].separates(a, b)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Delivers raw wire input to a device as if it had arrived from the network: the transport
   * decodes it, and malformed input is rejected and counted there (ERR_ENVELOPE_INVALID).
   */
  injectRaw(deviceId: string, data: string | Uint8Array): void {
    const ep = this._endpoints.get(deviceId);
    const t = ep === undefined ? undefined : ep.transport;
    if (t === undefined) {
      return;
    }
    if (typeof data === 'string') {
      t.receiveText(data);
    } else {
      t.receiveBytes(data as Uint8Array);
    }
  }

  /** @internal Called by SimTransport.transmit. Throws PayloadTooLargeError when serialising. */
  enqueue(source: SimTransport, env: Envelope): void {
    const fromEp = source.endpoint;
    if (fromEp.transport !== source) {
      return;
    }
    let bytes: Uint8Array | undefined = undefined;
    let size: number;
    if (this._serialize) {
      bytes = this._codec.encodeBytes(env);
      size = bytes.length;
    } else {
      size = estimateEnvelopeSize(env);
    }
    const stats = this.stats;
    stats.sent++;
    stats.bytesSent += size;
    source.stats.bytesSent += size;
    const now = this._clock.now();
    const toEp = this._endpoints.get(env.to);
    if (toEp === undefined || !toEp.up) {
      this.drop(env, size, DropReason.UNREACHABLE, now);
      return;
    }
    if (this._partitions.length > 0 && this.isPartitioned(env.from, env.to)) {
      this.drop(env, size, DropReason.PARTITION, now);
      return;
    }
    // Links only need state of their own for an override or a bandwidth queue.
    const link = this._linkStates || this._defaults.bandwidthBytesPerSec > 0 ? this.link(fromEp, env.to) : undefined;
    const c = link !== undefined && link.conditions !== undefined ? link.conditions : this._defaults;
    const random = this._random;
    if (c.loss > 0 && random.next() < c.loss) {
      this.drop(env, size, DropReason.LOSS, now);
      return;
    }
    let start = now;
    if (c.bandwidthBytesPerSec > 0 && link !== undefined) {
      start = Math.max(now, link.busyUntil) + (size * 1000) / c.bandwidthBytesPerSec;
      link.busyUntil = start;
    }
    const at = this.quantize(start + this.delay(c));
    this.push(new InFlight(at, this._seq++, env, bytes, size, fromEp, toEp), NetworkEventType.SENT, now);
    if (c.duplicate > 0 && random.next() < c.duplicate) {
      stats.duplicated++;
      this.push(new InFlight(this.quantize(start + this.delay(c)), this._seq++, env, bytes, size, fromEp, toEp),
        NetworkEventType.DUPLICATED, now);
    }
  }

  /**
   * @internal Called when a device's transport is closed by its owner (a graceful detach): what
   * it already sent is still delivered (unlike a crash); nothing more reaches it.
   */
  transportClosed(source: SimTransport): void {
    const ep = this._endpoints.get(source.localId);
    if (ep !== undefined && ep.transport === source) {
      ep.up = false;
      ep.transport = undefined;
    }
  }

  private quantize(t: number): number {
    const q = this._quantum;
    return q > 0 ? Math.ceil(t / q) * q : t;
  }

  private delay(c: LinkConditions): number {
    const random = this._random;
    let d = c.latency.sample(random);
    if (c.jitterMs > 0) {
      d += random.next() * c.jitterMs;
    }
    if (c.reorder > 0 && random.next() < c.reorder) {
      d += c.reorderDelayMs;
    }
    return d;
  }

  private push(item: InFlight, type: NetworkEventType, now: number): void {
    this._queue.push(item);
    if (this._events.size > 0) {
      this.emit(type, item.envelope, item.size, now, undefined, item.deliverAt);
    }
    if (item.deliverAt < this._armedAt) {
      if (this._timer !== -1) {
        this._clock.clearTimer(this._timer);
      }
      this._armedAt = item.deliverAt;
      this.stats.deliveryTimers++;
      this._timer = this._clock.setTimer(item.deliverAt - now, this._onTimer);
    }
  }

  // Hot path: delivers every envelope that is due, in (deliverAt, send order), then re-arms.
  private deliverDue(): void {
    this._timer = -1;
    this._armedAt = Infinity;
    const queue = this._queue;
    const stats = this.stats;
    const now = this._clock.now();
    for (;;) {
      const t = queue.nextTime();
      if (t === undefined || t > now) {
        break;
      }
      const bucket = queue.takeNext();
      for (let k = 0; k < bucket.length; k++) {
        this.deliver(bucket[k], now, stats);
      }
    }
    const next = queue.nextTime();
    if (next !== undefined && next < this._armedAt) {
      this._armedAt = next;
      stats.deliveryTimers++;
      this._timer = this._clock.setTimer(next - now, this._onTimer);
    }
  }

  private deliver(item: InFlight, now: number, stats: SimNetworkStats): void {
    const env = item.envelope;
    const fromEp = item.from;
    const toEp = item.to;
    if (fromEp.epoch !== item.fromEpoch || toEp.epoch !== item.toEpoch || !toEp.up) {
      this.drop(env, item.size, DropReason.CRASHED, now);
      return;
    }
    if (this._partitions.length > 0 && this.isPartitioned(env.from, env.to)) {
      this.drop(env, item.size, DropReason.PARTITION, now);
      return;
    }
    stats.delivered++;
    stats.bytesDelivered += item.size;
    if (this._events.size > 0) {
      this.emit(NetworkEventType.DELIVERED, env, item.size, now, undefined, undefined);
    }
    const t = toEp.transport as SimTransport;
    t.stats.bytesReceived += item.size;
    if (item.bytes !== undefined) {
      t.receiveBytes(item.bytes);
    } else {
      t.receive(env);
    }
  }

  private drop(env: Envelope, size: number, reason: DropReason, now: number): void {
    this.stats.countDrop(reason);
    if (this._events.size > 0) {
      this.emit(NetworkEventType.DROPPED, env, size, now, reason, undefined);
    }
  }

  private emit(type: NetworkEventType, env: Envelope, size: number, at: number, reason: DropReason | undefined,
    deliverAt: number | undefined): void {
    const e: NetworkEvent = {
      type: type, at: at, id: env.id, kind: env.kind, topic: env.topic, from: env.from, to: env.to, size: size,
      reason: reason, deliverAt: deliverAt
    };
    this._events.emit(e);
  }

  private endpoint(deviceId: string): Endpoint {
    const ep = this._endpoints.get(deviceId);
    if (ep === undefined) {
      throw new InvalidArgumentError('deviceId', `no device ${deviceId} on this network`);
    }
    return ep;
  }

  private endpointOrNew(deviceId: string): Endpoint {
    let ep = this._endpoints.get(deviceId);
    if (ep === undefined) {
      ep = new Endpoint(deviceId);
      this._endpoints.set(deviceId, ep);
    }
    return ep;
  }

  private link(ep: Endpoint, to: string): LinkState {
    let link = ep.links.get(to);
    if (link === undefined) {
      link = new LinkState();
      ep.links.set(to, link);
    }
    return link;
  }
}
