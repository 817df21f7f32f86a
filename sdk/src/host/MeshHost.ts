import type { Clock, Crypto, KeyValueStore, Logger, Random, Settle } from '../main/ets/platform/index';

/**
 * Everything a MeshNode needs from its environment, built by a host entry point outside the
 * portable core: `createNodeHost()` for Node and Electron's main process, `createWebHost()` for
 * browsers and Electron renderers. HarmonyOS builds the same from the `ohos/` adapters.
 */
export interface MeshHost {
  clock: Clock;
  /** Crypto-strength randomness for ids and keys. */
  random: Random;
  crypto: Crypto;
  store: KeyValueStore;
  logger: Logger;
  /** A full drain of pending promise callbacks, for a VirtualClock's `settle` option. */
  settle: Settle;
}

/** Options shared by the host factories. */
export interface MeshHostOptions {
  /** Storage; default a new MemoryStore. */
  store?: KeyValueStore;
  /** Logger; default NoopLogger (the SDK never prints unless asked to). */
  logger?: Logger;
}
