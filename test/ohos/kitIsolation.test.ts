import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The HarmonyOS adapters import @kit.* modules that exist only on a device. The npm build and the
// desktop tests must therefore never load them (or sdk/Index.ets, which exports them): only
// test/ohos/loadAdapters.ts builds them, with every @kit import bound to a desktop fake.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ohosDir = path.join(root, 'sdk/src/main/ets/ohos') + path.sep;
const harIndex = path.join(root, 'sdk/Index.ets');
const isAdapter = (file: string): boolean => file.startsWith(ohosDir) && file.endsWith('.ets');

function walk(dir: string, keep: (name: string) => boolean, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) {
      if (!['node_modules', 'dist', 'build', 'fixtures', 'fakes'].includes(name)) walk(p, keep, out);
    } else if (keep(name)) out.push(p);
  }
  return out;
}

/** Runtime import specifiers of a source file (`import type` and `export type` left out). */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const ext of ['', '.ts', '.tsx', '.ets', '.mjs', '.js', '/index.ts', '/index.ets']) {
    if (fs.existsSync(base + ext) && fs.statSync(base + ext).isFile()) return base + ext;
  }
  return undefined;
}

describe('@kit isolation', () => {
  it('the npm build bundles no HarmonyOS adapter and no @kit module', async () => {
    const kitImports: string[] = [];
    const result = await build({
      entryPoints: [path.join(root, 'sdk/src/npm/index.ts')], bundle: true, write: false, metafile: true,
      format: 'esm', platform: 'neutral', target: 'es2021', logLevel: 'silent',
      plugins: [{
        name: 'record-kits',
        setup(b): void {
          b.onResolve({ filter: /^@kit\./ }, (args) => {
            kitImports.push(`${args.importer} -> ${args.path}`);
            return { path: args.path, external: true };
          });
        },
      }],
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => path.resolve(root, p));
    expect(inputs.length).toBeGreaterThan(20);
    expect(inputs.filter((p) => p.startsWith(ohosDir) || p === harIndex)).toEqual([]);
    expect(kitImports).toEqual([]);
  }, 60000);

  it('no desktop test, host or portable SDK file imports @kit.*, an adapter .ets or sdk/Index.ets', () => {
    const files = [
      ...walk(path.join(root, 'test'), (n) => /\.(ts|tsx|mjs)$/.test(n) && !n.endsWith('.d.ts')),
      ...walk(path.join(root, 'simulator'), (n) => /\.(ts|tsx|mjs)$/.test(n) && !n.endsWith('.d.ts')),
      ...walk(path.join(root, 'sdk/src'), (n) => /\.(ts|tsx)$/.test(n) && !n.endsWith('.d.ts')),
    ];
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      for (const spec of runtimeImports(fs.readFileSync(file, 'utf8'))) {
        if (spec.startsWith('@kit.')) offenders.push(`${path.relative(root, file)} imports ${spec}`);
        if (!spec.startsWith('.')) continue;
        const target = resolveRelative(file, spec);
        if (target !== undefined && (isAdapter(target) || target === harIndex)) offenders.push(`${path.relative(root, file)} imports ${path.relative(root, target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('recognises runtime imports and skips type-only ones', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export * from './c';",
      "export type { D } from './d';",
      "import './side-effect';",
      "const m = await import('./lazy');",
    ].join('\n');
    expect(runtimeImports(text).sort()).toEqual(['./a', './c', './lazy', './side-effect']);
  });
});
