// The entry sample's MeshApp (entry/src/main/ets/mesh/MeshApp.ets), built from its .ets source with
// @arkmesh/sdk resolved to sdk/Index.ets and every @kit module bound to the desktop fakes: a TV and
// a phone start, find each other by beacon, call the echo service, chat over the durable queue and
// (once the saga module is exported) hand playback off. The ArkUI pages only render what this does.
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DeviceMesh } from '../../sdk/src/main/ets/ohos/mesh/DeviceMesh';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

interface ChatLine { id: string; from: string; text: string }
interface PlaybackHandoff { canHandOff: boolean; play(track: string): Promise<void>; describe(): Promise<string>; run(session: string, onStep: (t: string) => void): Promise<string> }
interface MeshApp {
  mesh: DeviceMesh;
  chat: ChatLine[];
  handoff: PlaybackHandoff;
  instances(): Array<{ service: string; deviceId: string }>;
  callEcho(deviceId: string | undefined, text: string): Promise<string>;
  publish(text: string): Promise<void>;
  onChatChanged(listener: () => void): { dispose(): void };
  stop(): Promise<void>;
}
interface SampleBundle {
  MeshApp: { start(context: object, options?: object): Promise<MeshApp> };
  ECHO_SERVICE: string;
  networkFake: { closeAll(): Promise<void> };
}

const loadSample = async (): Promise<SampleBundle> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entry-sample-'));
  const entry = path.join(dir, 'entry.ts');
  const q = (p: string): string => JSON.stringify(p);
  fs.writeFileSync(entry, [
    `export { MeshApp, ECHO_SERVICE } from ${q(path.join(root, 'entry/src/main/ets/mesh/MeshApp.ets'))};`,
    `export { networkFake } from ${q(path.join(here, 'fakes/kit.NetworkKit.ts'))};`,
  ].join('\n'));
  const outfile = path.join(dir, 'bundle.mjs');
  await build({
    entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'es2021',
    loader: { '.ets': 'ts' }, resolveExtensions: ['.ets', '.ts', '.js'], logLevel: 'silent',
    plugins: [{
      name: 'sample',
      setup(b): void {
        b.onResolve({ filter: /^@arkmesh\/sdk$/ }, () => ({ path: path.join(root, 'sdk/Index.ets') }));
        b.onResolve({ filter: /^@kit\./ }, (args) => ({ path: path.join(here, 'fakes', `${args.path.slice(1)}.ts`) }));
      },
    }],
  });
  return (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as SampleBundle;
};

const until = async (cond: () => boolean, maxMs: number): Promise<void> => {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const context = { stageMode: true, applicationInfo: { name: 'com.arkmesh.demo', accessTokenId: 1 } };
let sample: SampleBundle | undefined;

afterAll(async () => {
  await sample?.networkFake.closeAll();
});

describe('entry sample MeshApp (desktop, kit fakes, real TCP)', () => {
  it('a TV and a phone find each other, call, chat, and run (or honestly refuse) the hand-off', async () => {
    sample = await loadSample();
    const common = { discovery: false, beaconIntervalMs: 500, beaconPort: 47740 };
    const tv = await sample.MeshApp.start(context, { ...common, deviceId: 'tv-1', deviceType: 'tv', storeName: 'sample-tv', tcpPort: 47741 });
    const phone = await sample.MeshApp.start(context, { ...common, deviceId: 'phone-1', deviceType: 'phone', storeName: 'sample-phone', tcpPort: 47742 });
    await until(() => phone.instances().filter((i) => i.service === sample!.ECHO_SERVICE).length === 2, 8000);
    expect(await phone.callEcho('tv-1', 'hi tv')).toBe('200 {"device":"tv-1","type":"tv","caller":"phone-1","said":"hi tv"}');

    let changes = 0;
    tv.onChatChanged(() => changes++);
    await phone.publish('hello everyone');
    await until(() => tv.chat.length === 1 && phone.chat.length === 1, 8000);
    expect(tv.chat[0]).toMatchObject({ from: 'phone-1', text: 'hello everyone' });
    expect(changes).toBe(1);

    if (phone.handoff.canHandOff) {
      await phone.handoff.play('Track 7');
      const steps: string[] = [];
      expect(await phone.handoff.run('s-1', (t) => steps.push(t))).toBe('completed');
      expect(await tv.handoff.describe()).toMatch(/^playing Track 7/);
      expect(await phone.handoff.describe()).toMatch(/^idle/);
      expect(steps.length).toBeGreaterThan(4);
    } else {
      expect(await phone.handoff.run('s-1', () => {})).toMatch(/saga module is not exported/);
    }
    await phone.stop();
    await tv.stop();
  }, 30000);
});
