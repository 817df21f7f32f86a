import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEQ_WINDOW, SeqWindow } from '../../sdk/src/main/ets/transport/internal/SeqWindow';

describe('SeqWindow (duplicate detection per sender)', () => {
  it('accepts each sequence number once, whatever the order, within the window (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 400 }), (seqs) => {
      const w = new SeqWindow('o');
      const seen = new Set<number>();
      let top = 0;
      for (const s of seqs) {
        const expected = !seen.has(s) && top - s < SEQ_WINDOW;
        expect(w.accept(s)).toBe(expected);
        if (expected) seen.add(s);
        top = Math.max(top, s);
      }
    }), { numRuns: 300 });
  });

  it('forgets what fell out of the window and resets for a new origin', () => {
    const w = new SeqWindow('o');
    expect(w.accept(5)).toBe(true);
    expect(w.accept(5 + SEQ_WINDOW)).toBe(true);
    expect(w.accept(5)).toBe(false); // too old to judge: refused
    expect(w.accept(6 + SEQ_WINDOW * 3)).toBe(true);
    expect(w.accept(7 + SEQ_WINDOW * 3)).toBe(true);
    expect(w.accept(7 + SEQ_WINDOW * 3)).toBe(false);
    w.reset('p');
    expect(w.origin).toBe('p');
    expect(w.accept(1)).toBe(true);
  });
});
