import { describe, expect, it } from 'vitest';
import { MeshRequest, MeshResponse } from '../../sdk/src/main/ets/transport/index';

describe('MeshRequest / MeshResponse', () => {
  it('defaults and normalises', () => {
    const r = new MeshRequest({ method: 'post', path: '/users/1', query: { tag: ['a', 'b'] }, headers: { Authorization: 'Bearer x' }, body: { name: 'n' } });
    expect(r.method).toBe('POST');
    expect(r.queryParam('tag')).toBe('a');
    expect(r.headers.get('authorization')).toBe('Bearer x');
    expect(new MeshRequest().path).toBe('/');
    const c = r.clone();
    c.headers.set('x', '1');
    c.query.tag.push('c');
    expect(r.headers.has('x')).toBe(false);
    expect(r.query.tag).toEqual(['a', 'b']);
  });

  it('responses know whether they are ok', () => {
    expect(new MeshResponse().ok).toBe(true);
    expect(MeshResponse.json({ error: 'x' }, 503).ok).toBe(false);
  });
});
