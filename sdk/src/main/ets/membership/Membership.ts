import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { InvalidStateError } from '../core/errors/InvalidStateError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { JsonObject, JsonValue } from '../core/json/JsonValue';
import { Clock, TimerId } from '../platform/Clock';
import { LogLevel, Logger } from '../platform/logging/Logger';
import { NoopLogger } from '../platform/logging/NoopLogger';
import { Random } from '../platform/Random';
import { Envelope, EnvelopeKind } from '../transport/Envelope';
import { MeshBody } from '../transport/MeshBody';
import { Transport } from '../transport/Transport';
import { BroadcastQueue } from './internal/BroadcastQueue';
import { MemberChange, MemberRecord, MemberTable } from './internal/MemberTable';
import { DecodedUpdates, encodeUpdates, MemberUpdate } from './internal/MemberUpdate';
import { Member, MembershipEvent } from './Member';
import { MembershipOptions, ResolvedMembershipOptions } from './MembershipOptions';
import { MembershipStats } from './MembershipStats';
import { isLiveState, MemberState } from './MemberState';
import { SwimTopics } from './SwimTopics';

/** What a Membership needs: its device's transport and ports. */
export interface MembershipConfig {
  transport: Transport;
  clock: Clock;
  random: Random;
  /** This device's type (phone, watch, tv, ...), gossiped with its identity. */
  deviceType: string;
  logger?: Logger;
  options?: MembershipOptions;
}

const NO_HEADERS: Record<string, string> = {};

const asObject = (body: MeshBody): JsonObject | undefined => {
  if (typeof body !== 'object' || body === null || body instanceof Uint8Array || Array.isArray(body)) {
    return undefined;
  }
  return body as JsonObject;
};

/**
 * SWIM membership with failure detection over a Transport. Each probe period a node pings the
 * next member of a shuffled round; a missed ack triggers pings through `indirectProbes` other
 * members (and one more direct ping); if all fail the target becomes SUSPECT, and unless it
 * refutes (raising its incarnation) before the suspicion timeout, DEAD. Updates spread by
 * piggybacking on pings and acks and by periodic gossip; full-state exchanges handle joins,
 * anti-entropy and rediscovery of dead members after a partition heals. Suspects are pinged
 * with the suspicion attached, so a live member learns of it and refutes at once. Everything
 * runs on the Clock and Random given, so a run replays exactly on a VirtualClock.
 */
export class Membership {
  readonly localId: string;
  readonly deviceType: string;
  readonly options: ResolvedMembershipOptions;
  readonly stats: MembershipStats = new MembershipStats();
  private readonly _transport: Transport;
  private readonly _clock: Clock;
  private readonly _random: Random;
  private readonly _logger: Logger;
  private _incarnation: number = 0;
  private _meta: JsonObject | undefined = undefined;
  private _running: boolean = false;
  private _finished: boolean = false;
  private _leaving: boolean = false;
  private readonly _table: MemberTable = new MemberTable();
  private readonly _queue: BroadcastQueue = new BroadcastQueue();
  private readonly _events: EventEmitter<MembershipEvent> = new EventEmitter<MembershipEvent>();
  private readonly _incarnations: EventEmitter<number> = new EventEmitter<number>();
  private _subscriptions: Disposable[] = [];
  private _probeTimer: TimerId = -1;
  private _gossipTimer: TimerId = -1;
  private _syncTimer: TimerId = -1;
  private _reconnectTimer: TimerId = -1;
  private _joinTimer: TimerId = -1;
  private readonly _suspicions: Map<string, TimerId> = new Map<string, TimerId>();
  private readonly _syncing: Set<string> = new Set<string>();
  private _probeOrder: string[] = [];
  private _probeIndex: number = 0;
  private _liveIds: string[] = [];
  private _liveVersion: number = -1;
  private readonly _probeTick: () => void;
  private readonly _gossipTick: () => void;
  private readonly _syncTick: () => void;
  private readonly _reconnectTick: () => void;

  constructor(config: MembershipConfig) {
    if (typeof config.deviceType !== 'string' || config.deviceType.length === 0 || config.deviceType.length > 64) {
      throw new InvalidArgumentError('deviceType', 'must be a string of 1..64 characters');
    }
    this._transport = config.transport;
    this._clock = config.clock;
    this._random = config.random;
    this._logger = config.logger ?? new NoopLogger();
    this.localId = config.transport.localId;
    this.deviceType = config.deviceType;
    this.options = ResolvedMembershipOptions.from(config.options);
    this._probeTick = (): void => this.onProbeTick();
    this._gossipTick = (): void => this.onGossipTick();
    this._syncTick = (): void => this.onSyncTick();
    this._reconnectTick = (): void => this.onReconnectTick();
  }

  /** This node's current incarnation. */
  get incarnation(): number {
    return this._incarnation;
  }

  get running(): boolean {
    return this._running;
  }

  /** Live members including this node. */
  get liveCount(): number {
    return this._table.liveCount + 1;
  }

  /** Subscribes to membership changes of other members. */
  onChange(listener: Listener<MembershipEvent>): Disposable {
    return this._events.on(listener);
  }

  /** Subscribes to this node's incarnation changes (to persist the latest one). */
  onIncarnation(listener: Listener<number>): Disposable {
    return this._incarnations.on(listener);
  }

  /**
   * Starts probing and gossiping at `incarnation` (use one higher than any this device used
   * before, e.g. persisted + 1) and joins through `seeds` in the background, retrying every
   * `joinRetryIntervalMs` while none answers. A Membership starts once.
   */
  start(incarnation: number, seeds?: string[]): void {
    if (this._running || this._finished) {
      throw new InvalidStateError('membership already started');
    }
    if (!Number.isSafeInteger(incarnation) || incarnation < 0) {
      throw new InvalidArgumentError('incarnation', 'must be a safe integer >= 0');
    }
    this._incarnation = incarnation;
    this._running = true;
    const t = this._transport;
    this._subscriptions = [
      t.onRequest(SwimTopics.PING, (req: Envelope): Promise<Envelope> => this.onPing(req)),
      t.onRequest(SwimTopics.PING_REQ, (req: Envelope): Promise<Envelope> => this.onPingReq(req)),
      t.onRequest(SwimTopics.SYNC, (req: Envelope): Promise<Envelope> => this.onSync(req)),
      t.onMessage(SwimTopics.GOSSIP, (env: Envelope): void => this.onGossip(env))
    ];
    const o = this.options;
    // Random phases, so that nodes started together do not probe in lock step.
    this._probeTimer = this._clock.setTimer(this._random.next() * o.probeIntervalMs, this._probeTick);
    // The first anti-entropy exchange comes early (1-2 probe periods): it fills what the join missed.
    this._syncTimer = this._clock.setTimer((1 + this._random.next()) * o.probeIntervalMs, this._syncTick);
    this._reconnectTimer = this._clock.setTimer((0.5 + this._random.next() / 2) * o.reconnectIntervalMs, this._reconnectTick);
    if (seeds !== undefined && seeds.length > 0) {
      this.joinLoop(seeds.slice());
    }
  }

  /** Exchanges full state with each seed; resolves with how many answered. */
  join(seeds: string[]): Promise<number> {
    const targets = seeds.filter((s: string): boolean => s !== this.localId);
    if (targets.length === 0 || !this._running) {
      return Promise.resolve(0);
    }
    const attempts: Promise<boolean>[] = [];
    for (const s of targets) {
      attempts.push(this.sync(s, true));
    }
    return Promise.all(attempts).then((results: boolean[]): number =>
      results.filter((ok: boolean): boolean => ok).length);
  }

  /**
   * Leaves gracefully: tells every live member (they gossip it on) and stops. Other nodes
   * report LEFT, and this device's instances disappear from their registries at once.
   */
  leave(): void {
    if (!this._running) {
      return;
    }
    this._leaving = true;
    const left = new MemberUpdate(this.localId, this.deviceType, this._incarnation, MemberState.LEFT, undefined);
    const body: Record<string, JsonValue> = { 'u': encodeUpdates([left]) };
    for (const id of this.liveIds()) {
      this._transport.send(EnvelopeKind.GOSSIP, id, SwimTopics.GOSSIP, body);
    }
    this.stop();
  }

  /** Stops every timer and handler without telling anyone (what a crash looks like to others). */
  stop(): void {
    if (!this._running) {
      this._finished = true;
      return;
    }
    this._running = false;
    this._finished = true;
    const clock = this._clock;
    clock.clearTimer(this._probeTimer);
    if (this._gossipTimer !== -1) {
      clock.clearTimer(this._gossipTimer);
      this._gossipTimer = -1;
    }
    clock.clearTimer(this._syncTimer);
    clock.clearTimer(this._reconnectTimer);
    if (this._joinTimer !== -1) {
      clock.clearTimer(this._joinTimer);
    }
    this._suspicions.forEach((timer: TimerId): void => clock.clearTimer(timer));
    this._suspicions.clear();
    for (const s of this._subscriptions) {
      s.dispose();
    }
    this._subscriptions = [];
    this._queue.clear();
  }

  /**
   * Publishes this node's metadata (the registry's instance records). Once started, this raises
   * the incarnation so the new metadata wins everywhere, and gossips it.
   */
  setMeta(meta: JsonObject | undefined): void {
    this._meta = meta;
    if (this._running && !this._leaving) {
      this.raiseIncarnation(this._incarnation + 1);
    }
  }

  get meta(): JsonObject | undefined {
    return this._meta;
  }

  /**
   * Reports `id` unreachable from outside SWIM, e.g. the platform's device manager saw the device
   * go offline. A live member becomes SUSPECT at its current incarnation, exactly as after a failed
   * probe round, and the suspicion is gossiped: a member that is in fact alive refutes it, otherwise
   * it is declared DEAD after the suspicion timeout. (For the opposite hint, a device coming online,
   * call `join([id])`.) Returns true when the member became suspect; false for this node, unknown,
   * already suspect, dead or left members, and when not running.
   */
  suspect(id: string): boolean {
    if (!this._running || id === this.localId) {
      return false;
    }
    const r = this._table.get(id);
    if (r === undefined || r.state !== MemberState.ALIVE) {
      return false;
    }
    this.stats.suspicionsRaised++;
    this.applyLocal(new MemberUpdate(id, r.deviceType, r.incarnation, MemberState.SUSPECT, undefined));
    return true;
  }

  /** Every member known, this node first, dead and left ones included until they expire. */
  members(): Member[] {
    const out: Member[] = [this.self()];
    for (const r of this._table.records()) {
      out.push(r.snapshot());
    }
    return out;
  }

  /** Live (ALIVE or SUSPECT) members, this node first. */
  liveMembers(): Member[] {
    const out: Member[] = [this.self()];
    for (const r of this._table.records()) {
      if (isLiveState(r.state)) {
        out.push(r.snapshot());
      }
    }
    return out;
  }

  /** One member (this node included), or undefined when unknown. */
  member(id: string): Member | undefined {
    if (id === this.localId) {
      return this.self();
    }
    const r = this._table.get(id);
    return r === undefined ? undefined : r.snapshot();
  }

  /** The state of a member, undefined when unknown. */
  stateOf(id: string): MemberState | undefined {
    if (id === this.localId) {
      return this._leaving ? MemberState.LEFT : MemberState.ALIVE;
    }
    const r = this._table.get(id);
    return r === undefined ? undefined : r.state;
  }

  private self(): Member {
    return new Member(this.localId, this.deviceType, this._incarnation,
      this._leaving ? MemberState.LEFT : MemberState.ALIVE, this._meta, 0);
  }

  private selfUpdate(): MemberUpdate {
    return new MemberUpdate(this.localId, this.deviceType, this._incarnation, MemberState.ALIVE, this._meta);
  }

  private raiseIncarnation(to: number): void {
    this._incarnation = to;
    this.broadcast(this.selfUpdate());
    this._incarnations.emit(to);
  }

  /** Queues an update for dissemination; the gossip timer runs only while something is queued. */
  private broadcast(update: MemberUpdate): void {
    this._queue.enqueue(update);
    if (this._running && this._gossipTimer === -1) {
      this._gossipTimer = this._clock.setTimer(this._random.next() * this.options.gossipIntervalMs, this._gossipTick);
    }
  }

  private retransmitLimit(): number {
    return this.options.retransmitMultiplier * Math.max(1, Math.ceil(Math.log10(this.liveCount + 1)));
  }

  private suspicionTimeout(): number {
    const o = this.options;
    return o.suspicionMultiplier * Math.max(1, Math.log10(this.liveCount)) * o.probeIntervalMs;
  }

  private liveIds(): string[] {
    if (this._liveVersion !== this._table.version) {
      const ids: string[] = [];
      for (const r of this._table.records()) {
        if (isLiveState(r.state)) {
          ids.push(r.id);
        }
      }
      this._liveIds = ids;
      this._liveVersion = this._table.version;
    }
    return this._liveIds;
  }

  /** Up to `k` distinct random live members other than `exclude`. */
  private randomLive(k: number, exclude: string | undefined): string[] {
    const pool = this.liveIds().filter((id: string): boolean => id !== exclude);
    const n = Math.min(k, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + this._random.nextInt(pool.length - i);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    pool.length = n;
    return pool;
  }

  /** Updates for a message to `recipient`: what this node suspects or believes about it first. */
  private piggybackFor(recipient: string): MemberUpdate[] {
    const out: MemberUpdate[] = [];
    const rec = this._table.get(recipient);
    if (rec !== undefined && (rec.state === MemberState.SUSPECT || rec.state === MemberState.DEAD)) {
      out.push(rec.toUpdate());
    }
    const taken = this._queue.take(this.options.maxPiggyback - out.length, recipient, this.retransmitLimit());
    for (const u of taken) {
      out.push(u);
    }
    return out;
  }

  private mergeUpdates(value: JsonValue | undefined, sender: string, sync: boolean): void {
    if (!sync && this._running && this._table.get(sender) === undefined && !this._syncing.has(sender)) {
      // A member we have never heard of talks to us: exchange state with it (it is new, or our
      // view missed it), instead of waiting for gossip or the next anti-entropy round.
      this.sync(sender, false);
    }
    const decoded = DecodedUpdates.from(value);
    this.stats.invalid += decoded.invalid;
    const now = this._clock.now();
    for (const u of decoded.updates) {
      if (u.id === this.localId) {
        this.onClaimAboutSelf(u);
        continue;
      }
      // A dead verdict from a full-state exchange is only a suspicion here (memberlist does the
      // same): the member gets its chance to refute before this node declares it dead itself.
      const update = sync && u.state === MemberState.DEAD
        ? new MemberUpdate(u.id, u.deviceType, u.incarnation, MemberState.SUSPECT, undefined) : u;
      const change = this._table.apply(update, now);
      if (change !== undefined) {
        this.afterChange(change, !sync || u.id === sender);
      }
    }
  }

  private applyLocal(update: MemberUpdate): void {
    const change = this._table.apply(update, this._clock.now());
    if (change !== undefined) {
      this.afterChange(change, true);
    }
  }

  private afterChange(change: MemberChange, rebroadcast: boolean): void {
    const rec = change.record;
    if (rec.state === MemberState.SUSPECT) {
      if (change.stateChanged) {
        this.startSuspicion(rec);
      }
    } else {
      const timer = this._suspicions.get(rec.id);
      if (timer !== undefined) {
        this._clock.clearTimer(timer);
        this._suspicions.delete(rec.id);
      }
    }
    if (rebroadcast) {
      this.broadcast(rec.toUpdate());
    }
    if (change.events.length > 0) {
      const member = rec.snapshot();
      const at = this._clock.now();
      if (this._logger.isEnabled(LogLevel.DEBUG)) {
        this._logger.debug('membership change', {
          'member': rec.id, 'state': rec.state, 'incarnation': rec.incarnation, 'events': change.events.join(',')
        });
      }
      for (const type of change.events) {
        const event: MembershipEvent = { type: type, member: member, previous: change.previous, at: at };
        this._events.emit(event);
      }
    }
  }

  private onClaimAboutSelf(u: MemberUpdate): void {
    if (this._leaving) {
      return;
    }
    const inc = this._incarnation;
    let refute = false;
    if (u.state !== MemberState.ALIVE) {
      refute = u.incarnation >= inc;
    } else if (u.incarnation > inc) {
      refute = true;
    } else if (u.incarnation === inc && u.meta !== this._meta &&
      JSON.stringify(u.meta ?? null) !== JSON.stringify(this._meta ?? null)) {
      // Our own incarnation with other metadata: a previous life of this device. Outbid it.
      refute = true;
    }
    if (refute) {
      this.stats.refutations++;
      this.raiseIncarnation(u.incarnation + 1);
    }
  }

  private startSuspicion(rec: MemberRecord): void {
    const old = this._suspicions.get(rec.id);
    if (old !== undefined) {
      this._clock.clearTimer(old);
    }
    const id = rec.id;
    const inc = rec.incarnation;
    this._suspicions.set(id, this._clock.setTimer(this.suspicionTimeout(), (): void => {
      this._suspicions.delete(id);
      const r = this._table.get(id);
      if (this._running && r !== undefined && r.state === MemberState.SUSPECT && r.incarnation === inc) {
        this.stats.deathsDeclared++;
        this.applyLocal(new MemberUpdate(id, r.deviceType, inc, MemberState.DEAD, undefined));
      }
    }));
  }

  // ---- probing ----

  private onProbeTick(): void {
    if (!this._running) {
      return;
    }
    this._probeTimer = this._clock.setTimer(this.options.probeIntervalMs, this._probeTick);
    const target = this.nextProbeTarget();
    if (target !== undefined) {
      this.probe(target);
    }
    const verifications = this.options.suspectVerifications;
    if (verifications > 0 && this._suspicions.size > 0) {
      let n = 0;
      for (const id of Array.from(this._suspicions.keys())) {
        const r = this._table.get(id);
        if (n >= verifications) {
          break;
        }
        if (r !== undefined && (target === undefined || id !== target.id)) {
          n++;
          this.stats.verifications++;
          this.ping(id, r.incarnation, this._clock.now() + this.options.probeTimeoutMs);
        }
      }
    }
  }

  private nextProbeTarget(): MemberRecord | undefined {
    for (let attempts = 0; attempts < 2; attempts++) {
      while (this._probeIndex < this._probeOrder.length) {
        const r = this._table.get(this._probeOrder[this._probeIndex++]);
        if (r !== undefined && isLiveState(r.state)) {
          return r;
        }
      }
      this._probeOrder = this.randomLive(this._table.liveCount, undefined);
      this._probeIndex = 0;
    }
    return undefined;
  }

  private probe(target: MemberRecord): void {
    this.stats.probes++;
    const id = target.id;
    const known = target.incarnation;
    const now = this._clock.now();
    const periodEnd = now + this.options.probeIntervalMs;
    this.ping(id, known, now + this.options.probeTimeoutMs).then((ok: boolean): void => {
      if (!ok && this._running) {
        this.stats.directFailures++;
        this.indirectProbe(id, known, periodEnd);
      }
    });
  }

  private indirectProbe(id: string, known: number, deadline: number): void {
    const peers = this.randomLive(this.options.indirectProbes, id);
    let outstanding = peers.length + 1;
    let done = false;
    const settle = (ok: boolean): void => {
      if (done) {
        return;
      }
      outstanding--;
      if (ok || outstanding === 0) {
        done = true;
        if (!ok) {
          this.probeFailed(id, known);
        }
      }
    };
    // One more direct ping alongside the indirect ones: a lost ack is the commonest failure.
    this.ping(id, known, deadline).then(settle);
    for (const peer of peers) {
      this.stats.indirectProbes++;
      const body: Record<string, JsonValue> = { 't': id, 'k': known, 'u': encodeUpdates(this.piggybackFor(peer)) };
      this._transport.request(peer, SwimTopics.PING_REQ, body, NO_HEADERS, deadline).then((res: Envelope): void => {
        const o = asObject(res.body);
        if (o !== undefined) {
          this.mergeUpdates(o['u'], peer, false);
        }
        settle(o !== undefined && o['ok'] === true);
      }, (e: Error): void => settle(false));
    }
  }

  private probeFailed(id: string, known: number): void {
    if (!this._running) {
      return;
    }
    this.stats.probeFailures++;
    const r = this._table.get(id);
    if (r !== undefined && r.state === MemberState.ALIVE && r.incarnation === known) {
      this.stats.suspicionsRaised++;
      this.applyLocal(new MemberUpdate(id, r.deviceType, known, MemberState.SUSPECT, undefined));
    }
  }

  /** Pings `target`; resolves true when it acked in time (its piggyback merged). */
  private ping(target: string, known: number, deadline: number): Promise<boolean> {
    const body: Record<string, JsonValue> = { 'k': known, 'u': encodeUpdates(this.piggybackFor(target)) };
    return this._transport.request(target, SwimTopics.PING, body, NO_HEADERS, deadline).then((res: Envelope): boolean => {
      const o = asObject(res.body);
      if (o !== undefined) {
        this.mergeUpdates(o['u'], target, false);
      }
      return true;
    }, (e: Error): boolean => false);
  }

  private onPing(req: Envelope): Promise<Envelope> {
    const o = asObject(req.body);
    if (o === undefined) {
      this.stats.invalid++;
      return Promise.reject(new InvalidArgumentError('body', 'ping must be an object') as Error);
    }
    this.mergeUpdates(o['u'], req.from, false);
    const k = o['k'];
    const updates: MemberUpdate[] = [];
    if (typeof k !== 'number' || this._incarnation > k) {
      updates.push(this.selfUpdate());
    }
    for (const u of this.piggybackFor(req.from)) {
      if (updates.length >= this.options.maxPiggyback) {
        break;
      }
      updates.push(u);
    }
    const body: Record<string, JsonValue> = { 'u': encodeUpdates(updates) };
    return Promise.resolve(Envelope.replyTo(req, NO_HEADERS, body));
  }

  private onPingReq(req: Envelope): Promise<Envelope> {
    const o = asObject(req.body);
    const target = o === undefined ? undefined : o['t'];
    if (o === undefined || typeof target !== 'string') {
      this.stats.invalid++;
      return Promise.reject(new InvalidArgumentError('body', 'ping-req needs a target') as Error);
    }
    this.mergeUpdates(o['u'], req.from, false);
    const k = o['k'];
    const now = this._clock.now();
    // Leave part of the caller's window for our answer to travel back.
    const deadline = req.deadline !== undefined ? now + (req.deadline - now) * 0.8 : now + this.options.probeTimeoutMs;
    return this.ping(target, typeof k === 'number' ? k : 0, deadline).then((ok: boolean): Envelope => {
      const body: Record<string, JsonValue> = { 'ok': ok, 'u': encodeUpdates(this.piggybackFor(req.from)) };
      return Envelope.replyTo(req, NO_HEADERS, body);
    });
  }

  // ---- gossip ----

  private onGossipTick(): void {
    this._gossipTimer = -1;
    if (!this._running || this._queue.size === 0) {
      return;
    }
    this._gossipTimer = this._clock.setTimer(this.options.gossipIntervalMs, this._gossipTick);
    const targets = this.randomLive(this.options.gossipFanout, undefined);
    const dead = this.recentlyDead();
    if (dead !== undefined) {
      targets.push(dead);
    }
    for (const t of targets) {
      const updates = this.piggybackFor(t);
      if (updates.length === 0) {
        break;
      }
      this.stats.gossipSent++;
      const body: Record<string, JsonValue> = { 'u': encodeUpdates(updates) };
      this._transport.send(EnvelopeKind.GOSSIP, t, SwimTopics.GOSSIP, body);
    }
  }

  /** A random member declared dead within `gossipToTheDeadMs`, if any. */
  private recentlyDead(): string | undefined {
    const window = this.options.gossipToTheDeadMs;
    if (window <= 0 || this._table.size === this._table.liveCount) {
      return undefined;
    }
    const now = this._clock.now();
    const ids: string[] = [];
    for (const r of this._table.records()) {
      if (r.state === MemberState.DEAD && now - r.since < window) {
        ids.push(r.id);
      }
    }
    return ids.length === 0 ? undefined : ids[this._random.nextInt(ids.length)];
  }

  private onGossip(env: Envelope): void {
    const o = asObject(env.body);
    if (o === undefined) {
      this.stats.invalid++;
      return;
    }
    this.mergeUpdates(o['u'], env.from, false);
  }

  // ---- full-state exchange: join, anti-entropy, reconnect ----

  private fullState(): JsonValue {
    const updates: MemberUpdate[] = [this.selfUpdate()];
    for (const r of this._table.records()) {
      updates.push(r.toUpdate());
    }
    return encodeUpdates(updates);
  }

  private sync(target: string, join: boolean): Promise<boolean> {
    this.stats.syncs++;
    this._syncing.add(target);
    const body: Record<string, JsonValue> = { 'm': this.fullState(), 'j': join };
    const deadline = this._clock.now() + this.options.syncTimeoutMs;
    return this._transport.request(target, SwimTopics.SYNC, body, NO_HEADERS, deadline).then((res: Envelope): boolean => {
      this._syncing.delete(target);
      const o = asObject(res.body);
      if (o === undefined || !this._running) {
        return false;
      }
      this.mergeUpdates(o['m'], target, true);
      return true;
    }, (e: Error): boolean => {
      this._syncing.delete(target);
      return false;
    });
  }

  private onSync(req: Envelope): Promise<Envelope> {
    const o = asObject(req.body);
    if (o === undefined) {
      this.stats.invalid++;
      return Promise.reject(new InvalidArgumentError('body', 'sync must be an object') as Error);
    }
    this.mergeUpdates(o['m'], req.from, true);
    const body: Record<string, JsonValue> = { 'm': this.fullState() };
    return Promise.resolve(Envelope.replyTo(req, NO_HEADERS, body));
  }

  private joinLoop(seeds: string[]): void {
    this.join(seeds).then((answered: number): void => {
      if (this._running && answered === 0 && this._table.liveCount === 0) {
        this._joinTimer = this._clock.setTimer(this.options.joinRetryIntervalMs, (): void => {
          this._joinTimer = -1;
          this.joinLoop(seeds);
        });
      }
    });
  }

  private onSyncTick(): void {
    if (!this._running) {
      return;
    }
    this._syncTimer = this._clock.setTimer(this.options.pushPullIntervalMs, this._syncTick);
    const peer = this.randomLive(1, undefined);
    if (peer.length > 0) {
      this.sync(peer[0], false);
    }
  }

  private onReconnectTick(): void {
    if (!this._running) {
      return;
    }
    this._reconnectTimer = this._clock.setTimer(this.options.reconnectIntervalMs, this._reconnectTick);
    const now = this._clock.now();
    const dead: string[] = [];
    for (const r of this._table.records()) {
      if (!isLiveState(r.state)) {
        if (now - r.since > this.options.deadRetentionMs) {
          this._table.remove(r.id);
        } else if (r.state === MemberState.DEAD) {
          dead.push(r.id);
        }
      }
    }
    if (dead.length > 0) {
      this.sync(dead[this._random.nextInt(dead.length)], false);
    }
  }
}
