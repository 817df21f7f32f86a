#!/usr/bin/env node
// Runs the hypium suites registered in a List.test.ets under Node, with the real @ohos/hypium
// package and a desktop ability delegator. The suites are the very files DevEco runs as ohosTest:
// esbuild bundles them (ArkTS .ets that is plain TypeScript) together with hypium, and the
// delegator turns hypium's OHOS_REPORT protocol into one line per case and a closing count.
//
//   node test/hypium/run-hypium.mjs [path/to/List.test.ets ...]   (default: the SDK's suites)
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lists = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const listFiles = (lists.length > 0 ? lists : ['sdk/src/ohosTest/ets/test/List.test.ets']).map((f) => path.resolve(root, f));
const timeoutMs = Number(process.env.HYPIUM_TIMEOUT_MS ?? 20000);

/** Parses hypium's OHOS_REPORT blocks into case results. */
export class ReportParser {
  constructor(onCase) {
    this.onCase = onCase;
    this.fields = {};
    this.stack = '';
    this.summary = undefined;
  }

  feed(text) {
    for (const line of text.split('\n')) {
      let m;
      if ((m = /^OHOS_REPORT_STATUS: class=(.*)$/.exec(line))) this.fields.class = m[1];
      else if ((m = /^OHOS_REPORT_STATUS: test=(.*)$/.exec(line))) this.fields.test = m[1];
      else if ((m = /^OHOS_REPORT_STATUS: stack=(.*)$/.exec(line))) this.stack = m[1];
      else if ((m = /^OHOS_REPORT_STATUS_CODE: (-?\d+)$/.exec(line))) {
        const code = Number(m[1]);
        if (code !== 1) this.onCase({ suite: this.fields.class, name: this.fields.test, code, message: this.stack });
        this.stack = '';
      } else if ((m = /^OHOS_REPORT_RESULT: stream=Tests run: (\d+), Failure: (\d+), Error: (\d+), Pass: (\d+), Ignore: (\d+)/.exec(line))) {
        this.summary = { total: +m[1], failure: +m[2], error: +m[3], pass: +m[4], ignore: +m[5] };
      }
    }
  }
}

async function bundleSuites(listFile) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hypium-'));
  const entry = path.join(out, 'entry.mjs');
  fs.writeFileSync(entry, [
    `import { Hypium } from ${JSON.stringify(path.join(root, 'node_modules/@ohos/hypium/index.js'))};`,
    `import testsuite from ${JSON.stringify(listFile)};`,
    'export { Hypium, testsuite };',
  ].join('\n'));
  const outfile = path.join(out, 'bundle.mjs');
  await build({
    entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'es2021',
    loader: { '.ets': 'ts' }, resolveExtensions: ['.ets', '.ts', '.js', '.mjs'], logLevel: 'warning',
    nodePaths: [path.join(root, 'node_modules')],
  });
  return { outfile, dir: out };
}

async function runList(listFile) {
  const { outfile, dir } = await bundleSuites(listFile);
  const { Hypium, testsuite } = await import(pathToFileURL(outfile).href);
  const results = [];
  const parser = new ReportParser((c) => {
    results.push(c);
    const mark = c.code === 0 ? 'ok  ' : c.code === -2 ? 'FAIL' : 'ERR ';
    process.stdout.write(`${mark} ${c.suite} > ${c.name}${c.code === 0 ? '' : `\n       ${c.message}`}\n`);
  });
  // hypium logs every step through console.info/log; keep the output to the case lines.
  const saved = { info: console.info, log: console.log, debug: console.debug };
  console.info = console.log = console.debug = () => {};
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hypium run did not finish within ${timeoutMs} ms`)), timeoutMs);
      const delegator = {
        printSync: (msg) => parser.feed(String(msg)),
        print: async (msg) => parser.feed(String(msg)),
        finishTest: (_msg, _code, cb) => { clearTimeout(timer); if (typeof cb === 'function') cb(); resolve(); },
        executeShellCommand: (_cmd, _t, cb) => cb(undefined, { stdResult: '', exitCode: 0 }),
      };
      Hypium.hypiumTest(delegator, { bundleName: 'com.arkmesh.desktop', parameters: { timeout: String(timeoutMs) } }, testsuite);
    });
  } finally {
    Object.assign(console, saved);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { results, summary: parser.summary };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let passed = 0;
  let failed = 0;
  try {
    for (const list of listFiles) {
      console.log(`hypium: ${path.relative(root, list)}`);
      const { results, summary } = await runList(list);
      passed += results.filter((r) => r.code === 0).length;
      failed += results.filter((r) => r.code !== 0).length;
      if (!summary) throw new Error('hypium finished without a result summary');
      if (summary.total !== results.length) throw new Error(`hypium reported ${summary.total} cases but ran ${results.length}`);
    }
  } catch (e) {
    console.log(`hypium: ${e.message}`);
    failed++;
  }
  // The adapter suites in entry/src/ohosTest need HarmonyOS APIs (@kit.*): they are device-only.
  const deviceOnly = path.join(root, 'entry/src/ohosTest/ets/test');
  if (lists.length === 0 && fs.existsSync(deviceOnly)) {
    const names = fs.readdirSync(deviceOnly).filter((f) => f.endsWith('.test.ets') && f !== 'List.test.ets').sort();
    console.log(`hypium: device-only, not run on the desktop: ${names.join(', ')} (entry/src/ohosTest; `
      + 'hdc shell aa test -b com.arkmesh.demo -m entry_test -s unittest /ets/testrunner/OpenHarmonyTestRunner)');
  }
  if (passed + failed === 0) {
    console.log('hypium: no cases registered (is every suite called from List.test.ets?)');
    failed = 1;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}
