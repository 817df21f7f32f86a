// The no-loss property on SimNetwork (more seeds: node test/messaging/no-loss.mjs 300).
import { describe, expect, it } from 'vitest';
import { runNoLoss } from './noLossScenario';

const SEEDS = 24;

describe('no message lost (SimNetwork, crashes, restarts, partitions)', () => {
  it(`every resolved publish ends processed by every group or dead-lettered, over ${SEEDS} seeds`, async () => {
    let published = 0;
    let duplicates = 0;
    let crashes = 0;
    let partitions = 0;
    let deadLettered = 0;
    for (let s = 0; s < SEEDS; s++) {
      // A quarter of the seeds with flaky handlers and few attempts, so dead letters happen too.
      const harsh = s % 4 === 3;
      const r = await runNoLoss(String(s), harsh ? { chaosSeconds: 30, failRate: 0.5, maxAttempts: 2 } : { chaosSeconds: 30 });
      expect(r.lost, `seed ${s}`).toEqual([]);
      expect(r.leftHeld, `seed ${s}`).toBe(0);
      expect(r.processed + r.deadLettered).toBe(r.obligations);
      expect(r.published).toBeGreaterThan(0);
      published += r.published;
      duplicates += r.duplicates;
      crashes += r.crashes;
      partitions += r.partitions;
      deadLettered += r.deadLettered;
    }
    expect(deadLettered).toBeGreaterThan(0);
    expect(crashes).toBeGreaterThan(SEEDS / 2);
    expect(partitions).toBeGreaterThan(SEEDS / 3);
    console.log(`no-loss: ${SEEDS} seeds, ${published} messages, ${crashes} crashes, ${partitions} partitions, ${deadLettered} dead-lettered, ${duplicates} duplicate deliveries, 0 lost`);
  }, 120000);
});
