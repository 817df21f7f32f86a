import { describe, expect, it } from 'vitest';
import { Headers, InvalidArgumentError, MeshError } from '../../sdk/src/main/ets/core/index';
import {
  HeaderConstraint, RouteConflictError, Router, RouteStatus,
} from '../../sdk/src/main/ets/gateway/index';

const table = (paths: string[], options?: ConstructorParameters<typeof Router<string>>[0]): Router<string> => {
  const r = new Router<string>(options);
  for (const p of paths) r.add({ method: 'GET', path: p, data: p });
  return r;
};

describe('Router match order', () => {
  // The documented order, one row per rule: at each segment static text, then a regex parameter,
  // then a plain parameter, then the wildcard; backtracking when a deeper segment fails.
  const routes = [
    '/users/new', '/users/:id(^\\d+$)', '/users/:name', '/users/*',
    '/a/b/c', '/a/:x/d', '/a/*',
    '/files/:name/raw', '/files/*',
    '/', '/:page',
  ];
  const rows: Array<[string, string | undefined, Record<string, string>]> = [
    ['/users/new', '/users/new', {}], // static beats every parameter
    ['/users/42', '/users/:id(^\\d+$)', { id: '42' }], // a regex parameter beats a plain one
    ['/users/newer', '/users/:name', { name: 'newer' }], // a static prefix match is not a segment match
    ['/users/ann', '/users/:name', { name: 'ann' }], // plain parameter
    ['/users/ann/x', '/users/*', { '*': 'ann/x' }], // the wildcard takes what no parameter can
    ['/users/', '/users/*', { '*': '' }], // parameters are never empty, the wildcard may be
    ['/a/b/c', '/a/b/c', {}],
    ['/a/b/d', '/a/:x/d', { x: 'b' }], // backtracks from the static 'b' branch to the parameter
    ['/a/b/e', '/a/*', { '*': 'b/e' }], // and from the parameter to the wildcard
    ['/files/x/raw', '/files/:name/raw', { name: 'x' }],
    ['/files/x/cooked', '/files/*', { '*': 'x/cooked' }],
    ['/', '/', {}],
    ['/home', '/:page', { page: 'home' }],
    ['/home/more', undefined, {}],
  ];
  const router = table(routes);
  for (const [path, expected, params] of rows) {
    it(`${path} -> ${expected ?? 'no route'}`, () => {
      const m = router.find('GET', path);
      expect(m?.data).toBe(expected);
      if (m !== undefined) expect(m.params()).toEqual(params);
    });
  }

  it('does not depend on registration order', () => {
    const reversed = table(routes.slice().reverse());
    for (const [path, expected] of rows) expect(reversed.find('GET', path)?.data).toBe(expected);
  });

  it('prefers a method-specific route to an ALL route at the same path', () => {
    const r = new Router<string>();
    r.add({ method: 'ALL', path: '/x/:id', data: 'all' });
    r.add({ method: 'GET', path: '/x/:id', data: 'get' });
    expect(r.find('GET', '/x/1')?.data).toBe('get');
    expect(r.find('POST', '/x/1')?.data).toBe('all');
    expect(r.find('BREW', '/x/1')?.data).toBe('all');
  });
});

describe('Router', () => {
  it('routes methods to their own trees and answers 405 with the allowed methods', () => {
    const r = new Router<string>();
    r.add({ method: ['GET', 'HEAD'], path: '/items/:id', data: 'read' });
    r.add({ method: 'DELETE', path: '/items/:id', data: 'delete' });
    expect(r.find('HEAD', '/items/1')?.data).toBe('read');
    expect(r.find('DELETE', '/items/1')?.data).toBe('delete');
    const l = r.lookup('POST', '/items/1');
    expect(l.status).toBe(RouteStatus.METHOD_NOT_ALLOWED);
    expect(l.allowed).toEqual(['DELETE', 'GET', 'HEAD']);
    expect(r.lookup('GET', '/other').status).toBe(RouteStatus.NOT_FOUND);
  });

  it('decodes parameters only when they hold escapes, and keeps their case', () => {
    const r = table(['/u/:name', '/f/*'], { caseSensitive: false });
    expect(r.find('GET', '/U/Ann%20Lee')?.param('name')).toBe('Ann Lee');
    expect(r.find('GET', '/u/%E4%B8%AD')?.param('name')).toBe('中');
    expect(r.find('GET', '/F/a%2Fb/c')?.param('*')).toBe('a/b/c');
    expect(r.find('GET', '/u/plain')?.values).toEqual(['plain']);
  });

  it('is case-sensitive by default', () => {
    const r = table(['/Users']);
    expect(r.find('GET', '/Users')?.data).toBe('/Users');
    expect(r.find('GET', '/users')).toBeUndefined();
    expect(table(['/Users'], { caseSensitive: false }).find('GET', '/uSERS')?.data).toBe('/Users');
  });

  it('ignores trailing slashes when asked, for routes and requests', () => {
    const strict = table(['/a', '/b/']);
    expect(strict.find('GET', '/a/')).toBeUndefined();
    expect(strict.find('GET', '/b')).toBeUndefined();
    const loose = table(['/a', '/b/', '/files/*', '/p/:id'], { ignoreTrailingSlash: true });
    expect(loose.find('GET', '/a/')?.data).toBe('/a');
    expect(loose.find('GET', '/b')?.data).toBe('/b/');
    expect(loose.find('GET', '/p/1/')?.params()).toEqual({ id: '1' });
    expect(loose.find('GET', '/files')?.params()).toEqual({ '*': '' });
    expect(loose.find('GET', '/files/')?.params()).toEqual({ '*': '' });
    expect(loose.find('GET', '/files/x/')?.params()).toEqual({ '*': 'x' });
    expect(() => loose.add({ method: 'GET', path: '/a/', data: 'dup' })).toThrow(RouteConflictError);
  });

  it('collapses duplicate slashes when asked', () => {
    expect(table(['/a/:b']).find('GET', '//a//x')).toBeUndefined();
    const r = table(['/a/:b'], { ignoreDuplicateSlashes: true });
    expect(r.find('GET', '//a//x')?.params()).toEqual({ b: 'x' });
    expect(() => new Router<string>().add({ method: 'GET', path: '/a//b', data: '' })).toThrow(/empty segment/);
    expect(r.add({ method: 'GET', path: '/c//d', data: 'cd' }).pattern.normalized).toBe('/c/d');
  });

  it('adds and removes routes at runtime', () => {
    const r = table(['/a/:x', '/a/b']);
    expect(r.find('GET', '/a/b')?.data).toBe('/a/b');
    expect(r.remove('GET /a/b')).toBe(true);
    expect(r.remove('GET /a/b')).toBe(false);
    expect(r.find('GET', '/a/b')?.data).toBe('/a/:x');
    r.add({ id: 'again', method: 'GET', path: '/a/b', data: 'again' });
    expect(r.find('GET', '/a/b')?.data).toBe('again');
    expect(r.routes().map((x) => x.id)).toEqual(['GET /a/:x', 'again']);
    r.clear();
    expect(r.size).toBe(0);
    expect(r.find('GET', '/a/b')).toBeUndefined();
  });

  it('rejects duplicate and ambiguous routes at registration, leaving the table intact', () => {
    const r = table(['/u/:id', '/v/:id(^\\d+$)/x']);
    const dup = (): unknown => r.add({ method: 'GET', path: '/u/:other', data: 'dup' });
    expect(dup).toThrow(RouteConflictError);
    try { dup(); } catch (e) {
      expect((e as RouteConflictError).code).toBe('ERR_ROUTE_CONFLICT');
      expect((e as RouteConflictError).existingRouteId).toBe('GET /u/:id');
    }
    expect(() => r.add({ method: 'GET', path: '/v/:id([a-z]+)/y', data: 'amb' })).toThrow(/ambiguous/);
    expect(() => r.add({ method: 'GET', path: '/v/:id(^\\d+$)/x', id: 'other', data: 'dup2' })).toThrow(RouteConflictError);
    // the failed registrations left nothing behind
    expect(r.find('GET', '/v/1/y')).toBeUndefined();
    expect(r.size).toBe(2);
    // the same regex at the same position is shared, not ambiguous
    r.add({ method: 'GET', path: '/v/:n(^\\d+$)/z', data: 'z' });
    expect(r.find('GET', '/v/7/z')?.params()).toEqual({ n: '7' });
    // same path for another method is fine; the same id is not
    r.add({ method: 'POST', path: '/u/:id', data: 'post' });
    expect(() => r.add({ id: 'GET /u/:id', method: 'PUT', path: '/w', data: '' })).toThrow(RouteConflictError);
  });

  it('rejects malformed patterns naming the field', () => {
    const bad = ['users', '/a/../b', '/a/./b', '/a/:', '/a/:1x', '/a/:x:y', '/a/*/b', '/a/b*', '/a%20b', '/a?b', '/a b',
      '/a/:x/:x', '/a/:x(', '/a/:x([)', '/a/:x((a+)+)', '/a/:x(\\w+\\1)', '/a/:x(^\\d+$)y'];
    for (const p of bad) {
      let err: unknown;
      try { new Router<string>().add({ method: 'GET', path: p, data: '' }); } catch (e) { err = e; }
      expect(err, p).toBeInstanceOf(InvalidArgumentError);
      expect((err as InvalidArgumentError).field, p).toBe('route.path');
    }
    expect(() => new Router<string>().add({ method: 'G ET', path: '/', data: '' })).toThrow(/method/);
    expect(() => new Router<string>().add({ method: ['ALL', 'GET'], path: '/', data: '' })).toThrow(/ALL/);
    expect(() => new Router<string>().add({ path: '/', constraints: { nope: 'x' }, data: '' })).toThrow(/unknown constraint/);
    expect(() => new Router<string>({ maxParamLength: 0 })).toThrow(InvalidArgumentError);
  });

  it('accepts a literal colon escaped as ::', () => {
    const r = table(['/ns/::colon']);
    expect(r.find('GET', '/ns/:colon')?.data).toBe('/ns/::colon');
  });

  it('reports malformed paths as bad requests with a reason', () => {
    const r = table(['/u/:id', '/f/*', '/s/static'], { maxParamLength: 8, maxPathLength: 100 });
    const cases: Array<[string, string]> = [
      ['/u/%zz', 'bad-percent-escape'],
      ['/u/%C3', 'bad-percent-escape'],
      ['/u/..', 'dot-segment'],
      ['/u/%2e%2E', 'dot-segment'],
      ['/f/a/../../etc', 'dot-segment'],
      ['/f/a/%2e%2e/b', 'dot-segment'],
      ['/u/a\u0000b', 'nul-character'],
      ['/u/%00', 'nul-character'],
      ['/u/123456789', 'param-too-long'],
      ['/' + 'x'.repeat(200), 'path-too-long'],
      ['/s/../static', 'dot-segment'],
      ['/s/%zz', 'bad-percent-escape'],
      ['relative', 'not-absolute'],
    ];
    for (const [path, reason] of cases) {
      const l = r.lookup('GET', path);
      expect(l.status, path).toBe(RouteStatus.BAD_REQUEST);
      expect(l.reason, path).toBe(reason);
      expect(r.find('GET', path), path).toBeUndefined();
    }
    expect(r.find('GET', '/f/very/long/wildcard/values/are/not/param/limited')?.param('*')).toBe('very/long/wildcard/values/are/not/param/limited');
  });

  it('describes its trees', () => {
    const r = table(['/users', '/users/:id', '/files/*']);
    const d = r.describe();
    expect(d).toContain('GET:');
    expect(d).toContain('users  => GET /users');
    expect(d).toContain(':param  => GET /users/:id');
    expect(d).toContain('*  => GET /files/*');
  });
});

describe('Router constraints', () => {
  it('picks routes by host, exact before wildcard, falling back to unconstrained', () => {
    const r = new Router<string>();
    r.add({ method: 'GET', path: '/', data: 'any' });
    r.add({ method: 'GET', path: '/', constraints: { host: '*.example.com' }, data: 'wild' });
    r.add({ method: 'GET', path: '/', constraints: { host: 'TV.example.com' }, data: 'tv' });
    const h = (host: string): Headers => Headers.from({ host });
    expect(r.find('GET', '/', h('tv.example.com:8080'))?.data).toBe('tv');
    expect(r.find('GET', '/', h('watch.example.com'))?.data).toBe('wild');
    expect(r.find('GET', '/', h('example.com'))?.data).toBe('any');
    expect(r.find('GET', '/')?.data).toBe('any');
    expect(() => r.add({ path: '/', constraints: { host: 'bad host' }, data: '' })).toThrow(InvalidArgumentError);
  });

  it('picks the highest version matching accept-version, and never falls back when one is asked for', () => {
    const r = new Router<string>();
    r.add({ method: 'GET', path: '/api/:x', data: 'unversioned' });
    for (const v of ['1.0.0', '1.2.0', '1.10.3', '2.0.1']) r.add({ method: 'GET', path: '/api/:x', constraints: { version: v }, data: v });
    const v = (range: string): Headers => Headers.from({ 'accept-version': range });
    expect(r.find('GET', '/api/a', v('1.x'))?.data).toBe('1.10.3');
    expect(r.find('GET', '/api/a', v('1.2'))?.data).toBe('1.2.0');
    expect(r.find('GET', '/api/a', v('2'))?.data).toBe('2.0.1');
    expect(r.find('GET', '/api/a', v('*'))?.data).toBe('2.0.1');
    expect(r.find('GET', '/api/a', v('1.0.0'))?.data).toBe('1.0.0');
    expect(r.find('GET', '/api/a', v('3.x'))).toBeUndefined();
    expect(r.find('GET', '/api/a', v('garbage'))).toBeUndefined();
    expect(r.find('GET', '/api/a')?.data).toBe('unversioned');
    expect(() => r.add({ path: '/api/:x', constraints: { version: '1.0' }, data: '' })).toThrow(InvalidArgumentError);
    expect(() => r.add({ method: 'GET', path: '/api/:y', constraints: { version: '1.2.0' }, data: '' })).toThrow(RouteConflictError);
  });

  it('backtracks when a node\'s routes are all constrained away', () => {
    const r = new Router<string>();
    r.add({ method: 'GET', path: '/a/b', constraints: { host: 'x.local' }, data: 'static-x' });
    r.add({ method: 'GET', path: '/a/:p', data: 'param' });
    expect(r.find('GET', '/a/b', Headers.from({ host: 'x.local' }))?.data).toBe('static-x');
    expect(r.find('GET', '/a/b', Headers.from({ host: 'y.local' }))?.data).toBe('param');
  });

  it('takes custom strategies', () => {
    const r = new Router<string>({ constraints: [new HeaderConstraint('device', 'x-device-type')] });
    r.add({ method: 'GET', path: '/ui', data: 'default' });
    r.add({ method: 'GET', path: '/ui', constraints: { device: 'watch' }, data: 'watch' });
    expect(r.find('GET', '/ui', Headers.from({ 'x-device-type': 'watch' }))?.data).toBe('watch');
    expect(r.find('GET', '/ui', Headers.from({ 'x-device-type': 'tv' }))?.data).toBe('default');
  });

  it('never throws from a lookup, whatever the input', () => {
    const r = table(['/a/:b', '/c/*']);
    for (const p of ['', '?', '%', '/%', '/a/%', '/c/%ff', '/\uD800', '/a/\uDFFF', '\u0000']) {
      expect(() => r.lookup('GET', p)).not.toThrow();
      const l = r.lookup('GET', p);
      expect([RouteStatus.BAD_REQUEST, RouteStatus.NOT_FOUND, RouteStatus.FOUND]).toContain(l.status);
    }
    expect(MeshError).toBeDefined();
  });
});
