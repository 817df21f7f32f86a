#!/usr/bin/env node
// The ArkTS gate. Two checks over the SDK sources, both with the official toolchain (ohos-typescript):
//  1. ArkTSLinter_1_1 over every .ts/.ets source under sdk/src/main/ets plus sdk/Index.ets, each linted
//     as an .ets copy through the ArkTS builder program, so DevEco's strict-typing diagnostics are
//     reported too (a .ts file would only get the relaxed interop checks).
//     The hypium suites under sdk/src/ohosTest are linted the same way (DevEco compiles them as ArkTS),
//     with @ohos/hypium resolved to its declarations.
//  2. A portable type-check: everything but the HarmonyOS adapters (ohos/) compiles in strict mode
//     against ES2021 plus the timers and console that HarmonyOS offers as globals: no DOM, no Node.
// Prints `file:line:col message` for each diagnostic and exits 1 on any error.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');

const isSource = (n) => (n.endsWith('.ts') || n.endsWith('.ets')) && !n.endsWith('.d.ts') && !n.endsWith('.d.ets');

function walk(dir, keep, out) {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) {
      if (name !== 'node_modules') walk(p, keep, out);
    } else if (keep(name)) out.push(p);
  }
  return out;
}

/** The SDK files the gate covers, and the declaration shims (HarmonyOS APIs) the adapters compile against. */
export function gateInputs(root = projectRoot) {
  const sources = walk(path.join(root, 'sdk/src/main/ets'), isSource, []);
  const index = path.join(root, 'sdk/Index.ets');
  if (fs.existsSync(index)) sources.push(index);
  const shims = walk(path.join(root, 'test/types'), (n) => n.endsWith('.d.ts') || n.endsWith('.d.ets'), []);
  const suites = walk(path.join(root, 'sdk/src/ohosTest/ets'), isSource, []);
  return { sources, shims, suites };
}

/**
 * Runs both checks. `root` anchors relative names; `portableExclude(rel)` says which sources the
 * portable type-check skips (the HarmonyOS adapters). Returns diagnostics, never throws on bad code.
 */
export function runGate({ root = projectRoot, sources, shims = [], suites = [], portableExclude = isOhosAdapter }) {
  const ts = require('ohos-typescript');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arkts-gate-'));
  const back = new Map();
  const roots = [];
  for (const f of sources.concat(suites, shims)) {
    const rel = path.relative(root, f);
    const isDecl = shims.includes(f);
    const dst = path.join(tmp, isDecl ? rel : rel.replace(/\.ts$/, '.ets'));
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(f, dst);
    back.set(path.resolve(dst), rel);
    roots.push(dst);
  }
  const diagnostics = [];
  const base = {
    target: ts.ScriptTarget.ES2021, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.NodeJs,
    noEmit: true, skipLibCheck: true, lib: ['lib.es2021.d.ts'], types: [],
  };
  try {
    const hypium = path.join(projectRoot, 'node_modules/@ohos/hypium/index.d.ts');
    const options = { ...base, strict: false, baseUrl: tmp, paths: { '@ohos/hypium': [hypium] } };
    const host = ts.createIncrementalCompilerHost(options);
    const prog = ts.createProgram({ rootNames: roots, options, host });
    const builder = ts.createEmitAndSemanticDiagnosticsBuilderProgramForArkTs(prog, host);
    for (const d of ts.ArkTSLinter_1_1.runArkTSLinter(builder, undefined, undefined, '1.1')) {
      if (!d.file) continue;
      const rel = back.get(path.resolve(d.file.fileName));
      if (rel === undefined || shims.some((s) => path.relative(root, s) === rel)) continue;
      diagnostics.push(toDiag(ts, d, rel, 'arkts'));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const portable = sources.filter((f) => !portableExclude(path.relative(root, f)));
  if (portable.length > 0) {
    const options = { ...base, strict: true, noImplicitReturns: true, noImplicitOverride: true };
    const prog = ts.createProgram({ rootNames: portable.concat([path.join(here, 'ohos-globals.d.ts')]), options });
    const wanted = new Set(portable.map((f) => path.resolve(f)));
    for (const sf of prog.getSourceFiles()) {
      if (!wanted.has(path.resolve(sf.fileName))) continue;
      const rel = path.relative(root, sf.fileName);
      for (const d of prog.getSyntacticDiagnostics(sf).concat(prog.getSemanticDiagnostics(sf))) {
        diagnostics.push(toDiag(ts, d, rel, 'portable'));
      }
    }
  }
  return diagnostics;
}

function isOhosAdapter(rel) {
  return rel.split(path.sep).join('/').startsWith('sdk/src/main/ets/ohos/');
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
  const { sources, shims, suites } = gateInputs();
  if (sources.length === 0) {
    console.error('arkts-gate: no SDK sources found under sdk/src/main/ets');
    process.exit(2);
  }
  const diags = runGate({ sources, shims, suites });
  for (const d of diags) console.log(formatDiag(d));
  const errors = diags.filter((d) => d.severity === 'error').length;
  console.log(`arkts-gate: ${errors} errors, ${diags.length - errors} warnings in ${sources.length} SDK files and ${suites.length} hypium suites`);
  process.exit(errors === 0 ? 0 : 1);
}
