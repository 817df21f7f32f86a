import { describe, expect, it } from 'vitest';
import { createNodeHost, createWebHost, setImmediateSettle } from '../../sdk/src/host/index';
import { HashName, MemoryLogger, MemoryStore, SystemClock, VirtualClock } from '../../sdk/src/main/ets/platform/index';
import { Utf8 } from '../../sdk/src/main/ets/core/index';

describe('host entry points', () => {
  for (const [name, create] of [['createNodeHost', createNodeHost], ['createWebHost', createWebHost]] as const) {
    it(`${name} builds working ports from the runtime`, async () => {
      const store = new MemoryStore();
      const logger = new MemoryLogger();
      const host = create({ store, logger });
      expect(host.clock).toBeInstanceOf(SystemClock);
      expect(host.store).toBe(store);
      expect(host.logger).toBe(logger);
      const digest = await host.crypto.digest(HashName.SHA_256, Utf8.encode('abc'));
      expect(Buffer.from(digest).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      const draws = new Set(Array.from({ length: 50 }, () => host.random.nextUint32()));
      expect(draws.size).toBe(50);
      await host.settle();
    });
  }

  it('the setImmediate settle drains promise chains of any depth before the next virtual timer', async () => {
    const clock = new VirtualClock({ startTime: 0, settle: setImmediateSettle });
    const log: string[] = [];
    clock.setTimer(1, () => {
      void (async () => {
        for (let i = 0; i < 500; i++) await Promise.resolve();
        log.push(`deep@${clock.now()}`);
      })();
    });
    clock.setTimer(2, () => log.push(`next@${clock.now()}`));
    await clock.advance(5);
    expect(log).toEqual(['deep@1', 'next@2']);
  });
});
