import { describe, expect, it } from 'vitest';
import { Headers, InvalidArgumentError } from '../../sdk/src/main/ets/core/index';

describe('Headers', () => {
  it('is case-insensitive and copies to a lower-case record', () => {
    const h = Headers.from({ 'Content-Type': 'application/json', traceparent: '00-abc' });
    expect(h.get('content-type')).toBe('application/json');
    expect(h.has('TRACEPARENT')).toBe(true);
    h.set('X-Retry', '2');
    expect(h.toRecord()).toEqual({ 'content-type': 'application/json', traceparent: '00-abc', 'x-retry': '2' });
    expect(h.delete('x-retry')).toBe(true);
    expect(h.size).toBe(2);
    const c = h.clone();
    c.set('a', 'b');
    expect(h.has('a')).toBe(false);
  });

  it('rejects header injection and bad names with typed errors', () => {
    const h = new Headers();
    expect(() => h.set('x-a', 'v\r\nx-b: evil')).toThrow(InvalidArgumentError);
    expect(() => h.set('bad name', 'v')).toThrow(/headers\.bad name: not a valid header name/);
    expect(() => h.set('', 'v')).toThrow(InvalidArgumentError);
    expect(h.size).toBe(0);
  });
});
