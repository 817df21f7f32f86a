// Side-by-side micro-benchmarks: ArkMesh and a named peer library run the same operation in one
// process, alternating, after a warm-up, for several rounds; the median ops/s of each is reported
// with the ratio ArkMesh / peer. Time comes from performance.now(): benchmarks, unlike tests, are
// about real time.

/** One implementation of an operation. Return a promise to be measured asynchronously. */
export type BenchFn = () => unknown;

export interface BenchPeer {
  /** The peer library's name as printed in the table (e.g. "find-my-way"). */
  name: string;
  fn: BenchFn;
}

export interface BenchCase {
  /** What is measured, e.g. "static lookup". */
  op: string;
  arkmesh: BenchFn;
  peers: BenchPeer[];
  /** Operations one call performs (e.g. 256 for a call that verifies 256 tokens in flight). Default 1. */
  batch?: number;
}

export interface BenchSuite {
  /** Benchmark name, also the CLI filter (e.g. "base64url"). */
  name: string;
  /** Prepares fixtures (keys, route tables) before any case runs. */
  setup?: () => Promise<void> | void;
  cases: BenchCase[];
}

export interface BenchRow {
  bench: string;
  op: string;
  arkmesh: number;
  peer: string;
  peerOps: number;
  ratio: number;
}

export interface BenchOptions {
  rounds: number;
  roundMs: number;
  warmupMs: number;
}

export const defineBench = (suite: BenchSuite): BenchSuite => suite;

const isPromise = (v: unknown): v is Promise<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';

/** Runs `fn` for about `ms` milliseconds and returns operations per second. */
async function measure(fn: BenchFn, ms: number, batch: number): Promise<number> {
  const first = fn();
  const async = isPromise(first);
  if (async) await first;
  let calls = 0;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  if (async) {
    while (now < end) {
      for (let i = 0; i < 16; i++) await (fn() as Promise<unknown>);
      calls += 16;
      now = performance.now();
    }
  } else {
    let chunk = 64;
    while (now < end) {
      for (let i = 0; i < chunk; i++) fn();
      calls += chunk;
      now = performance.now();
      if (now - start < ms / 20) chunk *= 2;
    }
  }
  return (calls * batch * 1000) / (now - start);
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function runSuite(suite: BenchSuite, options: BenchOptions): Promise<BenchRow[]> {
  if (suite.setup) await suite.setup();
  const rows: BenchRow[] = [];
  for (const c of suite.cases) {
    const batch = c.batch ?? 1;
    const contenders: BenchFn[] = [c.arkmesh, ...c.peers.map((p) => p.fn)];
    for (const fn of contenders) await measure(fn, options.warmupMs, batch);
    const samples: number[][] = contenders.map(() => []);
    for (let r = 0; r < options.rounds; r++) {
      // Alternate the order each round so neither side always runs on a warmer (or hotter) CPU.
      const order = contenders.map((_, i) => i);
      if (r % 2 === 1) order.reverse();
      for (const i of order) samples[i].push(await measure(contenders[i], options.roundMs, batch));
    }
    const mine = median(samples[0]);
    c.peers.forEach((p, i) => {
      const theirs = median(samples[i + 1]);
      rows.push({ bench: suite.name, op: c.op, arkmesh: mine, peer: p.name, peerOps: theirs, ratio: mine / theirs });
    });
  }
  return rows;
}
