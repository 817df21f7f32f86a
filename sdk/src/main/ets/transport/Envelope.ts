import { MeshBody } from './MeshBody';

/** What an envelope is for. Requests expect one response; oneway and gossip messages expect none. */
export enum EnvelopeKind {
  REQUEST = 'request',
  RESPONSE = 'response',
  ONEWAY = 'oneway',
  GOSSIP = 'gossip'
}

/** The wire format version this SDK writes and accepts. */
export const ENVELOPE_VERSION = 1;

/** Envelope header carrying the error code of a failed request (set on responses only). */
export const ERROR_CODE_HEADER = ':error';
/** Envelope header carrying the error message of a failed request. */
export const ERROR_MESSAGE_HEADER = ':message';

/**
 * The unit a Transport moves between two devices. `headers` is a plain string record so trace
 * context (`traceparent`) and tokens travel unchanged; names starting with ':' are reserved for
 * the mesh's own pseudo-headers (`:error`, `:service`, ...). Bodies are immutable once sent: a
 * simulated network hands the same object to the receiver when it does not serialise.
 *
 * Identity: `origin` is a word unique to one life of the sending transport and `seq` its
 * sequence number there, so `id` (`origin.seq`) is unique in the mesh without any coordination,
 * and receivers can drop duplicates with a per-sender window instead of remembering ids. A
 * response carries the origin and seq (hence the id) of the request it answers.
 */
export class Envelope {
  /** Wire format version ({@link ENVELOPE_VERSION}). */
  version: number;
  kind: EnvelopeKind;
  /** Sender-chosen word, unique per life of the sending transport (no '.' allowed). */
  origin: string;
  /** Sequence number (>= 1) of the envelope at its origin. */
  seq: number;
  /** Sending device id. */
  from: string;
  /** Receiving device id. */
  to: string;
  /** Routes the envelope to a handler on the receiver, e.g. `swim.ping` or `mesh.call`. */
  topic: string;
  headers: Record<string, string>;
  body: MeshBody;
  /** Absolute deadline in epoch ms (Clock time): receivers drop requests that arrive after it. */
  deadline: number | undefined;
  private _id: string | undefined = undefined;

  constructor(kind: EnvelopeKind, origin: string, seq: number, from: string, to: string, topic: string,
    headers: Record<string, string>, body: MeshBody, deadline: number | undefined) {
    this.version = ENVELOPE_VERSION;
    this.kind = kind;
    this.origin = origin;
    this.seq = seq;
    this.from = from;
    this.to = to;
    this.topic = topic;
    this.headers = headers;
    this.body = body;
    this.deadline = deadline;
  }

  /** `origin.seq`: unique per sender life; a response has the id of its request. */
  get id(): string {
    let id = this._id;
    if (id === undefined) {
      id = `${this.origin}.${this.seq}`;
      this._id = id;
    }
    return id;
  }

  /** On a response, the id of the request it answers (its own id); undefined otherwise. */
  get correlationId(): string | undefined {
    return this.kind === EnvelopeKind.RESPONSE ? this.id : undefined;
  }

  /** The response to `request`: same origin, seq and topic, addressed back to its sender. */
  static replyTo(request: Envelope, headers: Record<string, string>, body: MeshBody): Envelope {
    return new Envelope(EnvelopeKind.RESPONSE, request.origin, request.seq, request.to, request.from, request.topic,
      headers, body, undefined);
  }

  /** A response reporting that the request failed with `code` (a stable `ERR_*` code). */
  static errorReply(request: Envelope, code: string, message: string): Envelope {
    const headers: Record<string, string> = {};
    headers[ERROR_CODE_HEADER] = code;
    headers[ERROR_MESSAGE_HEADER] = message;
    return Envelope.replyTo(request, headers, undefined);
  }

  /** The error code of a failed response, or undefined. */
  get errorCode(): string | undefined {
    return this.headers[ERROR_CODE_HEADER];
  }
}
