import { describe, expect, it } from 'vitest';
import { IdGenerator } from '../../sdk/src/main/ets/core/index';
import { SeededRandom } from '../../sdk/src/main/ets/platform/index';

describe('IdGenerator', () => {
  it('makes W3C-shaped trace and span ids and v4 uuids', () => {
    const ids = new IdGenerator(new SeededRandom(1));
    expect(ids.traceId()).toMatch(/^[0-9a-f]{32}$/);
    expect(ids.spanId()).toMatch(/^[0-9a-f]{16}$/);
    expect(ids.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids.hex(20)).toMatch(/^[0-9a-f]{40}$/);
  });

  it('is deterministic for a seeded source and distinct across calls', () => {
    const a = new IdGenerator(new SeededRandom('sim'));
    const b = new IdGenerator(new SeededRandom('sim'));
    const xs = Array.from({ length: 100 }, () => a.traceId());
    expect(Array.from({ length: 100 }, () => b.traceId())).toEqual(xs);
    expect(new Set(xs).size).toBe(100);
  });

  it('never returns an all-zero id', () => {
    let calls = 0;
    const zeroThenOne = { fillBytes: (out: Uint8Array) => { out.fill(calls++ < 3 ? 0 : 1); } };
    expect(new IdGenerator(zeroThenOne).spanId()).toBe('0101010101010101');
  });
});
