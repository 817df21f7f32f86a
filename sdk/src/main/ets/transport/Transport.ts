import { CancellationToken } from '../core/cancellation/CancellationToken';
import { Disposable } from '../core/events/Disposable';
import { Listener } from '../core/events/EventEmitter';
import { Envelope, EnvelopeKind } from './Envelope';
import { MeshBody } from './MeshBody';
import { TransportStats } from './TransportStats';

/** Handles oneway and gossip envelopes of one topic. */
export type MessageHandler = (envelope: Envelope) => void;

/**
 * Answers request envelopes of one topic: resolve with `Envelope.replyTo(request, headers, body)`.
 * A rejection travels back as an error response carrying the error's code (see RemoteError).
 */
export type RequestHandler = (request: Envelope) => Promise<Envelope>;

/** Why a transport closed. */
export enum TransportCloseReason {
  /** `close()` was called. */
  CLOSED = 'closed',
  /** The device crashed (simulated): volatile state is gone. */
  CRASHED = 'crashed'
}

/** Emitted once when a transport closes. */
export interface TransportClosedEvent {
  deviceId: string;
  reason: TransportCloseReason;
}

/** Emitted for every wire input a transport rejected (malformed, too large, misaddressed). */
export interface EnvelopeRejectedEvent {
  deviceId: string;
  error: Error;
}

/**
 * The transport port: moves envelopes between devices. `send` is fire-and-forget (oneway, gossip);
 * `request` correlates a response by id and rejects at the deadline. Handlers are registered per
 * topic. Implementations: SimNetwork's endpoints (simulated, deterministic) and WireTransport
 * (over any byte pipe). Closing rejects pending requests with ERR_TRANSPORT_CLOSED.
 */
export interface Transport {
  /** This device's id: the `from` of everything sent. */
  readonly localId: string;
  readonly closed: boolean;
  readonly stats: TransportStats;
  /**
   * Sends a oneway or gossip envelope. Returns false when it could not even leave (closed
   * transport, payload too large); delivery is never guaranteed.
   */
  send(kind: EnvelopeKind, to: string, topic: string, body: MeshBody, headers?: Record<string, string>): boolean;
  /**
   * Sends a request and resolves with the response envelope. Rejects with TimeoutError
   * (ERR_TIMEOUT) at `deadline` (absolute Clock ms), CancelledError when `token` is cancelled,
   * RemoteError when the receiver answered with an error, TransportClosedError when closed.
   */
  request(to: string, topic: string, body: MeshBody, headers: Record<string, string> | undefined,
    deadline: number, token?: CancellationToken): Promise<Envelope>;
  /** Registers the handler of oneway/gossip envelopes of `topic` (one per topic; the last wins). */
  onMessage(topic: string, handler: MessageHandler): Disposable;
  /** Registers the handler of requests of `topic` (one per topic; the last wins). */
  onRequest(topic: string, handler: RequestHandler): Disposable;
  onClosed(listener: Listener<TransportClosedEvent>): Disposable;
  onRejected(listener: Listener<EnvelopeRejectedEvent>): Disposable;
  /** Closes the transport: pending requests reject, nothing more is sent or received. */
  close(): void;
}
