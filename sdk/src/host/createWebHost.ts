import { MemoryStore, NoopLogger, SystemClock } from '../main/ets/platform/index';
import type { MeshHost, MeshHostOptions } from './MeshHost';
import { createRuntimeCrypto, createRuntimeRandom } from './webCrypto';

interface PortLike {
  onmessage: ((ev: unknown) => void) | null;
  postMessage(message: unknown): void;
}
interface ChannelLike {
  port1: PortLike;
  port2: PortLike;
}

/**
 * Drains pending promise callbacks in a browser: a MessageChannel message is a macrotask, so it
 * runs after the microtask queue is empty, without setTimeout's 4 ms clamp.
 */
export function createMessageChannelSettle(): () => Promise<void> {
  const Channel = (globalThis as { MessageChannel?: new () => ChannelLike }).MessageChannel;
  if (Channel === undefined) {
    return () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  const channel = new Channel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => {
    const resolve = waiting.shift();
    if (resolve !== undefined) resolve();
  };
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}

/** A MeshHost for browsers and Electron renderers: WebCrypto, system time, memory storage (pass an IdbStore to persist). */
export function createWebHost(options: MeshHostOptions = {}): MeshHost {
  return {
    clock: new SystemClock(),
    random: createRuntimeRandom(),
    crypto: createRuntimeCrypto(),
    store: options.store ?? new MemoryStore(),
    logger: options.logger ?? new NoopLogger(),
    settle: createMessageChannelSettle(),
  };
}
