import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { InvalidVersionError, SemVer, SemVerRange } from '../../sdk/src/main/ets/registry/index';

// node-semver is in node_modules (a dependency of the toolchain): the reference implementation,
// used here only as a differential oracle.
const nodeSemver = createRequire(import.meta.url)('semver') as {
  satisfies(v: string, r: string): boolean; compare(a: string, b: string): number; valid(v: string): string | null; validRange(r: string): string | null;
};

const nat = fc.nat({ max: 30 });
const preId = fc.oneof(fc.nat({ max: 20 }).map(String), fc.constantFrom('alpha', 'beta', 'rc', 'x-1', '0a'));
const version = fc.record({
  major: nat, minor: nat, patch: nat,
  pre: fc.array(preId, { maxLength: 3 }),
  build: fc.array(fc.constantFrom('b1', '001', 'sha-7'), { maxLength: 2 }),
}).map((r) => `${r.major}.${r.minor}.${r.patch}${r.pre.length ? '-' + r.pre.join('.') : ''}${r.build.length ? '+' + r.build.join('.') : ''}`);
const release = fc.tuple(nat, nat, nat).map(([a, b, c]) => `${a}.${b}.${c}`);
const xr = fc.oneof(nat.map(String), fc.constantFrom('x', '*'));
const partial = fc.oneof(
  xr, fc.tuple(nat, xr).map(([a, b]) => `${a}.${b}`), fc.tuple(nat, nat, xr).map(([a, b, c]) => `${a}.${b}.${c}`), version.map((v) => v.split('+')[0]));
const simple = fc.tuple(fc.constantFrom('', '=', '<', '<=', '>', '>=', '~', '^'), partial).map(([op, p]) => op + p);
const range = fc.oneof(
  fc.array(simple, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(' ')),
  fc.tuple(partial, partial).map(([a, b]) => `${a} - ${b}`),
  fc.array(fc.array(simple, { minLength: 1, maxLength: 2 }).map((xs) => xs.join(' ')), { minLength: 2, maxLength: 3 }).map((xs) => xs.join(' || ')),
);

describe('SemVer', () => {
  it('prints what it parsed (property)', () => {
    fc.assert(fc.property(version, (v) => {
      expect(SemVer.parse(v).toString()).toBe(v);
      expect(nodeSemver.valid(v)).toBe(v.split('+')[0]); // node-semver drops build metadata
    }), { numRuns: 500 });
  });

  it('orders versions by semver precedence, exactly like node-semver (property)', () => {
    fc.assert(fc.property(version, version, (a, b) => {
      const c = SemVer.parse(a).compare(SemVer.parse(b));
      expect(Math.sign(c)).toBe(nodeSemver.compare(a, b));
      expect(Math.sign(SemVer.parse(b).compare(SemVer.parse(a)))).toBe(-Math.sign(c));
    }), { numRuns: 1000 });
  });

  it('sorts the semver.org example chain', () => {
    const chain = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '2.0.0', '2.1.0', '2.1.1'];
    const shuffled = chain.slice().reverse();
    expect(shuffled.map((s) => SemVer.parse(s)).sort((a, b) => a.compare(b)).map(String)).toEqual(chain);
  });

  it('rejects invalid versions with ERR_INVALID_VERSION naming the field; tryParse never throws', () => {
    for (const bad of ['', '1', '1.2', '01.2.3', '1.02.3', '1.2.3-', '1.2.3-01', 'v1.2.3', '1.2.3.4', ' 1.2.3', '1.2.3+', 'a.b.c', '9007199254740992.0.0']) {
      expect(SemVer.tryParse(bad), bad).toBeUndefined();
      try {
        SemVer.parse(bad, 'provide.version');
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidVersionError);
        expect((e as InvalidVersionError).code).toBe('ERR_INVALID_VERSION');
        expect((e as InvalidVersionError).field).toBe('provide.version');
      }
    }
    fc.assert(fc.property(fc.string(), (s) => {
      const v = SemVer.tryParse(s);
      expect(v === undefined ? null : v.toString()).toBe(nodeSemver.valid(s) === s ? s : v === undefined ? null : v.toString());
      SemVerRange.tryParse(s);
    }), { numRuns: 1000 });
  });
});

describe('SemVerRange', () => {
  it('agrees with node-semver on which versions satisfy which ranges (property)', () => {
    fc.assert(fc.property(range, fc.array(version, { minLength: 1, maxLength: 8 }), (r, vs) => {
      const ours = SemVerRange.parse(r);
      expect(nodeSemver.validRange(r), r).not.toBeNull();
      for (const v of vs) expect(ours.test(v), `${v} in ${r} (${ours})`).toBe(nodeSemver.satisfies(v, r));
    }), { numRuns: 2000 });
  });

  it('caret, tilde and hyphen ranges mean what their definitions say (property)', () => {
    fc.assert(fc.property(fc.tuple(nat, nat, nat), release, ([a, b, c], v) => {
      const ver = SemVer.parse(v);
      const base = new SemVer(a, b, c);
      const atLeast = ver.compare(base) >= 0;
      const caretCeil = a > 0 ? new SemVer(a + 1, 0, 0) : b > 0 ? new SemVer(0, b + 1, 0) : new SemVer(0, 0, c + 1);
      expect(SemVerRange.parse(`^${a}.${b}.${c}`).test(ver)).toBe(atLeast && ver.compare(caretCeil) < 0);
      expect(SemVerRange.parse(`~${a}.${b}.${c}`).test(ver)).toBe(atLeast && ver.compare(new SemVer(a, b + 1, 0)) < 0);
      expect(SemVerRange.parse(`${a}.${b}.${c} - ${a + 1}.0.0`).test(ver)).toBe(atLeast && ver.compare(new SemVer(a + 1, 0, 0)) <= 0);
      expect(SemVerRange.parse(`=${a}.${b}.${c} || >=${a + 2}.0.0`).test(ver)).toBe(ver.compare(base) === 0 || ver.major >= a + 2);
    }), { numRuns: 1000 });
  });

  it('keeps prereleases out unless the range names one on the same triple', () => {
    const r = SemVerRange.parse('^1.2.0-beta');
    expect(r.test('1.2.0-beta.2')).toBe(true);
    expect(r.test('1.3.0-beta')).toBe(false);
    expect(r.test('1.3.0')).toBe(true);
    expect(SemVerRange.parse('*').test('1.0.0-rc.1')).toBe(false);
    expect(SemVerRange.parse('>=1.0.0 <2.0.0').toString()).toBe('>=1.0.0 <2.0.0');
    expect(SemVerRange.parse('^0.0.3').toString()).toBe('>=0.0.3 <0.0.4-0');
    expect(SemVerRange.parse('>= 1.2').toString()).toBe('>=1.2.0');
  });

  it('rejects malformed ranges with ERR_INVALID_VERSION', () => {
    for (const bad of ['>>1', '1.2.3 -', '^', '1.2.3-beta.x.y !', 'a || b', '>=1.2.3-', '1..2']) {
      expect(SemVerRange.tryParse(bad), bad).toBeUndefined();
      expect(nodeSemver.validRange(bad), bad).toBeNull();
    }
    expect(() => SemVerRange.parse('1..2', 'filter.versionRange')).toThrow(/filter.versionRange/);
  });
});
