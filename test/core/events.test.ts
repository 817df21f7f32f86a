import { describe, expect, it } from 'vitest';
import { CancellationSource, CancellationToken, CancelledError, Disposable, EventEmitter } from '../../sdk/src/main/ets/core/index';

describe('EventEmitter', () => {
  it('delivers to every listener in subscription order and unsubscribes by dispose', () => {
    const e = new EventEmitter<number>();
    const seen: string[] = [];
    const a = e.on((n) => seen.push(`a${n}`));
    e.on((n) => seen.push(`b${n}`));
    e.emit(1);
    a.dispose();
    a.dispose();
    e.emit(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(e.size).toBe(1);
  });

  it('isolates a throwing listener and reports it', () => {
    const errors: Error[] = [];
    const e = new EventEmitter<string>((err) => errors.push(err));
    const seen: string[] = [];
    e.on(() => { throw new Error('boom'); });
    e.on((s) => seen.push(s));
    e.emit('x');
    expect(seen).toEqual(['x']);
    expect(errors.map((x) => x.message)).toEqual(['boom']);
  });

  it('lets listeners unsubscribe during emit without skipping others', () => {
    const e = new EventEmitter<number>();
    const seen: number[] = [];
    const sub: Disposable = e.on(() => sub.dispose());
    e.on((n) => seen.push(n));
    e.emit(7);
    e.emit(8);
    expect(seen).toEqual([7, 8]);
  });

  it('once and next fire a single time', async () => {
    const e = new EventEmitter<number>();
    const seen: number[] = [];
    e.once((n) => seen.push(n));
    const p = e.next();
    e.emit(1);
    e.emit(2);
    expect(seen).toEqual([1]);
    await expect(p).resolves.toBe(1);
    expect(e.size).toBe(0);
  });
});

describe('CancellationToken', () => {
  it('runs callbacks once with the reason and reports state', () => {
    const src = new CancellationSource();
    const reasons: string[] = [];
    src.token.onCancelled((r) => reasons.push(r.message));
    expect(src.token.isCancelled).toBe(false);
    expect(src.cancel(new CancelledError('user left'))).toBe(true);
    expect(src.cancel()).toBe(false);
    expect(reasons).toEqual(['user left']);
    expect(() => src.token.throwIfCancelled()).toThrow('user left');
    const late: string[] = [];
    src.token.onCancelled((r) => late.push(r.message));
    expect(late).toEqual(['user left']);
  });

  it('cascades from a parent and never cancels NONE', () => {
    const parent = new CancellationSource();
    const child = new CancellationSource(parent.token);
    parent.cancel();
    expect(child.token.isCancelled).toBe(true);
    expect(child.token.reason).toBeInstanceOf(CancelledError);
    expect(CancellationToken.NONE.cancelWith(new Error('x'))).toBe(false);
    expect(CancellationToken.NONE.isCancelled).toBe(false);
  });

  it('a disposed callback is not run', () => {
    const src = new CancellationSource();
    let ran = false;
    src.token.onCancelled(() => { ran = true; }).dispose();
    src.cancel();
    expect(ran).toBe(false);
  });
});
