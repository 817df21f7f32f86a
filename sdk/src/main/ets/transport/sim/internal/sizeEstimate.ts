import { JsonArray, JsonObject, JsonValue } from '../../../core/json/JsonValue';
import { Envelope } from '../../Envelope';

// Fixed JSON overhead of an envelope's framing fields ({"v":1,"id":..,"k":..,...}).
const ENVELOPE_OVERHEAD = 48;

const jsonSize = (v: JsonValue | undefined, depth: number): number => {
  if (v === undefined || v === null) {
    return 4;
  }
  if (typeof v === 'string') {
    return v.length + 2;
  }
  if (typeof v === 'number') {
    return 8;
  }
  if (typeof v === 'boolean') {
    return 5;
  }
  if (depth > 32) {
    return 16;
  }
  if (Array.isArray(v)) {
    const a = v as JsonArray;
    let n = 2;
    for (let i = 0; i < a.length; i++) {
      n += jsonSize(a[i], depth + 1) + 1;
    }
    return n;
  }
  const o = v as JsonObject;
  let n = 2;
  for (const k of Object.keys(o)) {
    n += k.length + 4 + jsonSize(o[k], depth + 1);
  }
  return n;
};

/**
 * Roughly the encoded size of an envelope (what EnvelopeCodec would produce), without encoding
 * it: the simulator's byte counters and bandwidth model use it when envelopes are not serialised.
 */
export const estimateEnvelopeSize = (env: Envelope): number => {
  // The id is `origin.seq`: the origin plus up to 8 digits, without building the string.
  let n = ENVELOPE_OVERHEAD + env.origin.length + 9 + env.from.length + env.to.length + env.topic.length;
  const h = env.headers;
  for (const k of Object.keys(h)) {
    n += k.length + h[k].length + 6;
  }
  const body = env.body;
  if (body instanceof Uint8Array) {
    n += Math.ceil(body.length / 3) * 4 + 8;
  } else if (body !== undefined) {
    n += jsonSize(body, 0) + 6;
  }
  return n;
};
