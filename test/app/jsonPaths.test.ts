import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateText } from '../../simulator/src/app/AppController';
import { locatePath, mapJsonPaths, syntaxErrorPosition } from '../../simulator/src/scenario/jsonPaths';

const lineOf = (text: string, line: number): string => text.split('\n')[line - 1];

describe('mapJsonPaths', () => {
  it('places every field of a pretty-printed document on the line of its key', () => {
    const doc = { name: 'x', devices: [{ id: 'a', services: [{ name: 's', latency: { p50: 1, p99: 2 } }] }, { id: 'b' }] };
    const text = JSON.stringify(doc, null, 2);
    const paths = mapJsonPaths(text);
    expect(lineOf(text, paths.get('devices[0].services[0].latency.p99')!.line)).toContain('"p99"');
    expect(lineOf(text, paths.get('devices[1].id')!.line)).toContain('"b"');
    expect(lineOf(text, paths.get('devices[1]')!.line).trim()).toBe('{');
    expect(paths.get('')).toMatchObject({ line: 1, column: 1 });
  });

  it('finds every key of any JSON object, at a position where the key is written', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), json, { maxKeys: 4 }), fc.boolean(), (doc, pretty) => {
      const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
      const paths = mapJsonPaths(text);
      const walk = (v: unknown, path: string): void => {
        if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else if (v !== null && typeof v === 'object') {
          for (const [k, x] of Object.entries(v)) {
            const p = path === '' ? k : `${path}.${k}`;
            const pos = paths.get(p);
            expect(pos, p).toBeDefined();
            expect(text.slice(pos!.offset).startsWith(JSON.stringify(k))).toBe(true);
            walk(x, p);
          }
        }
      };
      walk(doc, '');
    }));
  });

  it('maps what it can of broken text without throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      expect(() => mapJsonPaths(text)).not.toThrow();
    }));
    const paths = mapJsonPaths('{ "a": { "b": [1, 2,');
    expect(paths.get('a.b')).toBeDefined();
  });

  it('locates a missing field at its nearest ancestor', () => {
    const text = '{\n  "devices": [\n    { "id": "a" }\n  ]\n}';
    const pos = locatePath(mapJsonPaths(text), 'devices[0].services[3].name');
    expect(pos.line).toBe(3);
  });

  it('reads the position of a JSON syntax error', () => {
    const text = '{\n  "a": 1,\n  "b": \n}';
    let message = '';
    try {
      JSON.parse(text);
    } catch (e) {
      message = (e as Error).message;
    }
    const pos = syntaxErrorPosition(text, message);
    expect(pos?.line).toBe(4);
  });
});

describe('validateText', () => {
  it('puts the engine validator\'s messages on the lines they are about', () => {
    const text = JSON.stringify({ name: 'x', duration: '5s', devices: [{ id: 'a', type: 'phone' }, { id: 'b', type: 'toaster' }] }, null, 2);
    const issues = validateText(text);
    expect(issues.length).toBeGreaterThan(0);
    const typeIssue = issues.find((i) => i.path === 'devices[1].type');
    expect(typeIssue).toBeDefined();
    expect(lineOf(text, typeIssue!.position.line)).toContain('"toaster"');
  });

  it('reports invalid JSON with its line', () => {
    const issues = validateText('{\n  "name": "x",\n  oops\n}');
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(/not valid JSON/);
    expect(issues[0].position.line).toBe(3);
  });

  it('accepts a valid scenario', () => {
    expect(validateText(JSON.stringify({ name: 'x', duration: '5s', devices: [{ id: 'a', type: 'phone' }] }))).toEqual([]);
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid', async () => {
    const { jsonErrorOffset } = await import('../../simulator/src/scenario/jsonPaths');
    fc.assert(fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 30 }), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1)))), (text) => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(text) === undefined).toBe(valid);
    }), { numRuns: 500 });
  });
});
