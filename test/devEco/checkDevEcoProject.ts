// Checks the DevEco project files the way DevEco/hvigor would read them: every *.json5 parses,
// and the cross-references hold (module srcPaths, HAR main, entry -> @arkmesh/sdk file dependency,
// resources referenced by $string/$media/$color/$profile, bundle name and version formats).
import fs from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';

type Json = Record<string, unknown>;

export interface DevEcoCheck {
  problems: string[];
  json5Files: string[];
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const SDK_VERSION = /^\d+\.\d+\.\d+\(\d+\)$/;
const BUNDLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)+$/;

function listJson5(root: string, dir = root, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    if (['node_modules', '.git', 'dist', 'build', 'oh_modules', '.hvigor'].includes(name)) continue;
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) listJson5(root, p, out);
    else if (name.endsWith('.json5')) out.push(path.relative(root, p));
  }
  return out.sort();
}

export function checkDevEcoProject(root: string): DevEcoCheck {
  const problems: string[] = [];
  const parsed = new Map<string, Json>();
  const json5Files = listJson5(root);
  for (const rel of json5Files) {
    try {
      const value = JSON5.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
      if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`${rel}: top level must be an object`);
      else parsed.set(rel, value as Json);
    } catch (e) {
      problems.push(`${rel}: does not parse as JSON5 (${(e as Error).message})`);
    }
  }
  const need = (rel: string): Json | undefined => {
    const v = parsed.get(rel);
    if (v === undefined && !problems.some((p) => p.startsWith(`${rel}:`))) problems.push(`${rel}: missing`);
    return v;
  };
  const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const exists = (rel: string): boolean => fs.existsSync(path.join(root, rel));

  // Root project files.
  for (const [file, task] of [['hvigorfile.ts', 'appTasks'], ['entry/hvigorfile.ts', 'hapTasks'], ['sdk/hvigorfile.ts', 'harTasks']]) {
    if (!exists(file)) problems.push(`${file}: missing`);
    else if (!fs.readFileSync(path.join(root, file), 'utf8').includes(task)) problems.push(`${file}: must use ${task} from @ohos/hvigor-ohos-plugin`);
  }
  const hvigor = need('hvigor/hvigor-config.json5');
  if (hvigor && typeof hvigor.modelVersion !== 'string') problems.push('hvigor/hvigor-config.json5: modelVersion must be a string');
  const rootPkg = need('oh-package.json5');
  if (rootPkg) {
    if (typeof rootPkg.modelVersion !== 'string') problems.push('oh-package.json5: modelVersion must be a string');
    if (str(obj(rootPkg.devDependencies)?.['@ohos/hypium']) === undefined) problems.push('oh-package.json5: devDependencies must include @ohos/hypium');
  }

  const app = need('AppScope/app.json5');
  const appInfo = obj(app?.app);
  if (app && !appInfo) problems.push('AppScope/app.json5: app must be an object');
  if (appInfo) {
    const bundle = str(appInfo.bundleName);
    if (!bundle || !BUNDLE_NAME.test(bundle) || bundle.length < 7 || bundle.length > 128) {
      problems.push(`AppScope/app.json5: app.bundleName must be a reverse-domain name of 7-128 characters (got ${JSON.stringify(appInfo.bundleName)})`);
    }
    if (!Number.isInteger(appInfo.versionCode) || (appInfo.versionCode as number) < 0) problems.push('AppScope/app.json5: app.versionCode must be a non-negative integer');
    if (!str(appInfo.versionName) || !/^\d+(\.\d+){1,3}$/.test(appInfo.versionName as string)) problems.push('AppScope/app.json5: app.versionName must look like 1.0.0');
    checkResourceRef(root, 'AppScope', 'AppScope/app.json5: app.icon', appInfo.icon, problems);
    checkResourceRef(root, 'AppScope', 'AppScope/app.json5: app.label', appInfo.label, problems);
  }

  const profile = need('build-profile.json5');
  if (profile) {
    const products = obj(profile.app)?.products;
    if (!Array.isArray(products) || products.length === 0) problems.push('build-profile.json5: app.products must be a non-empty array');
    else products.forEach((p, i) => {
      const prod = obj(p) ?? {};
      if (!str(prod.name)) problems.push(`build-profile.json5: app.products[${i}].name is required`);
      if (prod.runtimeOS === 'HarmonyOS' && !SDK_VERSION.test(str(prod.compatibleSdkVersion) ?? '')) {
        problems.push(`build-profile.json5: app.products[${i}].compatibleSdkVersion must look like "5.0.0(12)" for runtimeOS HarmonyOS`);
      }
    });
    const modules = profile.modules;
    if (!Array.isArray(modules)) problems.push('build-profile.json5: modules must be an array');
    else {
      const names = modules.map((m) => str(obj(m)?.name));
      for (const required of ['entry', 'sdk']) if (!names.includes(required)) problems.push(`build-profile.json5: modules must include "${required}"`);
      modules.forEach((m, i) => {
        const mod = obj(m) ?? {};
        const name = str(mod.name);
        const src = str(mod.srcPath);
        if (!name || !src) { problems.push(`build-profile.json5: modules[${i}] needs name and srcPath`); return; }
        if (!exists(src)) { problems.push(`build-profile.json5: modules[${i}].srcPath ${src} does not exist`); return; }
        const moduleJson = parsed.get(path.join(path.normalize(src), 'src/main/module.json5'));
        const declared = str(obj(moduleJson?.module)?.name);
        if (declared !== name) problems.push(`build-profile.json5: modules[${i}].name "${name}" must equal module.name in ${src}/src/main/module.json5 (got ${JSON.stringify(declared)})`);
      });
    }
  }

  // The HAR.
  const sdkPkg = need('sdk/oh-package.json5');
  if (sdkPkg) {
    if (sdkPkg.name !== '@arkmesh/sdk') problems.push(`sdk/oh-package.json5: name must be "@arkmesh/sdk" (got ${JSON.stringify(sdkPkg.name)})`);
    if (!SEMVER.test(str(sdkPkg.version) ?? '')) problems.push(`sdk/oh-package.json5: version must be semver (got ${JSON.stringify(sdkPkg.version)})`);
    for (const field of ['description', 'license', 'author']) if (!str(sdkPkg[field])) problems.push(`sdk/oh-package.json5: ${field} is required`);
    const main = str(sdkPkg.main);
    if (!main) problems.push('sdk/oh-package.json5: main is required');
    else if (!exists(path.join('sdk', main))) problems.push(`sdk/oh-package.json5: main ${main} does not exist`);
  }
  for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE']) if (!exists(`sdk/${f}`)) problems.push(`sdk/${f}: required to publish the HAR`);
  const sdkModule = obj(need('sdk/src/main/module.json5')?.module);
  if (sdkModule) {
    if (sdkModule.type !== 'har') problems.push(`sdk/src/main/module.json5: module.type must be "har" (got ${JSON.stringify(sdkModule.type)})`);
    if (sdkModule.abilities !== undefined || sdkModule.pages !== undefined) problems.push('sdk/src/main/module.json5: a HAR declares no abilities or pages');
  }
  const sdkTest = obj(need('sdk/src/ohosTest/module.json5')?.module);
  if (sdkTest && sdkTest.name !== 'sdk_test') problems.push('sdk/src/ohosTest/module.json5: module.name must be "sdk_test"');
  if (!exists('sdk/src/ohosTest/ets/test/List.test.ets')) problems.push('sdk/src/ohosTest/ets/test/List.test.ets: missing');

  // The HAP.
  const entryPkg = need('entry/oh-package.json5');
  if (entryPkg) {
    const dep = str(obj(entryPkg.dependencies)?.['@arkmesh/sdk']);
    if (!dep || !dep.startsWith('file:')) problems.push('entry/oh-package.json5: dependencies["@arkmesh/sdk"] must be a file: path to the HAR');
    else {
      const target = path.join('entry', dep.slice('file:'.length));
      const targetPkg = parsed.get(path.join(path.normalize(target), 'oh-package.json5'));
      if (targetPkg?.name !== '@arkmesh/sdk') problems.push(`entry/oh-package.json5: ${dep} does not point at the @arkmesh/sdk HAR`);
    }
  }
  const entryModule = obj(need('entry/src/main/module.json5')?.module);
  if (entryModule) checkEntryModule(root, entryModule, problems);
  // The HAP's instrument tests (entry/src/ohosTest): the explicit layout with a test ability.
  const entryTest = obj(need('entry/src/ohosTest/module.json5')?.module);
  if (entryTest) checkTestModule(root, 'entry/src/ohosTest', 'entry_test', entryTest, problems);
  return { problems, json5Files };
}

/**
 * An ohosTest module: `name` as hvigor expects, type feature, abilities whose srcEntry and resources
 * exist, a pages profile whose pages exist, and ets/test holding only `*.test.ets` files, each suite
 * imported by List.test.ets (hypium only runs what List.test.ets registers).
 */
function checkTestModule(root: string, dir: string, name: string, m: Json, problems: string[]): void {
  const where = `${dir}/module.json5`;
  if (m.name !== name) problems.push(`${where}: module.name must be "${name}"`);
  if (m.type !== 'feature') problems.push(`${where}: module.type must be "feature"`);
  const abilities = Array.isArray(m.abilities) ? (m.abilities as Json[]) : [];
  if (abilities.length > 0 && !abilities.some((a) => a.name === m.mainElement)) {
    problems.push(`${where}: module.mainElement ${JSON.stringify(m.mainElement)} is not one of the abilities`);
  }
  abilities.forEach((a, i) => {
    const src = typeof a.srcEntry === 'string' ? a.srcEntry : '';
    if (!fs.existsSync(path.join(root, dir, src))) problems.push(`${where}: abilities[${i}].srcEntry ${src} does not exist`);
    for (const key of ['description', 'icon', 'label', 'startWindowIcon', 'startWindowBackground']) {
      checkResourceRef(root, dir, `${where}: abilities[${i}].${key}`, a[key], problems);
    }
  });
  if (m.description !== undefined) checkResourceRef(root, dir, `${where}: module.description`, m.description, problems);
  if (typeof m.pages === 'string') {
    const file = path.join(root, dir, 'resources/base/profile', `${m.pages.replace('$profile:', '')}.json`);
    if (!m.pages.startsWith('$profile:') || !fs.existsSync(file)) problems.push(`${where}: pages ${m.pages} has no profile file`);
    else {
      for (const p of (JSON.parse(fs.readFileSync(file, 'utf8')) as { src?: string[] }).src ?? []) {
        if (!fs.existsSync(path.join(root, dir, 'ets', `${p}.ets`))) problems.push(`${where}: page ${p} has no ets/${p}.ets`);
      }
    }
  }
  const testDir = path.join(root, dir, 'ets/test');
  const list = path.join(testDir, 'List.test.ets');
  if (!fs.existsSync(list)) {
    problems.push(`${dir}/ets/test/List.test.ets: missing`);
    return;
  }
  const listText = fs.readFileSync(list, 'utf8');
  for (const f of fs.readdirSync(testDir)) {
    if (!f.endsWith('.test.ets')) problems.push(`${dir}/ets/test/${f}: files under ets/test must end in .test.ets`);
    else if (f !== 'List.test.ets' && !listText.includes(`'./${f.slice(0, -'.ets'.length)}'`)) {
      problems.push(`${dir}/ets/test/${f}: not imported by List.test.ets, so hypium never runs it`);
    }
  }
}

function checkEntryModule(root: string, m: Json, problems: string[]): void {
  const where = 'entry/src/main/module.json5';
  const res = 'entry/src/main';
  if (m.type !== 'entry') problems.push(`${where}: module.type must be "entry"`);
  const abilities = Array.isArray(m.abilities) ? (m.abilities as Json[]) : [];
  if (abilities.length === 0) problems.push(`${where}: module.abilities must list EntryAbility`);
  if (!abilities.some((a) => a.name === m.mainElement)) problems.push(`${where}: module.mainElement ${JSON.stringify(m.mainElement)} is not one of the abilities`);
  abilities.forEach((a, i) => {
    const src = typeof a.srcEntry === 'string' ? a.srcEntry : '';
    if (!fs.existsSync(path.join(root, res, src))) problems.push(`${where}: abilities[${i}].srcEntry ${src} does not exist`);
    for (const key of ['description', 'icon', 'label', 'startWindowIcon', 'startWindowBackground']) {
      checkResourceRef(root, res, `${where}: abilities[${i}].${key}`, a[key], problems);
    }
  });
  checkResourceRef(root, res, `${where}: module.description`, m.description, problems);
  const pages = typeof m.pages === 'string' ? m.pages : '';
  if (!pages.startsWith('$profile:')) problems.push(`${where}: module.pages must be a $profile: reference`);
  else {
    const file = path.join(root, res, 'resources/base/profile', `${pages.slice('$profile:'.length)}.json`);
    if (!fs.existsSync(file)) problems.push(`${where}: pages profile ${pages} has no file`);
    else {
      const list = (JSON.parse(fs.readFileSync(file, 'utf8')) as { src?: string[] }).src ?? [];
      if (list.length === 0) problems.push(`${where}: pages profile lists no page`);
      for (const p of list) if (!fs.existsSync(path.join(root, res, 'ets', `${p}.ets`))) problems.push(`${where}: page ${p} has no ets/${p}.ets`);
    }
  }
  const perms = Array.isArray(m.requestPermissions) ? (m.requestPermissions as Json[]) : [];
  const abilityNames = abilities.map((a) => a.name);
  perms.forEach((p, i) => {
    // user_grant permissions need a reason and a usage scene, or the store rejects the app.
    if (p.name === 'ohos.permission.DISTRIBUTED_DATASYNC') {
      checkResourceRef(root, res, `${where}: requestPermissions[${i}].reason`, p.reason, problems);
      if (typeof p.usedScene !== 'object' || p.usedScene === null) problems.push(`${where}: requestPermissions[${i}].usedScene is required for ${p.name}`);
    }
    // usedScene: abilities that exist, `when` one of the two documented values (module.json5 schema).
    const scene = p.usedScene as Json | undefined;
    if (typeof scene === 'object' && scene !== null) {
      const used = Array.isArray(scene.abilities) ? (scene.abilities as unknown[]) : [];
      for (const a of used) if (!abilityNames.includes(a)) problems.push(`${where}: requestPermissions[${i}].usedScene.abilities names ${JSON.stringify(a)}, which is not an ability of the module`);
      if (scene.when !== undefined && scene.when !== 'inuse' && scene.when !== 'always') problems.push(`${where}: requestPermissions[${i}].usedScene.when must be "inuse" or "always"`);
    }
  });
  // The sample starts a mesh node: createOhosMesh needs sockets (INTERNET) and trusted devices (DISTRIBUTED_DATASYNC).
  for (const needed of ['ohos.permission.INTERNET', 'ohos.permission.DISTRIBUTED_DATASYNC']) {
    if (!perms.some((p) => p.name === needed)) problems.push(`${where}: requestPermissions must declare ${needed} (the mesh node uses it)`);
  }
}

/** A `$string:x` / `$media:x` / `$color:x` reference must exist under `<moduleDir>/resources/base`. */
function checkResourceRef(root: string, moduleDir: string, where: string, ref: unknown, problems: string[]): void {
  if (typeof ref !== 'string' || !ref.startsWith('$')) {
    problems.push(`${where} must be a resource reference like $string:name (got ${JSON.stringify(ref)})`);
    return;
  }
  const [kind, name] = ref.slice(1).split(':');
  const base = path.join(root, moduleDir, 'resources/base');
  if (kind === 'media') {
    const found = ['png', 'jpg', 'json', 'svg'].some((ext) => fs.existsSync(path.join(base, 'media', `${name}.${ext}`)));
    if (!found) problems.push(`${where}: ${ref} has no file in ${moduleDir}/resources/base/media`);
    return;
  }
  if (kind === 'string' || kind === 'color') {
    const file = path.join(base, 'element', `${kind}.json`);
    const entries = fs.existsSync(file) ? ((JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Array<{ name: string }>>)[kind] ?? []) : [];
    if (!entries.some((e) => e.name === name)) problems.push(`${where}: ${ref} is not defined in ${moduleDir}/resources/base/element/${kind}.json`);
    return;
  }
  problems.push(`${where}: unknown resource kind in ${ref}`);
}
