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
 */
export class Envelope {
  /** Wire format version ({@link ENVELOPE_VERSION}). */
  version: number;
  /** Unique per sender; a response reuses the id of its request. */
  id: string;
  kind: EnvelopeKind;
  /** Sending device id. */
  from: string;
  /** Receiving device id. */
  to: string;
  /** Routes the envelope to a handler on the receiver, e.g. `swim.ping` or `mesh.call`. */
  topic: string;
  /** On a response, the id of the request it answers. */
  correlationId: string | undefined;
  headers: Record<string, string>;
  body: MeshBody;
  /** Absolute deadline in epoch ms (Clock time): receivers drop requests that arrive after it. */
  deadline: number | undefined;

  constructor(kind: EnvelopeKind, id: string, from: string, to: string, topic: string,
    headers: Record<string, string>, body: MeshBody, deadline: number | undefined, correlationId: string | undefined) {
    this.version = ENVELOPE_VERSION;
    this.id = id;
    this.kind = kind;
    this.from = from;
    this.to = to;
    this.topic = topic;
    this.correlationId = correlationId;
    this.headers = headers;
    this.body = body;
    this.deadline = deadline;
  }

  /** The response to `request`: same id and topic, addressed back to its sender. */
  static replyTo(request: Envelope, headers: Record<string, string>, body: MeshBody): Envelope {
    return new Envelope(EnvelopeKind.RESPONSE, request.id, request.to, request.from, request.topic,
      headers, body, undefined, request.id);
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
