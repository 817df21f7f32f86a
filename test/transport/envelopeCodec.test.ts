import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../sdk/src/main/ets/core/index';
import {
  Envelope, EnvelopeCodec, EnvelopeInvalidError, EnvelopeKind, ENVELOPE_VERSION, PayloadTooLargeError,
} from '../../sdk/src/main/ets/transport/index';

const codec = new EnvelopeCodec();
const name = fc.string({ minLength: 1, maxLength: 40 });
const json: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonValue);
const body = fc.oneof(fc.constant(undefined), json, fc.uint8Array({ maxLength: 64 }));
const kind = fc.constantFrom(EnvelopeKind.REQUEST, EnvelopeKind.RESPONSE, EnvelopeKind.ONEWAY, EnvelopeKind.GOSSIP);
const envelope = fc.record({
  kind, origin: name, seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), from: name, to: name, topic: name,
  headers: fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
  body, deadline: fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined }),
}).map((r) => new Envelope(r.kind, r.origin, r.seq, r.from, r.to, r.topic, r.headers, r.body, r.deadline));

describe('EnvelopeCodec', () => {
  it('round-trips any envelope through text and bytes (property)', () => {
    fc.assert(fc.property(envelope, (env) => {
      for (const back of [codec.decodeText(codec.encodeText(env)), codec.decodeBytes(codec.encodeBytes(env))]) {
        expect(back.version).toBe(ENVELOPE_VERSION);
        expect(back.id).toBe(env.id);
        expect(back.origin).toBe(env.origin);
        expect(back.seq).toBe(env.seq);
        expect(back.kind).toBe(env.kind);
        expect(back.from).toBe(env.from);
        expect(back.to).toBe(env.to);
        expect(back.topic).toBe(env.topic);
        expect(back.correlationId).toBe(env.correlationId);
        expect(back.headers).toEqual(env.headers);
        expect(back.deadline).toBe(env.deadline);
        if (env.body instanceof Uint8Array) {
          expect(back.body).toBeInstanceOf(Uint8Array);
          expect(Array.from(back.body as Uint8Array)).toEqual(Array.from(env.body));
        } else {
          expect(back.body).toEqual(env.body);
        }
      }
    }), { numRuns: 300 });
  });

  it('marks byte bodies with bb (base64) and JSON bodies with b', () => {
    const env = new Envelope(EnvelopeKind.ONEWAY, 'o', 1, 'a', 'b', 't', {}, new Uint8Array([1, 2, 255]), undefined);
    const wire = JSON.parse(codec.encodeText(env));
    expect(wire.bb).toBe('AQL/');
    expect(wire.b).toBeUndefined();
    const jsonEnv = new Envelope(EnvelopeKind.ONEWAY, 'o', 2, 'a', 'b', 't', { traceparent: '00-abc' }, 'AQL/', undefined);
    const w2 = JSON.parse(codec.encodeText(jsonEnv));
    expect(w2.b).toBe('AQL/');
    expect(w2.h).toEqual({ traceparent: '00-abc' });
    expect(codec.decodeText(codec.encodeText(jsonEnv)).body).toBe('AQL/');
  });

  it('never throws from tryDecode on arbitrary input (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 200 }).map((b) => b as Uint8Array | string)), (input) => {
      const r = typeof input === 'string' ? codec.tryDecodeText(input) : codec.tryDecodeBytes(input);
      expect((r.envelope === undefined) !== (r.error === undefined)).toBe(true);
      if (r.error) expect(['ERR_ENVELOPE_INVALID', 'ERR_PAYLOAD_TOO_LARGE']).toContain(r.error.code);
    }), { numRuns: 500 });
  });

  it('rejects each malformed field with ERR_ENVELOPE_INVALID naming it', () => {
    const good = { v: 1, id: 'x.1', k: 'request', f: 'a', t: 'b', tp: 'topic' };
    const cases: Array<[Record<string, unknown>, string | undefined]> = [
      [{ ...good, v: 2 }, 'v'], [{ ...good, v: undefined }, 'v'], [{ ...good, id: '' }, 'id'], [{ ...good, k: 'push' }, 'k'],
      [{ ...good, f: 7 }, 'f'], [{ ...good, t: null }, 't'], [{ ...good, tp: 'x'.repeat(600) }, 'tp'],
      [{ ...good, id: 'x' }, 'id'], [{ ...good, id: 'x.0' }, 'id'], [{ ...good, id: '.5' }, 'id'], [{ ...good, id: 'x.1e3' }, 'id'],
      [{ ...good, h: { a: 1 } }, 'h.a'], [{ ...good, h: [] }, 'h'],
      [{ ...good, d: 'soon' }, 'd'], [{ ...good, bb: 'not base64!' }, 'bb'], [{ ...good, bb: 'AA==', b: 1 }, 'bb'],
    ];
    for (const [wire, field] of cases) {
      let err: unknown;
      try {
        codec.decodeText(JSON.stringify(wire));
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(wire).slice(0, 60)).toBeInstanceOf(EnvelopeInvalidError);
      expect((err as EnvelopeInvalidError).code).toBe('ERR_ENVELOPE_INVALID');
      expect((err as EnvelopeInvalidError).field).toBe(field);
    }
    expect(() => codec.decodeText('{oops')).toThrow(EnvelopeInvalidError);
    expect(() => codec.decodeText('[1,2]')).toThrow(/JSON object/);
    expect(() => codec.decodeBytes(new Uint8Array([0xff, 0xfe]))).toThrow(/UTF-8/);
  });

  it('parses origin and seq from the id; a reply keeps them', () => {
    const req = codec.decodeText(JSON.stringify({ v: 1, id: 'phone~k3.v2.42', k: 'request', f: 'phone', t: 'tv', tp: 'mesh.call' }));
    expect([req.origin, req.seq, req.id]).toEqual(['phone~k3.v2', 42, 'phone~k3.v2.42']);
    const res = Envelope.replyTo(req, {}, null);
    expect([res.kind, res.id, res.correlationId, res.from, res.to]).toEqual(['response', 'phone~k3.v2.42', 'phone~k3.v2.42', 'tv', 'phone']);
    expect(req.correlationId).toBeUndefined();
  });

  it('enforces maxBytes on both sides', () => {
    const small = new EnvelopeCodec({ maxBytes: 200 });
    const env = new Envelope(EnvelopeKind.ONEWAY, 'o', 1, 'a', 'b', 't', {}, 'x'.repeat(300), undefined);
    expect(() => small.encodeText(env)).toThrow(PayloadTooLargeError);
    const r = small.tryDecodeText(codec.encodeText(env));
    expect(r.error?.code).toBe('ERR_PAYLOAD_TOO_LARGE');
    expect(() => new EnvelopeCodec({ maxBytes: 3 })).toThrow(/options.maxBytes/);
  });
});
