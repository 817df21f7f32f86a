import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CancelledError, Disposable } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BreakerOpenError, BreakerWindowType, CircuitBreaker, type CircuitBreakerMetrics, type CircuitBreakerOptions,
  type CircuitBreakerSnapshot
} from '../../sdk/src/main/ets/resilience/index';
import { BreakerModel, type ModelConfig, type ModelPending, type Outcome } from './breakerModel';

type Kind = 'ok' | 'fail' | 'benign' | 'ignored' | 'bad-result';

type Command =
  | { op: 'call'; kind: Kind; duration: number }
  | { op: 'advance'; ms: number }
  | { op: 'isolate' }
  | { op: 'release'; index: number }
  | { op: 'reset' }
  | { op: 'trip' }
  | { op: 'disable' }
  | { op: 'persist' };

const OUTCOME: Record<Kind, Outcome> = { 'ok': 'S', 'fail': 'F', 'benign': 'S', 'ignored': 'I', 'bad-result': 'F' };

class Benign extends Error {}
const BAD = { bad: true };

const configArb: fc.Arbitrary<ModelConfig> = fc.record({
  window: fc.constantFrom<ModelConfig['window']>('consecutive', 'count', 'time'),
  consecutiveFailures: fc.integer({ min: 1, max: 4 }),
  windowSize: fc.integer({ min: 1, max: 6 }),
  windowMs: fc.integer({ min: 20, max: 200 }),
  windowBuckets: fc.integer({ min: 1, max: 5 }),
  minimumNumberOfCalls: fc.integer({ min: 1, max: 6 }),
  failureRateThreshold: fc.constantFrom(0.2, 0.25, 0.5, 0.6, 0.75, 1),
  slowCallRateThreshold: fc.constantFrom(0.3, 0.5, 1),
  slowCallDurationMs: fc.constantFrom(Infinity, 10, 25),
  openDurationMs: fc.integer({ min: 10, max: 100 }),
  openDurationMultiplier: fc.constantFrom(1, 1.5, 2),
  maxOpenDurationMs: fc.integer({ min: 100, max: 400 }),
  halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
  halfOpenSuccessThreshold: fc.integer({ min: 1, max: 3 }),
}).map((c) => ({
  ...c,
  minimumNumberOfCalls: c.window === 'count' ? Math.min(c.minimumNumberOfCalls, c.windowSize) : c.minimumNumberOfCalls,
  halfOpenSuccessThreshold: Math.min(c.halfOpenSuccessThreshold, c.halfOpenMaxCalls),
}));

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ op: fc.constant<'call'>('call'), kind: fc.constantFrom<Kind>('ok', 'ok', 'fail', 'fail', 'benign', 'ignored', 'bad-result'), duration: fc.integer({ min: 0, max: 40 }) }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant<'advance'>('advance'), ms: fc.integer({ min: 0, max: 120 }) }) },
  { weight: 1, arbitrary: fc.constant<Command>({ op: 'isolate' }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant<'release'>('release'), index: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.constant<Command>({ op: 'reset' }) },
  { weight: 1, arbitrary: fc.constant<Command>({ op: 'trip' }) },
  { weight: 1, arbitrary: fc.constant<Command>({ op: 'disable' }) },
  { weight: 3, arbitrary: fc.constant<Command>({ op: 'persist' }) },
);

const toOptions = (c: ModelConfig, clock: VirtualClock, initialState?: CircuitBreakerSnapshot): CircuitBreakerOptions => ({
  clock,
  name: 'model',
  window: { consecutive: BreakerWindowType.CONSECUTIVE, count: BreakerWindowType.COUNT, time: BreakerWindowType.TIME }[c.window],
  consecutiveFailures: c.consecutiveFailures,
  windowSize: c.windowSize,
  windowMs: c.windowMs,
  windowBuckets: c.windowBuckets,
  minimumNumberOfCalls: c.minimumNumberOfCalls,
  failureRateThreshold: c.failureRateThreshold,
  slowCallRateThreshold: c.slowCallRateThreshold,
  slowCallDurationMs: c.slowCallDurationMs,
  openDurationMs: c.openDurationMs,
  openDurationMultiplier: c.openDurationMultiplier,
  maxOpenDurationMs: c.maxOpenDurationMs,
  halfOpenMaxCalls: c.halfOpenMaxCalls,
  halfOpenSuccessThreshold: c.halfOpenSuccessThreshold,
  isFailure: (e) => !(e instanceof Benign),
  isFailureResult: (r) => r === BAD,
  initialState,
});

const expectAgrees = (m: CircuitBreakerMetrics, model: BreakerModel, now: number, step: string): void => {
  model.refresh(now);
  const w = model.window(now);
  const actual = {
    state: m.state, windowCalls: m.windowCalls, windowFailures: m.windowFailures, windowSlowCalls: m.windowSlowCalls,
    consecutive: m.consecutiveFailures, inFlight: m.inFlight, successes: m.totalSuccesses, failures: m.totalFailures,
    ignored: m.totalIgnored, slow: m.totalSlowCalls, rejected: m.totalRejected, openUntil: m.openUntil,
    openCount: m.openCount, lastTransitionAt: m.lastTransitionAt, trials: m.halfOpenInFlight, trialSuccesses: m.halfOpenSuccesses,
  };
  const expected = {
    state: model.state, windowCalls: w.length, windowFailures: w.filter((r) => r.failed).length,
    windowSlowCalls: w.filter((r) => r.slow).length, consecutive: model.consecutive, inFlight: model.inFlight,
    successes: model.successes, failures: model.failures, ignored: model.ignored, slow: model.slow, rejected: model.rejected,
    openUntil: model.openUntil, openCount: model.openCount, lastTransitionAt: model.lastTransitionAt,
    trials: model.trialsInFlight, trialSuccesses: model.trialSuccesses,
  };
  expect(actual, step).toEqual(expected);
};

const runScenario = async (config: ModelConfig, commands: Command[]): Promise<void> => {
  const clock = new VirtualClock({ startTime: 0 });
  let breaker = new CircuitBreaker(toOptions(config, clock));
  const model = new BreakerModel(config, 0);
  const transitions: string[] = [];
  const listen = (b: CircuitBreaker): Disposable => b.onStateChange((e) => transitions.push(`${e.from}>${e.to}`));
  listen(breaker);
  const pending: ModelPending[] = [];
  const rejections: boolean[] = [];
  const expectedRejections: boolean[] = [];
  const handles: { real: Disposable; epoch: number }[] = [];
  let seq = 0;
  for (const [i, cmd] of commands.entries()) {
    const now = clock.now();
    const step = `step ${i} ${JSON.stringify(cmd)} at ${now}`;
    switch (cmd.op) {
      case 'call': {
        const gen = model.acquire(now);
        expectedRejections.push(gen === -1);
        if (gen !== -1) pending.push({ gen, start: now, end: now + cmd.duration, outcome: OUTCOME[cmd.kind], seq: seq++ });
        const kind = cmd.kind;
        const index = rejections.length;
        rejections.push(false);
        breaker.execute(() => new Promise<object>((resolve, reject) => {
          clock.setTimer(cmd.duration, () => {
            if (kind === 'ok') resolve({});
            else if (kind === 'bad-result') resolve(BAD);
            else if (kind === 'fail') reject(new Error('boom'));
            else if (kind === 'benign') reject(new Benign('not a failure'));
            else reject(new CancelledError('caller gave up'));
          });
        })).catch((e: unknown) => { if (e instanceof BreakerOpenError) rejections[index] = true; });
        await Promise.resolve();
        break;
      }
      case 'advance': {
        const target = now + cmd.ms;
        await clock.advance(cmd.ms);
        pending.sort((a, b) => a.end - b.end || a.seq - b.seq);
        while (pending.length > 0 && pending[0].end <= target) {
          const p = pending.shift()!;
          model.complete(p.gen, p.end - p.start, p.outcome, p.end);
        }
        break;
      }
      case 'isolate':
        handles.push({ real: breaker.isolate(), epoch: model.isolate(now) });
        break;
      case 'release': {
        const h = handles[cmd.index % Math.max(1, handles.length)];
        if (h !== undefined) {
          h.real.dispose();
          // A handle disposes once; a second dispose is a no-op in both.
          if (!(h as { used?: boolean }).used) model.release(h.epoch, now);
          (h as { used?: boolean }).used = true;
        }
        break;
      }
      case 'reset': breaker.reset(); model.manual('closed', now); break;
      case 'trip': breaker.trip(); model.manual('open', now); break;
      case 'disable': breaker.disable(); model.manual('disabled', now); break;
      case 'persist': {
        if (pending.length > 0 || breaker.metrics().inFlight > 0) break;
        // Refresh both first so that the snapshot and the model start from the same state.
        model.refresh(now);
        const saved = JSON.parse(JSON.stringify(breaker.snapshot())) as CircuitBreakerSnapshot;
        breaker = new CircuitBreaker(toOptions(config, clock, saved));
        listen(breaker);
        model.persisted();
        handles.length = 0;
        break;
      }
    }
    await Promise.resolve();
    expectAgrees(breaker.metrics(), model, clock.now(), step);
  }
  // Let every call still running finish, in both.
  const last = pending.reduce((t, p) => Math.max(t, p.end), clock.now());
  await clock.advanceTo(last);
  pending.sort((a, b) => a.end - b.end || a.seq - b.seq);
  for (const p of pending) model.complete(p.gen, p.end - p.start, p.outcome, p.end);
  expectAgrees(breaker.metrics(), model, clock.now(), 'after the last call finished');
  expect(rejections).toEqual(expectedRejections);
  expect(transitions).toEqual(model.transitions);
};

describe('CircuitBreaker against a reference model', () => {
  it('agrees on state, window, counters and transitions for any command sequence', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, fc.array(commandArb, { minLength: 1, maxLength: 60 }), runScenario),
      { numRuns: Number(process.env.RESILIENCE_MODEL_RUNS ?? 300) },
    );
  }, 120000);

  it('agrees on long failure-heavy runs of each window type', async () => {
    const heavy = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant<'call'>('call'), kind: fc.constantFrom<Kind>('ok', 'fail', 'fail'), duration: fc.integer({ min: 0, max: 30 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant<'advance'>('advance'), ms: fc.integer({ min: 0, max: 60 }) }) },
    ) as fc.Arbitrary<Command>;
    await fc.assert(fc.asyncProperty(configArb, fc.array(heavy, { minLength: 50, maxLength: 150 }), runScenario), { numRuns: 60 });
  }, 120000);
});
