import { CancellationToken } from '../core/cancellation/CancellationToken';
import { ErrorCode } from '../core/errors/ErrorCode';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { TimeoutError } from '../core/errors/TimeoutError';
import { Disposable } from '../core/events/Disposable';
import { EventEmitter, Listener } from '../core/events/EventEmitter';
import { Clock } from '../platform/Clock';
import { Envelope, EnvelopeKind, ERROR_CODE_HEADER, ERROR_MESSAGE_HEADER } from './Envelope';
import { EnvelopeCodec } from './EnvelopeCodec';
import { EnvelopeInvalidError } from './errors/EnvelopeInvalidError';
import { RemoteError } from './errors/RemoteError';
import { TransportClosedError } from './errors/TransportClosedError';
import { DeadlineQueue } from './internal/DeadlineQueue';
import { PendingOwner, PendingRequest } from './internal/PendingRequest';
import { SeqWindow } from './internal/SeqWindow';
import { MeshBody } from './MeshBody';
import {
  EnvelopeRejectedEvent, MessageHandler, RequestHandler, Transport, TransportCloseReason, TransportClosedEvent
} from './Transport';
import { TransportStats } from './TransportStats';

const NO_HEADERS: Record<string, string> = {};

/**
 * The shared half of every Transport: id generation, request/response correlation with deadlines
 * (one Clock timer for all pending requests), duplicate suppression, topic dispatch, wire-input
 * validation and stats. Subclasses only say how an envelope leaves (`transmit`) and call
 * `receive`/`receiveBytes`/`receiveText` with what arrives.
 */
export abstract class BaseTransport implements Transport, PendingOwner {
  readonly localId: string;
  readonly stats: TransportStats = new TransportStats();
  protected readonly clock: Clock;
  protected readonly codec: EnvelopeCodec;
  private readonly _origin: string;
  private _seq: number = 0;
  private _closed: boolean = false;
  private readonly _pending: Map<number, PendingRequest> = new Map<number, PendingRequest>();
  private readonly _deadlines: DeadlineQueue;
  private readonly _windows: Map<string, SeqWindow> = new Map<string, SeqWindow>();
  private readonly _messageHandlers: Map<string, MessageHandler> = new Map<string, MessageHandler>();
  private readonly _requestHandlers: Map<string, RequestHandler> = new Map<string, RequestHandler>();
  private readonly _closedEvents: EventEmitter<TransportClosedEvent> = new EventEmitter<TransportClosedEvent>();
  private readonly _rejectedEvents: EventEmitter<EnvelopeRejectedEvent> = new EventEmitter<EnvelopeRejectedEvent>();

  /**
   * `origin` makes envelope ids unique across restarts of the same device: a random word per
   * life (e.g. from IdGenerator), never reused.
   */
  constructor(localId: string, clock: Clock, origin: string, codec?: EnvelopeCodec) {
    if (typeof localId !== 'string' || localId.length === 0) {
      throw new InvalidArgumentError('localId', 'must be a non-empty string');
    }
    this.localId = localId;
    this.clock = clock;
    if (typeof origin !== 'string' || origin.length === 0) {
      throw new InvalidArgumentError('origin', 'must be a non-empty string');
    }
    this._origin = origin;
    this.codec = codec ?? new EnvelopeCodec();
    this._deadlines = new DeadlineQueue(clock);
  }

  get closed(): boolean {
    return this._closed;
  }

  /** Requests waiting for a response. */
  get pendingRequests(): number {
    return this._pending.size;
  }

  /**
   * Hands an envelope to the wire. Throws a MeshError when it cannot leave (e.g.
   * ERR_PAYLOAD_TOO_LARGE); a lost envelope is not an error (delivery is never guaranteed).
   */
  protected abstract transmit(envelope: Envelope): void;

  send(kind: EnvelopeKind, to: string, topic: string, body: MeshBody, headers?: Record<string, string>): boolean {
    if (kind !== EnvelopeKind.ONEWAY && kind !== EnvelopeKind.GOSSIP) {
      throw new InvalidArgumentError('kind', 'send() carries oneway or gossip envelopes; use request()');
    }
    if (this._closed) {
      return false;
    }
    const env = new Envelope(kind, this._origin, ++this._seq, this.localId, to, topic, headers ?? NO_HEADERS, body, undefined);
    return this.out(env) === undefined;
  }

  request(to: string, topic: string, body: MeshBody, headers: Record<string, string> | undefined,
    deadline: number, token?: CancellationToken): Promise<Envelope> {
    if (this._closed) {
      return Promise.reject(new TransportClosedError(`transport of ${this.localId} is closed`));
    }
    if (token !== undefined && token.isCancelled) {
      return Promise.reject(token.reason as Error);
    }
    const now = this.clock.now();
    const seq = ++this._seq;
    const pending = new PendingRequest(this, seq, to, topic, now, deadline);
    const promise = new Promise<Envelope>((resolve: (e: Envelope) => void, reject: (e: Error) => void): void => {
      pending.resolve = resolve;
      pending.reject = reject;
    });
    this._pending.set(seq, pending);
    this._deadlines.add(pending);
    if (token !== undefined && token !== CancellationToken.NONE) {
      pending.cancelSubscription = token.onCancelled((reason: Error): void => {
        if (this.settle(pending)) {
          pending.reject(reason);
        }
      });
    }
    this.stats.requests++;
    const env = new Envelope(EnvelopeKind.REQUEST, this._origin, seq, this.localId, to, topic, headers ?? NO_HEADERS, body, deadline);
    const failure = this.out(env);
    if (failure !== undefined && this.settle(pending)) {
      pending.reject(failure as Error);
    }
    return promise;
  }

  onMessage(topic: string, handler: MessageHandler): Disposable {
    this._messageHandlers.set(topic, handler);
    return new Disposable((): void => {
      if (this._messageHandlers.get(topic) === handler) {
        this._messageHandlers.delete(topic);
      }
    });
  }

  onRequest(topic: string, handler: RequestHandler): Disposable {
    this._requestHandlers.set(topic, handler);
    return new Disposable((): void => {
      if (this._requestHandlers.get(topic) === handler) {
        this._requestHandlers.delete(topic);
      }
    });
  }

  onClosed(listener: Listener<TransportClosedEvent>): Disposable {
    return this._closedEvents.on(listener);
  }

  onRejected(listener: Listener<EnvelopeRejectedEvent>): Disposable {
    return this._rejectedEvents.on(listener);
  }

  close(): void {
    this.closeWith(TransportCloseReason.CLOSED);
  }

  /** Closes for `reason`: rejects every pending request, drops handlers, emits `closed` once. */
  protected closeWith(reason: TransportCloseReason): void {
    if (this._closed) {
      return;
    }
    this._closed = true;
    const error = new TransportClosedError(reason === TransportCloseReason.CRASHED
      ? `device ${this.localId} crashed` : `transport of ${this.localId} closed`);
    const drained = this._deadlines.drain();
    this._pending.clear();
    for (const d of drained) {
      const p = d as PendingRequest;
      if (p.cancelSubscription !== undefined) {
        p.cancelSubscription.dispose();
      }
      p.reject(error as Error);
    }
    this._messageHandlers.clear();
    this._requestHandlers.clear();
    this._windows.clear();
    const event: TransportClosedEvent = { deviceId: this.localId, reason: reason };
    this._closedEvents.emit(event);
  }

  /** Accepts wire bytes (UTF-8 JSON): malformed input is counted and reported, never thrown. */
  receiveBytes(bytes: Uint8Array): void {
    const r = this.codec.tryDecodeBytes(bytes);
    if (r.envelope !== undefined) {
      this.receive(r.envelope);
    } else {
      this.reject(r.error as Error);
    }
  }

  /** Accepts wire text (JSON): malformed input is counted and reported, never thrown. */
  receiveText(text: string): void {
    const r = this.codec.tryDecodeText(text);
    if (r.envelope !== undefined) {
      this.receive(r.envelope);
    } else {
      this.reject(r.error as Error);
    }
  }

  /** Accepts a decoded envelope from the wire and dispatches it. */
  receive(env: Envelope): void {
    if (this._closed) {
      return;
    }
    if (env.to !== this.localId) {
      this.stats.misaddressed++;
      this.reject(new EnvelopeInvalidError(`addressed to ${env.to}, not ${this.localId}`, 't') as Error);
      return;
    }
    this.stats.received++;
    switch (env.kind) {
      case EnvelopeKind.RESPONSE:
        this.onResponse(env);
        break;
      case EnvelopeKind.REQUEST:
        this.onRequestEnvelope(env);
        break;
      default: {
        const handler = this._messageHandlers.get(env.topic);
        if (handler === undefined) {
          this.stats.unhandled++;
          return;
        }
        try {
          handler(env);
        } catch (e) {
          // A failing message handler is the handler's bug; the transport keeps running.
          this.stats.handlerErrors++;
        }
      }
    }
  }

  /** @internal Called by the deadline queue. */
  expirePending(pending: PendingRequest): void {
    if (this._pending.get(pending.seq) === pending) {
      this._pending.delete(pending.seq);
      if (pending.cancelSubscription !== undefined) {
        pending.cancelSubscription.dispose();
      }
      this.stats.timeouts++;
      const waited = this.clock.now() - pending.startedAt;
      pending.reject(new TimeoutError(`request ${pending.topic} to ${pending.to} timed out after ${waited} ms`, waited) as Error);
    }
  }

  /** Transmits; returns the error when the envelope could not leave. */
  private out(env: Envelope): MeshError | undefined {
    try {
      this.transmit(env);
    } catch (e) {
      return MeshError.from(e as Error);
    }
    this.stats.sent++;
    return undefined;
  }

  private reject(error: Error): void {
    this.stats.malformed++;
    if (this._rejectedEvents.size > 0) {
      const event: EnvelopeRejectedEvent = { deviceId: this.localId, error: error };
      this._rejectedEvents.emit(event);
    }
  }

  /** Removes a pending request; true when this call settled it. */
  private settle(pending: PendingRequest): boolean {
    if (this._pending.get(pending.seq) !== pending) {
      return false;
    }
    this._pending.delete(pending.seq);
    this._deadlines.remove(pending);
    if (pending.cancelSubscription !== undefined) {
      pending.cancelSubscription.dispose();
      pending.cancelSubscription = undefined;
    }
    return true;
  }

  private onResponse(env: Envelope): void {
    const pending = env.origin === this._origin ? this._pending.get(env.seq) : undefined;
    if (pending === undefined || pending.to !== env.from || !this.settle(pending)) {
      this.stats.unmatched++;
      return;
    }
    this.stats.responses++;
    const code = env.headers[ERROR_CODE_HEADER];
    if (code !== undefined) {
      pending.reject(new RemoteError(code, env.headers[ERROR_MESSAGE_HEADER] ?? code, env.from) as Error);
    } else {
      pending.resolve(env);
    }
  }

  private onRequestEnvelope(req: Envelope): void {
    let window = this._windows.get(req.from);
    if (window === undefined) {
      window = new SeqWindow(req.origin);
      this._windows.set(req.from, window);
    } else if (window.origin !== req.origin) {
      window.reset(req.origin);
    }
    if (!window.accept(req.seq)) {
      this.stats.duplicates++;
      return;
    }
    if (req.deadline !== undefined && req.deadline <= this.clock.now()) {
      this.stats.expired++;
      return;
    }
    const handler = this._requestHandlers.get(req.topic);
    if (handler === undefined) {
      this.stats.unhandled++;
      this.out(Envelope.errorReply(req, ErrorCode.SERVICE_NOT_FOUND, `no handler for ${req.topic} on ${this.localId}`));
      return;
    }
    let result: Promise<Envelope>;
    try {
      result = handler(req);
    } catch (e) {
      this.replyError(req, e as Error);
      return;
    }
    result.then((response: Envelope): void => {
      if (!this._closed) {
        const failure = this.out(response);
        if (failure !== undefined) {
          // The answer cannot travel (e.g. too large): tell the caller why instead of letting it time out.
          this.out(Envelope.errorReply(req, failure.code, failure.message));
        }
      }
    }, (e: Error): void => {
      this.replyError(req, e);
    });
  }

  private replyError(req: Envelope, e: Error): void {
    this.stats.handlerErrors++;
    if (!this._closed) {
      const err = MeshError.from(e);
      this.out(Envelope.errorReply(req, err.code, err.message));
    }
  }
}
