#!/usr/bin/env node
// The ArkTS gate. Checks over the SDK and the sample app, all with the official toolchain (ohos-typescript):
//  1. ArkTSLinter_1_1 over every .ts/.ets source under sdk/src/main/ets plus sdk/Index.ets, each linted
//     as an .ets copy through the ArkTS builder program, so DevEco's strict-typing diagnostics are
//     reported too (a .ts file would only get the relaxed interop checks).
//     The hypium suites under sdk/src/ohosTest are linted the same way (DevEco compiles them as ArkTS),
//     with @ohos/hypium resolved to its declarations.
//     The HarmonyOS adapters (sdk/src/main/ets/ohos/**/*.ets, which import @kit.*) are linted in the
//     same program and also type-checked there against the declaration shims in test/types/ohos.
//  2. A portable type-check: everything but the HarmonyOS adapters (the .ets files under ohos/)
//     compiles in strict mode against ES2021 plus the timers and console that HarmonyOS offers as
//     globals: no DOM, no Node, no @kit.* (so the pure .ts helpers under ohos/ are checked here too).
//  3. The sample app (entry/src/**/*.ets: pages, abilities, the ohosTest runner and suites) is linted
//     and strictly type-checked as ArkUI code: the `ets` compiler options of DevEco's ets-loader
//     (structs, component builders, decorators), the ArkUI component declarations of
//     test/types/ohos/arkui as `ets.libs`, the @kit shims, and @arkmesh/sdk resolved to sdk/Index.ets.
// Prints `file:line:col message` for each diagnostic and exits 1 on any error.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { etsCompilerOptions } from './ets-options.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');

const isSource = (n) => (n.endsWith('.ts') || n.endsWith('.ets')) && !n.endsWith('.d.ts') && !n.endsWith('.d.ets');
const isEts = (n) => n.endsWith('.ets') && !n.endsWith('.d.ets');
const posix = (rel) => rel.split(path.sep).join('/');

function walk(dir, keep, out) {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) {
      if (name !== 'node_modules' && name !== 'build' && name !== 'oh_modules') walk(p, keep, out);
    } else if (keep(name)) out.push(p);
  }
  return out;
}

/** True for ArkUI component declarations (loaded as `ets.libs`, not as ordinary shims, by the app check). */
export function isArkUiDeclaration(rel) {
  return posix(rel).includes('/arkui/');
}

/**
 * The files the gate covers: SDK sources, the declaration shims (HarmonyOS APIs) the adapters and
 * the app compile against, the SDK's hypium suites, and the sample app's .ets files.
 */
export function gateInputs(root = projectRoot) {
  const sources = walk(path.join(root, 'sdk/src/main/ets'), isSource, []);
  const index = path.join(root, 'sdk/Index.ets');
  if (fs.existsSync(index)) sources.push(index);
  const shims = walk(path.join(root, 'test/types'), (n) => n.endsWith('.d.ts') || n.endsWith('.d.ets'), []);
  const suites = walk(path.join(root, 'sdk/src/ohosTest/ets'), isSource, []);
  const app = walk(path.join(root, 'entry/src'), isEts, []);
  return { sources, shims, suites, app };
}

/**
 * Runs the checks. `root` anchors relative names; `portableExclude(rel)` says which sources the
 * portable type-check skips (the HarmonyOS adapters); `adapterCheck(rel)` says which sources are
 * also type-checked against the shims. Returns diagnostics, never throws on bad code.
 */
export function runGate({
  root = projectRoot, sources, shims = [], suites = [], app = [], portableExclude = isOhosAdapter, adapterCheck = isOhosAdapter,
}) {
  const ts = require('ohos-typescript');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arkts-gate-'));
  const back = new Map();
  const copy = (f, keepName) => {
    const rel = path.relative(root, f);
    // Files outside `root` (the real shims, when a test lints fixtures) go under one flat folder.
    const inside = rel.startsWith('..') || path.isAbsolute(rel) ? path.join('__external', path.resolve(f).replace(/[:\\/]/g, '_')) : rel;
    const dst = path.join(tmp, keepName ? inside : inside.replace(/\.ts$/, '.ets'));
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(f, dst);
    back.set(path.resolve(dst), rel);
    return dst;
  };
  const shimRels = new Set(shims.map((s) => path.relative(root, s)));
  const diagnostics = [];
  const seen = new Set();
  const push = (d, rel, check) => {
    const diag = toDiag(ts, d, rel, check);
    const key = `${diag.file}:${diag.line}:${diag.col}:${diag.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      diagnostics.push(diag);
    }
  };
  const base = {
    target: ts.ScriptTarget.ES2021, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.NodeJs,
    noEmit: true, skipLibCheck: true, lib: ['lib.es2021.d.ts'], types: [],
  };
  const hypium = path.join(projectRoot, 'node_modules/@ohos/hypium/index.d.ts');
  try {
    const sdkRoots = sources.concat(suites).map((f) => copy(f, false));
    const shimCopies = shims.map((f) => copy(f, true));
    const appRoots = app.map((f) => copy(f, true));

    // 1. Lint the SDK (and type-check the adapters) in one program.
    {
      const options = { ...base, strict: false, baseUrl: tmp, paths: { '@ohos/hypium': [hypium] } };
      const host = ts.createIncrementalCompilerHost(options);
      const prog = ts.createProgram({ rootNames: sdkRoots.concat(shimCopies), options, host });
      const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgramForArkTs(prog, host);
      for (const d of ts.ArkTSLinter_1_1.runArkTSLinter(builder, undefined, undefined, '1.1')) {
        if (!d.file) continue;
        const rel = back.get(path.resolve(d.file.fileName));
        if (rel === undefined || shimRels.has(rel)) continue;
        push(d, rel, 'arkts');
      }
      for (const sf of prog.getSourceFiles()) {
        const rel = back.get(path.resolve(sf.fileName));
        if (rel === undefined || shimRels.has(rel) || !adapterCheck(rel)) continue;
        for (const d of prog.getSyntacticDiagnostics(sf).concat(prog.getSemanticDiagnostics(sf))) push(d, rel, 'ohos');
      }
    }

    // 3. Lint and strictly type-check the app as ArkUI code.
    if (appRoots.length > 0) {
      const uiLibs = shimCopies.filter((c) => isArkUiDeclaration(back.get(path.resolve(c))));
      const kitShims = shimCopies.filter((c) => !uiLibs.includes(c));
      const index = path.join(tmp, 'sdk/Index.ets');
      const options = {
        ...base, strict: true, noImplicitReturns: true, experimentalDecorators: true, baseUrl: tmp,
        paths: { '@ohos/hypium': [hypium], '@arkmesh/sdk': [index] }, ets: etsCompilerOptions(uiLibs),
      };
      const host = ts.createIncrementalCompilerHost(options);
      // The timers and console HarmonyOS offers as globals are there for app code too.
      const prog = ts.createProgram({ rootNames: appRoots.concat(kitShims, [path.join(here, 'ohos-globals.d.ts')]), options, host });
      const appRels = new Set(app.map((f) => path.relative(root, f)));
      const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgramForArkTs(prog, host);
      for (const d of ts.ArkTSLinter_1_1.runArkTSLinter(builder, undefined, undefined, '1.1')) {
        const rel = d.file ? back.get(path.resolve(d.file.fileName)) : undefined;
        if (rel !== undefined && appRels.has(rel)) push(d, rel, 'app');
      }
      for (const sf of prog.getSourceFiles()) {
        const rel = back.get(path.resolve(sf.fileName));
        if (rel === undefined || !appRels.has(rel)) continue;
        for (const d of prog.getSyntacticDiagnostics(sf).concat(prog.getSemanticDiagnostics(sf))) push(d, rel, 'app');
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  // 2. The portable type-check, on the original files.
  const portable = sources.filter((f) => !portableExclude(path.relative(root, f)));
  if (portable.length > 0) {
    const options = { ...base, strict: true, noImplicitReturns: true, noImplicitOverride: true };
    const prog = ts.createProgram({ rootNames: portable.concat([path.join(here, 'ohos-globals.d.ts')]), options });
    const wanted = new Set(portable.map((f) => path.resolve(f)));
    for (const sf of prog.getSourceFiles()) {
      if (!wanted.has(path.resolve(sf.fileName))) continue;
      const rel = path.relative(root, sf.fileName);
      for (const d of prog.getSyntacticDiagnostics(sf).concat(prog.getSemanticDiagnostics(sf))) push(d, rel, 'portable');
    }
  }
  return diagnostics;
}

/** The HarmonyOS adapters: .ets files under sdk/src/main/ets/ohos (the .ts helpers there are portable). */
export function isOhosAdapter(rel) {
  const p = posix(rel);
  return p.startsWith('sdk/src/main/ets/ohos/') && p.endsWith('.ets');
}

function toDiag(ts, d, rel, check) {
  const lc = d.file.getLineAndCharacterOfPosition(d.start);
  return {
    file: rel, line: lc.line + 1, col: lc.character + 1, check,
    severity: d.category === ts.DiagnosticCategory.Error ? 'error' : 'warning',
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
  };
}

export function formatDiag(d) {
  return `${d.file}:${d.line}:${d.col} ${d.severity} [${d.check}] ${d.message}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { sources, shims, suites, app } = gateInputs();
  if (sources.length === 0) {
    console.error('arkts-gate: no SDK sources found under sdk/src/main/ets');
    process.exit(2);
  }
  const diags = runGate({ sources, shims, suites, app });
  for (const d of diags) console.log(formatDiag(d));
  const errors = diags.filter((d) => d.severity === 'error').length;
  console.log(`arkts-gate: ${errors} errors, ${diags.length - errors} warnings in ${sources.length} SDK files, `
    + `${suites.length} hypium suites and ${app.length} app files`);
  process.exit(errors === 0 ? 0 : 1);
}
