// Builds the HarmonyOS adapters (sdk/src/main/ets/ohos/*.ets) for the desktop with esbuild, with
// every @kit.* import bound to the node-backed fakes in ./fakes. The bundle re-exports the fakes'
// controls and the SDK classes the tests need, so tests and adapters share one copy of each.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Crypto, KeyValueStore, Logger, LogLevel, Random, WriteOp } from '../../sdk/src/main/ets/platform/index';
import type { HilogCall, HiTraceCall } from './fakes/kit.PerformanceAnalysisKit';
import type { DeviceDiscovery } from '../../sdk/src/main/ets/ohos/discovery/DeviceDiscovery';
import type { DatagramNetwork, StreamNetwork } from '../../sdk/src/main/ets/ohos/net/StreamNetwork';
import type { HiTraceChainPort } from '../../sdk/src/main/ets/ohos/tracing/HiTraceChainPort';
import type { DeviceMesh } from '../../sdk/src/main/ets/ohos/mesh/DeviceMesh';
import type { StaticPeer } from '../../sdk/src/main/ets/ohos/mesh/DeviceMeshOptions';
import type { MeshNode } from '../../sdk/src/main/ets/mesh/index';
import type { dmFake } from './fakes/kit.DistributedServiceKit';
import type { permissionFake } from './fakes/kit.AbilityKit';
import type { networkFake } from './fakes/kit.NetworkKit';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fakes = path.join(here, 'fakes');

export interface PreferencesFakeControls {
  failFlushes: number;
  restart(): void;
  file(name: string): Map<string, unknown>;
  instance(name: string): { flushes: number; memory: Map<string, unknown> } | undefined;
  reset(): void;
}

export interface PreferencesStoreLike extends KeyValueStore {
  readonly size: number;
  whenIdle(): Promise<void>;
}

/** The options of createOhosMesh the desktop tests use. */
export interface OhosMeshOptionsLike {
  deviceId?: string;
  deviceType?: string;
  storeName?: string;
  discovery?: boolean;
  requestPermission?: boolean;
  beacons?: boolean;
  tcpPort?: number;
  beaconPort?: number;
  beaconIntervalMs?: number;
  staticPeers?: StaticPeer[];
  network?: { listenAddress?: string; bindAddress?: string };
}

/** What the test bundle exports (a typed view of a module built at test time). */
export interface AdapterBundle {
  OhosCrypto: new () => Crypto;
  OhosRandom: new () => Random;
  HilogLogger: new (options?: { domain?: number; tag?: string; level?: LogLevel; privateArgs?: boolean }) => Logger;
  PreferencesStore: { open(context: object, options?: { name?: string; dataGroupId?: string }): Promise<PreferencesStoreLike> };
  WriteOp: typeof WriteOp;
  MeshError: new (code: string, message: string) => Error & { code: string };
  preferencesFake: PreferencesFakeControls;
  hilogCalls: HilogCall[];
  hilogFake: { minLevel: number };
  cryptoFrameworkCalls: { sign: string[]; verify: string[]; convertKey: string[]; saltLengths: number[] };
  // Phase 2 adapters and their fakes.
  DistributedDeviceDiscovery: { create(bundleName: string): DeviceDiscovery };
  OhosStreamNetwork: new (options?: { listenAddress?: string; bindAddress?: string }) => StreamNetwork;
  OhosDatagramNetwork: new (options?: { bindAddress?: string; broadcastAddress?: string }) => DatagramNetwork;
  OhosHiTraceChain: new () => HiTraceChainPort;
  OhosPermissions: { request(context: object, permission: string): Promise<boolean> };
  createOhosMesh(context: object, options?: OhosMeshOptionsLike): Promise<DeviceMesh>;
  createOhosMeshNode(context: object, options?: OhosMeshOptionsLike): Promise<MeshNode>;
  dmFake: typeof dmFake;
  permissionFake: typeof permissionFake;
  networkFake: typeof networkFake;
  hiTraceFake: { current: { chainId: bigint; spanId?: number; parentSpanId?: number; flags?: number }; calls: HiTraceCall[] };
}

let bundle: Promise<AdapterBundle> | undefined;

/** Builds (once per test file) and imports the adapters bundle. */
export function loadAdapters(): Promise<AdapterBundle> {
  bundle ??= (async (): Promise<AdapterBundle> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ohos-adapters-'));
    const entry = path.join(dir, 'entry.ts');
    const q = (p: string): string => JSON.stringify(p);
    fs.writeFileSync(entry, [
      `export * from ${q(path.join(root, 'sdk/src/main/ets/ohos/index.ets'))};`,
      `export { MeshError } from ${q(path.join(root, 'sdk/src/main/ets/core/index.ts'))};`,
      `export { WriteOp } from ${q(path.join(root, 'sdk/src/main/ets/platform/index.ts'))};`,
      `export { preferencesFake } from ${q(path.join(fakes, 'kit.ArkData.ts'))};`,
      `export { hilogCalls, hilogFake } from ${q(path.join(fakes, 'kit.PerformanceAnalysisKit.ts'))};`,
      `export { cryptoFrameworkCalls } from ${q(path.join(fakes, 'kit.CryptoArchitectureKit.ts'))};`,
      `export { hiTraceFake } from ${q(path.join(fakes, 'kit.PerformanceAnalysisKit.ts'))};`,
      `export { dmFake } from ${q(path.join(fakes, 'kit.DistributedServiceKit.ts'))};`,
      `export { permissionFake } from ${q(path.join(fakes, 'kit.AbilityKit.ts'))};`,
      `export { networkFake } from ${q(path.join(fakes, 'kit.NetworkKit.ts'))};`,
    ].join('\n'));
    const outfile = path.join(dir, 'bundle.mjs');
    await build({
      entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'es2021',
      loader: { '.ets': 'ts' }, resolveExtensions: ['.ets', '.ts', '.js'], logLevel: 'silent',
      plugins: [{
        name: 'kit-fakes',
        setup(b): void {
          b.onResolve({ filter: /^@kit\./ }, (args) => {
            const fake = path.join(fakes, `${args.path.slice(1)}.ts`);
            if (!fs.existsSync(fake)) return { errors: [{ text: `no desktop fake for ${args.path}` }] };
            return { path: fake };
          });
        },
      }],
    });
    return (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as AdapterBundle;
  })();
  return bundle;
}
