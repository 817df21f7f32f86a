import { MemoryStore, NoopLogger, SystemClock } from '../main/ets/platform/index';
import type { MeshHost, MeshHostOptions } from './MeshHost';
import { createRuntimeCrypto, createRuntimeRandom } from './webCrypto';

/** Drains all pending promise callbacks: setImmediate runs after the microtask queue is empty. */
export const setImmediateSettle = (): Promise<void> =>
  new Promise<void>((resolve) => {
    setImmediate(resolve);
  });

/** A MeshHost for Node (>= 20) and Electron's main process: WebCrypto, system time, memory storage. */
export function createNodeHost(options: MeshHostOptions = {}): MeshHost {
  return {
    clock: new SystemClock(),
    random: createRuntimeRandom(),
    crypto: createRuntimeCrypto(),
    store: options.store ?? new MemoryStore(),
    logger: options.logger ?? new NoopLogger(),
    settle: setImmediateSettle,
  };
}
