import { describe, expect, it } from 'vitest';
import {
  CancelledError, ErrorCode, InvalidArgumentError, InvalidStateError, MeshError, TimeoutError,
} from '../../sdk/src/main/ets/core/index';

describe('MeshError', () => {
  it('carries a stable code, a name, and the cause', () => {
    const cause = new Error('disk full');
    const e = new MeshError(ErrorCode.STORE, 'write failed', cause);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('ERR_STORE');
    expect(e.name).toBe('MeshError');
    expect(e.cause).toBe(cause);
  });

  it('subclasses keep their own names and codes', () => {
    const cases: Array<[MeshError, string, string]> = [
      [new InvalidArgumentError('options.timeoutMs', 'must be > 0'), 'InvalidArgumentError', 'ERR_INVALID_ARGUMENT'],
      [new InvalidStateError('not started'), 'InvalidStateError', 'ERR_INVALID_STATE'],
      [new TimeoutError('too slow', 50), 'TimeoutError', 'ERR_TIMEOUT'],
      [new CancelledError('stop'), 'CancelledError', 'ERR_CANCELLED'],
    ];
    for (const [err, name, code] of cases) {
      expect(err).toBeInstanceOf(MeshError);
      expect(err.name).toBe(name);
      expect(err.code).toBe(code);
    }
    expect(new InvalidArgumentError('options.timeoutMs', 'must be > 0').message).toBe('options.timeoutMs: must be > 0');
  });

  it('from() wraps foreign throwables and keeps MeshErrors', () => {
    const mine = new TimeoutError('x', 1);
    expect(MeshError.from(mine)).toBe(mine);
    const wrapped = MeshError.from(new TypeError('bad'), ErrorCode.UPSTREAM);
    expect(wrapped.code).toBe('ERR_UPSTREAM');
    expect(wrapped.cause).toBeInstanceOf(TypeError);
    expect(MeshError.from('text').message).toBe('text');
    expect(MeshError.hasCode(mine, ErrorCode.TIMEOUT)).toBe(true);
    expect(MeshError.hasCode(new Error('x'), ErrorCode.TIMEOUT)).toBe(false);
  });

  it('every code follows the ERR_<WHAT> pattern and is unique', () => {
    const codes = Object.values(ErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^ERR_[A-Z0-9_]+$/);
  });
});
