import { Base64 } from '../core/encoding/Base64Url';
import { Utf8 } from '../core/encoding/Utf8';
import { InvalidArgumentError } from '../core/errors/InvalidArgumentError';
import { MeshError } from '../core/errors/MeshError';
import { JsonObject, JsonValue } from '../core/json/JsonValue';
import { Envelope, ENVELOPE_VERSION, EnvelopeKind } from './Envelope';
import { EnvelopeInvalidError } from './errors/EnvelopeInvalidError';
import { PayloadTooLargeError } from './errors/PayloadTooLargeError';
import { MeshBody } from './MeshBody';

/** Default largest envelope the codec encodes or accepts: 4 MiB. */
export const DEFAULT_MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;
/** Longest id, device id or topic the codec accepts. */
export const MAX_ENVELOPE_NAME_LENGTH = 512;

/** Options of an EnvelopeCodec. */
export interface EnvelopeCodecOptions {
  /** Largest encoded envelope in bytes (UTF-8 JSON). Default {@link DEFAULT_MAX_ENVELOPE_BYTES}. */
  maxBytes?: number;
}

/** The outcome of decoding wire input: exactly one of `envelope` and `error` is set. */
export class DecodeResult {
  readonly envelope: Envelope | undefined;
  readonly error: MeshError | undefined;

  constructor(envelope: Envelope | undefined, error: MeshError | undefined) {
    this.envelope = envelope;
    this.error = error;
  }
}

const KINDS: Map<string, EnvelopeKind> = new Map<string, EnvelopeKind>([
  ['request', EnvelopeKind.REQUEST], ['response', EnvelopeKind.RESPONSE],
  ['oneway', EnvelopeKind.ONEWAY], ['gossip', EnvelopeKind.GOSSIP]
]);

const isObject = (v: JsonValue | undefined): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const nameField = (o: JsonObject, key: string, field: string, required: boolean): string | undefined => {
  const v = o[key];
  if (v === undefined && !required) {
    return undefined;
  }
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_ENVELOPE_NAME_LENGTH) {
    throw new EnvelopeInvalidError(`must be a string of 1..${MAX_ENVELOPE_NAME_LENGTH} characters`, field);
  }
  return v;
};

/**
 * Encodes envelopes to JSON text or UTF-8 bytes and decodes them back, validating every field.
 * Wire shape: `{"v":1,"id","k","f","t","tp","h"?,"d"?,"b"?|"bb"?}` where `id` is `origin.seq` (seq a
 * positive integer; a response carries its request's id); a `Uint8Array` body is
 * carried base64-encoded under `bb` (the marker), any other body as JSON under `b`. Decoding
 * never trusts its input: anything malformed becomes an EnvelopeInvalidError (ERR_ENVELOPE_INVALID)
 * and anything too large a PayloadTooLargeError; the `try*` methods return those as results.
 */
export class EnvelopeCodec {
  readonly maxBytes: number;

  constructor(options?: EnvelopeCodecOptions) {
    const max = options?.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
    if (!Number.isInteger(max) || max < 64) {
      throw new InvalidArgumentError('options.maxBytes', 'must be an integer >= 64');
    }
    this.maxBytes = max;
  }

  /** The envelope as JSON text. Throws PayloadTooLargeError above `maxBytes` characters. */
  encodeText(envelope: Envelope): string {
    const rec: Record<string, JsonValue> = {
      'v': envelope.version, 'id': envelope.id, 'k': envelope.kind, 'f': envelope.from, 't': envelope.to, 'tp': envelope.topic
    };
    const names = Object.keys(envelope.headers);
    if (names.length > 0) {
      const h: Record<string, JsonValue> = {};
      for (const n of names) {
        h[n] = envelope.headers[n];
      }
      rec['h'] = h;
    }
    if (envelope.deadline !== undefined) {
      rec['d'] = envelope.deadline;
    }
    const body = envelope.body;
    if (body instanceof Uint8Array) {
      rec['bb'] = Base64.encode(body);
    } else if (body !== undefined) {
      rec['b'] = body;
    }
    const text = JSON.stringify(rec);
    if (text.length > this.maxBytes) {
      throw new PayloadTooLargeError(text.length, this.maxBytes);
    }
    return text;
  }

  /** The envelope as UTF-8 JSON bytes. */
  encodeBytes(envelope: Envelope): Uint8Array {
    const bytes = Utf8.encode(this.encodeText(envelope));
    if (bytes.length > this.maxBytes) {
      throw new PayloadTooLargeError(bytes.length, this.maxBytes);
    }
    return bytes;
  }

  /** Decodes JSON text; throws EnvelopeInvalidError or PayloadTooLargeError. */
  decodeText(text: string): Envelope {
    const r = this.tryDecodeText(text);
    if (r.error !== undefined) {
      throw r.error;
    }
    return r.envelope as Envelope;
  }

  /** Decodes UTF-8 JSON bytes; throws EnvelopeInvalidError or PayloadTooLargeError. */
  decodeBytes(bytes: Uint8Array): Envelope {
    const r = this.tryDecodeBytes(bytes);
    if (r.error !== undefined) {
      throw r.error;
    }
    return r.envelope as Envelope;
  }

  /** Decodes UTF-8 JSON bytes without throwing. */
  tryDecodeBytes(bytes: Uint8Array): DecodeResult {
    if (bytes.length > this.maxBytes) {
      return new DecodeResult(undefined, new PayloadTooLargeError(bytes.length, this.maxBytes));
    }
    const text = Utf8.tryDecode(bytes);
    if (text === undefined) {
      return new DecodeResult(undefined, new EnvelopeInvalidError('not valid UTF-8'));
    }
    return this.tryDecodeText(text);
  }

  /** Decodes JSON text without throwing. */
  tryDecodeText(text: string): DecodeResult {
    if (typeof text !== 'string') {
      return new DecodeResult(undefined, new EnvelopeInvalidError('input must be a string'));
    }
    if (text.length > this.maxBytes) {
      return new DecodeResult(undefined, new PayloadTooLargeError(text.length, this.maxBytes));
    }
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(text) as JsonValue;
    } catch (e) {
      return new DecodeResult(undefined, new EnvelopeInvalidError('not valid JSON'));
    }
    try {
      return new DecodeResult(EnvelopeCodec.fromJson(parsed), undefined);
    } catch (e) {
      return new DecodeResult(undefined, MeshError.from(e as Error));
    }
  }

  /** Validates a parsed JSON value as an envelope; throws EnvelopeInvalidError. */
  static fromJson(value: JsonValue): Envelope {
    if (!isObject(value)) {
      throw new EnvelopeInvalidError('must be a JSON object');
    }
    const o = value as JsonObject;
    const version = o['v'];
    if (typeof version !== 'number') {
      throw new EnvelopeInvalidError('missing version', 'v');
    }
    if (version !== ENVELOPE_VERSION) {
      throw new EnvelopeInvalidError(`unsupported version ${version} (this node speaks ${ENVELOPE_VERSION})`, 'v');
    }
    const id = nameField(o, 'id', 'id', true) as string;
    const dot = id.lastIndexOf('.');
    const seqText = dot < 0 ? '' : id.slice(dot + 1);
    const seq = /^[1-9][0-9]{0,15}$/.test(seqText) ? Number(seqText) : NaN;
    if (dot <= 0 || !Number.isSafeInteger(seq)) {
      throw new EnvelopeInvalidError('must be origin.seq with a positive integer seq', 'id');
    }
    const kindName = o['k'];
    const kind = typeof kindName === 'string' ? KINDS.get(kindName) : undefined;
    if (kind === undefined) {
      throw new EnvelopeInvalidError('must be one of request, response, oneway, gossip', 'k');
    }
    const from = nameField(o, 'f', 'f', true) as string;
    const to = nameField(o, 't', 't', true) as string;
    const topic = nameField(o, 'tp', 'tp', true) as string;
    const headers: Record<string, string> = {};
    const h = o['h'];
    if (h !== undefined) {
      if (!isObject(h)) {
        throw new EnvelopeInvalidError('must be an object of strings', 'h');
      }
      const ho = h as JsonObject;
      for (const name of Object.keys(ho)) {
        const hv = ho[name];
        if (name.length === 0 || typeof hv !== 'string') {
          throw new EnvelopeInvalidError('must be an object of strings', `h.${name}`);
        }
        headers[name] = hv;
      }
    }
    const d = o['d'];
    let deadline: number | undefined = undefined;
    if (d !== undefined) {
      if (typeof d !== 'number' || !Number.isFinite(d)) {
        throw new EnvelopeInvalidError('must be a finite number', 'd');
      }
      deadline = d;
    }
    let body: MeshBody = undefined;
    const bb = o['bb'];
    if (bb !== undefined) {
      if (o['b'] !== undefined) {
        throw new EnvelopeInvalidError('b and bb are exclusive', 'bb');
      }
      const bytes = typeof bb === 'string' ? Base64.tryDecode(bb) : undefined;
      if (bytes === undefined) {
        throw new EnvelopeInvalidError('must be padded base64', 'bb');
      }
      body = bytes;
    } else {
      const b = o['b'];
      if (b !== undefined) {
        body = b;
      }
    }
    return new Envelope(kind, id.slice(0, dot), seq, from, to, topic, headers, body, deadline);
  }
}
