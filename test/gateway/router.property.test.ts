import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MeshRequest } from '../../sdk/src/main/ets/transport/index';
import { Gateway, RouteConflictError, Router, RouteStatus } from '../../sdk/src/main/ets/gateway/index';
import { VirtualClock, SeededRandom } from '../../sdk/src/main/ets/platform/index';

// A deliberately simple reference matcher: split into segments, test every route, rank the hits.
// Rank: compare segment kinds left to right (static < regex param < param < wildcard); a route that
// ends earlier ranks first; a method-specific route beats an ALL route.

interface RefRoute { id: string; method: string; path: string }
interface RefOptions { caseSensitive: boolean; ignoreTrailingSlash: boolean; ignoreDuplicateSlashes: boolean }
type Seg = { kind: 0 | 1 | 2 | 3; text: string; name: string; re?: RegExp };

const collapse = (p: string): string => p.replace(/\/{2,}/g, '/');
const lower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const parseRef = (path: string, o: RefOptions): Seg[] => {
  let p = o.ignoreDuplicateSlashes ? collapse(path) : path;
  if (o.ignoreTrailingSlash && p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p.split('/').slice(1).map((s): Seg => {
    if (s === '*') return { kind: 3, text: '', name: '*' };
    const m = /^:([A-Za-z_]\w*)(?:\((.*)\))?$/.exec(s);
    if (m) return m[2] !== undefined ? { kind: 1, text: '', name: m[1], re: new RegExp(`^(?:${m[2]})$`) } : { kind: 2, text: '', name: m[1] };
    return { kind: 0, text: o.caseSensitive ? s : lower(s), name: '' };
  });
};

interface RefHit { id: string; params: Record<string, string>; kinds: number[]; specific: boolean }

const matchRef = (route: RefRoute, method: string, path: string, o: RefOptions): RefHit | undefined => {
  if (route.method !== method && route.method !== 'ALL') return undefined;
  const segs = parseRef(route.path, o);
  let p = o.ignoreDuplicateSlashes ? collapse(path) : path;
  if (o.ignoreTrailingSlash && p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  const parts = p.split('/').slice(1);
  const params: Record<string, string> = {};
  const kinds: number[] = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    kinds.push(s.kind);
    if (s.kind === 3) {
      // '/files/*' takes the rest after '/files/'; with ignoreTrailingSlash also '/files' itself.
      if (i < parts.length) params['*'] = decodeURIComponent(parts.slice(i).join('/'));
      else if (o.ignoreTrailingSlash && i === parts.length && i > 0) params['*'] = '';
      else return undefined;
      return { id: route.id, params, kinds, specific: route.method !== 'ALL' };
    }
    if (i >= parts.length) return undefined;
    const v = parts[i];
    if (s.kind === 0) {
      if ((o.caseSensitive ? v : lower(v)) !== s.text) return undefined;
    } else {
      if (v === '' || (s.re !== undefined && !s.re.test(v))) return undefined;
      params[s.name] = decodeURIComponent(v);
    }
  }
  return segs.length === parts.length ? { id: route.id, params, kinds, specific: route.method !== 'ALL' } : undefined;
};

const better = (a: RefHit, b: RefHit): boolean => {
  const n = Math.min(a.kinds.length, b.kinds.length);
  for (let i = 0; i < n; i++) if (a.kinds[i] !== b.kinds[i]) return a.kinds[i] < b.kinds[i];
  if (a.kinds.length !== b.kinds.length) return a.kinds.length < b.kinds.length;
  return a.specific && !b.specific;
};

const findRef = (routes: RefRoute[], method: string, path: string, o: RefOptions): RefHit | undefined => {
  let best: RefHit | undefined;
  for (const r of routes) {
    const hit = matchRef(r, method, path, o);
    if (hit !== undefined && (best === undefined || better(hit, best))) best = hit;
  }
  return best;
};

// Small alphabets so that routes collide, share prefixes and force backtracking.
const staticSeg = fc.constantFrom('a', 'b', 'ab', 'users', 'Users', 'u', '1', 'x-y');
const regexes = ['\\d+', '[a-c]+'];
const segSpec = fc.oneof(
  { weight: 5, arbitrary: staticSeg.map((s) => ({ kind: 0 as const, s })) },
  { weight: 2, arbitrary: fc.constant({ kind: 2 as const, s: '' }) },
  { weight: 1, arbitrary: fc.constantFrom(...regexes).map((s) => ({ kind: 1 as const, s })) },
);
const routeSpec = fc.record({
  method: fc.constantFrom('GET', 'POST', 'ALL'),
  segs: fc.array(segSpec, { minLength: 0, maxLength: 4 }),
  wildcard: fc.boolean(),
  trailing: fc.boolean(),
});
const toPattern = (spec: { segs: { kind: number; s: string }[]; wildcard: boolean; trailing: boolean }): string => {
  const parts = spec.segs.map((seg, i) => (seg.kind === 0 ? seg.s : seg.kind === 2 ? `:p${i}` : `:p${i}(${seg.s})`));
  if (spec.wildcard) parts.push('*');
  let path = '/' + parts.join('/');
  if (!spec.wildcard && spec.trailing && parts.length > 0) path += '/';
  return path;
};
const valueArb = fc.constantFrom('1', '42', 'a', 'abc', 'B', 'users', 'Users', 'x-y', 'x%20y', '%41', 'caf%C3%A9', '7b');
const pathArb = (patterns: string[]): fc.Arbitrary<string> => fc.oneof(
  // instances of registered patterns (params and wildcard filled in), sometimes with stray slashes
  fc.record({ i: fc.nat(), vals: fc.array(valueArb, { minLength: 6, maxLength: 6 }), rest: fc.array(valueArb, { maxLength: 3 }), tweak: fc.nat(3) })
    .map(({ i, vals, rest, tweak }) => {
      if (patterns.length === 0) return '/';
      let k = 0;
      let p = patterns[i % patterns.length].replace(/:p\d+(\([^)]*\))?/g, () => vals[k++ % vals.length]).replace(/\*$/, rest.join('/'));
      if (tweak === 1) p = p.endsWith('/') ? p.slice(0, -1) || '/' : p + '/';
      if (tweak === 2) p = p.replace('/', '//');
      if (tweak === 3) p = p.toUpperCase();
      return p;
    }),
  // random paths over the same alphabet
  fc.array(fc.oneof(staticSeg, valueArb, fc.constant('')), { maxLength: 5 }).map((segs) => '/' + segs.join('/')),
);

describe('Router properties', () => {
  it('returns the same route and params as the reference matcher', () => {
    fc.assert(fc.property(
      fc.array(routeSpec, { minLength: 1, maxLength: 14 }),
      fc.record({ caseSensitive: fc.boolean(), ignoreTrailingSlash: fc.boolean(), ignoreDuplicateSlashes: fc.boolean() }),
      fc.infiniteStream(fc.constantFrom('GET', 'POST', 'PUT')),
      (specs, options, methods) => {
        const router = new Router<string>(options);
        const accepted: RefRoute[] = [];
        for (const [i, spec] of specs.entries()) {
          const path = toPattern(spec);
          const id = `r${i}`;
          try {
            router.add({ id, method: spec.method, path, data: id });
            accepted.push({ id, method: spec.method, path });
          } catch (e) {
            if (!(e instanceof RouteConflictError)) throw e;
          }
        }
        fc.assert(fc.property(pathArb(accepted.map((r) => r.path)), (path) => {
          const method = methods.next().value as string;
          const got = router.find(method, path);
          const want = findRef(accepted, method, path, options);
          expect(got?.route.id, `${method} ${path}`).toBe(want?.id);
          if (got !== undefined && want !== undefined) expect(got.params(), `${method} ${path}`).toEqual(want.params);
        }), { numRuns: 40 });
      },
    ), { numRuns: 150 });
  });

  it('rejects a route exactly when the reference says it duplicates or is ambiguous with an accepted one', () => {
    // Shape key: static text (case-folded when insensitive), params erased to their regex, '*'.
    const shape = (segs: Seg[]): string[] => segs.map((s) => (s.kind === 0 ? `s:${s.text}` : s.kind === 1 ? `r:${String(s.re)}` : s.kind === 2 ? 'p' : '*'));
    fc.assert(fc.property(fc.array(routeSpec, { minLength: 1, maxLength: 12 }), fc.boolean(), (specs, caseSensitive) => {
      const o: RefOptions = { caseSensitive, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false };
      const router = new Router<string>({ caseSensitive });
      const accepted: Array<{ method: string; key: string[] }> = [];
      specs.forEach((spec, i) => {
        const path = toPattern(spec);
        const key = shape(parseRef(path, o));
        // Trees are per method and ALL routes are in every tree: two routes meet when they share a tree.
        const overlap = (m: string): boolean => m === spec.method || m === 'ALL' || spec.method === 'ALL';
        const duplicate = accepted.some((a) => a.method === spec.method && a.key.join('/') === key.join('/'));
        const ambiguous = accepted.some((a) => overlap(a.method) && key.some((k, j) => k.startsWith('r:') && a.key[j] !== undefined &&
          a.key[j].startsWith('r:') && a.key[j] !== k && a.key.slice(0, j).join('/') === key.slice(0, j).join('/')));
        let rejected = false;
        try { router.add({ id: `r${i}`, method: spec.method, path, data: '' }); } catch (e) {
          expect(e).toBeInstanceOf(RouteConflictError);
          rejected = true;
        }
        expect(rejected, `${spec.method} ${path}`).toBe(duplicate || ambiguous);
        if (!rejected) accepted.push({ method: spec.method, key });
      });
    }), { numRuns: 300 });
  });

  it('answers malformed input with a 400-class result, never a throw, from the router and the gateway', async () => {
    const router = new Router<string>();
    for (const p of ['/a/:b', '/f/*', '/s/t', '/:x/:y/:z']) router.add({ method: 'GET', path: p, data: p });
    const gateway = new Gateway({ clock: new VirtualClock(), random: new SeededRandom(1) });
    for (const p of ['/a/:b', '/f/*', '/s/t', '/:x/:y/:z']) gateway.addRoute({ path: p, target: { service: 'svc' } });
    // Bad anywhere in a segment: broken escapes (incomplete, not hex, not UTF-8) and NUL, raw or encoded.
    const badInfix = fc.constantFrom('%', '%z', '%zz', '%C3', '%ED%A0%80', '%FF', '%00', '\u0000');
    // Bad as a whole segment: dot segments, raw or encoded.
    const badSegment = fc.oneof(badInfix, fc.constantFrom('..', '.', '%2e%2E', '.%2e', '%2E'));
    const bad = fc.oneof(
      badSegment.chain((b) => fc.constantFrom(`/a/${b}`, `/f/x/${b}/y`, `/f/${b}`, `/${b}/s/t`, `/s/${b}`, `/q/${b}/r`)),
      fc.tuple(badInfix, fc.constantFrom('x', 'abc'), fc.constantFrom('/a/', '/f/', '/s/', '/x/y/', '/')).map(([b, v, at]) => `${at}${v}${b}`),
      fc.integer({ min: 8193, max: 65536 }).map((n) => '/a/' + 'x'.repeat(n)),
      fc.integer({ min: 101, max: 500 }).map((n) => '/a/' + 'y'.repeat(n)),
    );
    await fc.assert(fc.asyncProperty(bad, async (path) => {
      const l = router.lookup('GET', path);
      expect(l.status, path).toBe(RouteStatus.BAD_REQUEST);
      const res = await gateway.handle(new MeshRequest({ path }));
      expect(res.status, path).toBe(400);
      expect(res.headers.get('x-mesh-error'), path).toBe('ERR_BAD_REQUEST');
    }), { numRuns: 300 });
  });
});
