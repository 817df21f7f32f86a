import { Utf8 } from '../../core/encoding/Utf8';
import { JsonObject, JsonValue } from '../../core/json/JsonValue';
import { MAX_ENVELOPE_NAME_LENGTH } from '../../transport/EnvelopeCodec';

/** Version of the hello frame. */
export const HELLO_VERSION = 1;

const isName = (v: JsonValue | undefined): boolean =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_ENVELOPE_NAME_LENGTH;

/**
 * The first frame on every connection, sent by both sides: `{"v":1,"id","e","to"?}`. `id` is the
 * sender's mesh device id (every envelope on the connection must come from it), `e` the sender
 * transport's origin (a word that changes when the device restarts, so a peer can drop connections
 * of an earlier life), `to` the device the dialer expects (the acceptor closes the connection when
 * that is not itself: the address book was stale).
 */
export class HelloMessage {
  readonly deviceId: string;
  readonly epoch: string;
  readonly to: string | undefined;

  constructor(deviceId: string, epoch: string, to: string | undefined) {
    this.deviceId = deviceId;
    this.epoch = epoch;
    this.to = to;
  }

  encode(): Uint8Array {
    const rec: Record<string, JsonValue> = { 'v': HELLO_VERSION, 'id': this.deviceId, 'e': this.epoch };
    if (this.to !== undefined) {
      rec['to'] = this.to;
    }
    return Utf8.encode(JSON.stringify(rec));
  }

  /** Parses a hello payload; undefined for anything malformed or of another version. */
  static decode(payload: Uint8Array): HelloMessage | undefined {
    const text = Utf8.tryDecode(payload);
    if (text === undefined) {
      return undefined;
    }
    let value: JsonValue;
    try {
      value = JSON.parse(text) as JsonValue;
    } catch (e) {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return undefined;
    }
    const o = value as JsonObject;
    const to = o['to'];
    if (o['v'] !== HELLO_VERSION || !isName(o['id']) || !isName(o['e']) || (to !== undefined && !isName(to))) {
      return undefined;
    }
    return new HelloMessage(o['id'] as string, o['e'] as string, to === undefined ? undefined : to as string);
  }
}
