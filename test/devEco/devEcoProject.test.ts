import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDevEcoProject } from './checkDevEcoProject';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Copies the DevEco-relevant files of the project into a temp dir, applies `edit`, and checks it.
function checkMutated(edit: (dir: string) => void): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deveco-'));
  try {
    for (const part of ['AppScope', 'hvigor', 'entry', 'build-profile.json5', 'oh-package.json5', 'hvigorfile.ts', 'code-linter.json5']) {
      fs.cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
    }
    fs.cpSync(path.join(root, 'sdk'), path.join(dir, 'sdk'), {
      recursive: true,
      filter: (src) => !src.includes('node_modules') && !src.includes(`${path.sep}dist`),
    });
    edit(dir);
    return checkDevEcoProject(dir).problems;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const rewrite = (dir: string, rel: string, from: string, to: string): void => {
  const file = path.join(dir, rel);
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
};

describe('DevEco project files', () => {
  it('parse as JSON5 and cross-reference correctly', () => {
    const { problems, json5Files } = checkDevEcoProject(root);
    expect(problems).toEqual([]);
    expect(json5Files).toEqual(expect.arrayContaining([
      'build-profile.json5', 'oh-package.json5', 'hvigor/hvigor-config.json5', 'AppScope/app.json5',
      'sdk/oh-package.json5', 'sdk/build-profile.json5', 'sdk/src/main/module.json5',
      'entry/oh-package.json5', 'entry/build-profile.json5', 'entry/src/main/module.json5', 'entry/src/ohosTest/module.json5',
    ]));
  });

  const mutations: Array<[string, (dir: string) => void, RegExp]> = [
    ['a syntax error', (d) => rewrite(d, 'sdk/build-profile.json5', '"apiType"', '"apiType" ::'), /sdk\/build-profile\.json5: does not parse as JSON5/],
    ['a missing srcPath', (d) => rewrite(d, 'build-profile.json5', '"srcPath": "./sdk"', '"srcPath": "./nowhere"'), /srcPath \.\/nowhere does not exist/],
    ['a HAR main that does not exist', (d) => rewrite(d, 'sdk/oh-package.json5', '"main": "Index.ets"', '"main": "Main.ets"'), /main Main\.ets does not exist/],
    ['a wrong HAR name', (d) => rewrite(d, 'sdk/oh-package.json5', '"name": "@arkmesh/sdk"', '"name": "arkmesh"'), /name must be "@arkmesh\/sdk"/],
    ['a non-semver version', (d) => rewrite(d, 'sdk/oh-package.json5', '"version": "0.1.0"', '"version": "1.0"'), /version must be semver/],
    ['an entry not depending on the HAR by file path', (d) => rewrite(d, 'entry/oh-package.json5', '"file:../sdk"', '"^0.1.0"'), /must be a file: path/],
    ['a bad bundle name', (d) => rewrite(d, 'AppScope/app.json5', 'com.arkmesh.demo', 'Demo App'), /bundleName must be a reverse-domain name/],
    ['a module of the wrong type', (d) => rewrite(d, 'sdk/src/main/module.json5', '"type": "har"', '"type": "shared"'), /module\.type must be "har"/],
    ['an undefined string resource', (d) => rewrite(d, 'entry/src/main/module.json5', '$string:dsync_reason', '$string:nope'), /\$string:nope is not defined/],
    ['a missing page', (d) => rewrite(d, 'entry/src/main/resources/base/profile/main_pages.json', 'pages/Index', 'pages/Gone'), /page pages\/Gone has no ets/],
    ['a bad SDK version format', (d) => rewrite(d, 'build-profile.json5', '5.0.0(12)', '12'), /compatibleSdkVersion must look like/],
    ['a module name mismatch', (d) => rewrite(d, 'entry/src/main/module.json5', '"name": "entry"', '"name": "app"'), /must equal module\.name/],
    ['a missing hypium devDependency', (d) => rewrite(d, 'oh-package.json5', '"@ohos/hypium"', '"@ohos/other"'), /@ohos\/hypium/],
    ['a wrongly named entry test module', (d) => rewrite(d, 'entry/src/ohosTest/module.json5', '"entry_test"', '"entry_tests"'), /module\.name must be "entry_test"/],
    ['a missing test ability source', (d) => rewrite(d, 'entry/src/ohosTest/module.json5', './ets/testability/TestAbility.ets', './ets/testability/Gone.ets'), /srcEntry \.\/ets\/testability\/Gone\.ets does not exist/],
    ['a device suite List.test.ets does not register', (d) => rewrite(d, 'entry/src/ohosTest/ets/test/List.test.ets', "'./OhosCrypto.test'", "'./Other.test'"), /OhosCrypto\.test\.ets: not imported by List\.test\.ets/],
    ['a missing INTERNET permission', (d) => rewrite(d, 'entry/src/main/module.json5', '{ "name": "ohos.permission.INTERNET" },', ''), /must declare ohos\.permission\.INTERNET/],
    ['a permission used by an ability that does not exist', (d) => rewrite(d, 'entry/src/main/module.json5', '"abilities": ["EntryAbility"]', '"abilities": ["MainAbility"]'), /usedScene\.abilities names "MainAbility"/],
    ['a bad usedScene.when', (d) => rewrite(d, 'entry/src/main/module.json5', '"when": "inuse"', '"when": "sometimes"'), /usedScene\.when must be/],
    ['a page the profile lists without a file', (d) => rewrite(d, 'entry/src/main/resources/base/profile/main_pages.json', 'pages/Handoff', 'pages/Handover'), /page pages\/Handover has no ets/],
    ['an undefined test resource', (d) => rewrite(d, 'entry/src/ohosTest/module.json5', '$string:TestAbility_label', '$string:nope'), /\$string:nope is not defined in entry\/src\/ohosTest/],
  ];
  for (const [what, edit, expected] of mutations) {
    it(`reports ${what} with a clear message`, () => {
      const problems = checkMutated(edit);
      expect(problems.join('\n')).toMatch(expected);
    });
  }
});
