// Resilience policies against cockatiel and opossum on the same already-resolved operation, so the
// figures are the policies' own overhead: a successful call through a closed breaker, through a
// timeout, through composed retry+breaker+timeout, and a call rejected by an open breaker.
// ArkMesh runs on SystemClock (real timers), exactly as in production.
import {
  BulkheadPolicy as CockatielBulkhead, ConsecutiveBreaker, ExponentialBackoff as CockatielBackoff, TimeoutStrategy,
  bulkhead, circuitBreaker, handleAll, retry, timeout, wrap as cockatielWrap,
} from 'cockatiel';
import OpossumBreaker from 'opossum';
import { SystemClock } from '../../sdk/src/main/ets/platform/index';
import {
  BreakerWindowType, BulkheadPolicy, CircuitBreaker, ExponentialBackoff, RetryPolicy, TimeoutPolicy, wrap,
} from '../../sdk/src/main/ets/resilience/index';
import { defineBench } from './harness';

const op = (): Promise<number> => Promise.resolve(42);
const swallow = (): number => 0;
const clock = new SystemClock();
const HOUR = 3600000;

// Closed breakers: five consecutive failures open them; the operation never fails.
const arkBreaker = new CircuitBreaker({ clock, window: BreakerWindowType.CONSECUTIVE, consecutiveFailures: 5, openDurationMs: 10000 });
const ckBreaker = circuitBreaker(handleAll, { halfOpenAfter: 10000, breaker: new ConsecutiveBreaker(5) });
const opBreaker = new OpossumBreaker(op, { timeout: false, resetTimeout: 10000 });

// Timeouts of one second that never fire.
const arkTimeout = new TimeoutPolicy({ clock, timeoutMs: 1000 });
const ckTimeout = timeout(1000, TimeoutStrategy.Aggressive);
const opTimeout = new OpossumBreaker(op, { timeout: 1000, resetTimeout: 10000 });

// retry(breaker(timeout(op))) in both libraries.
const arkChain = wrap(
  new RetryPolicy({ clock, maxAttempts: 3, backoff: new ExponentialBackoff() }),
  new CircuitBreaker({ clock, consecutiveFailures: 5, openDurationMs: 10000 }),
  new TimeoutPolicy({ clock, timeoutMs: 1000 }),
);
const ckChain = cockatielWrap(
  retry(handleAll, { maxAttempts: 2, backoff: new CockatielBackoff() }),
  circuitBreaker(handleAll, { halfOpenAfter: 10000, breaker: new ConsecutiveBreaker(5) }),
  timeout(1000, TimeoutStrategy.Aggressive),
);

// Open breakers (held open for an hour).
const arkOpen = new CircuitBreaker({ clock, consecutiveFailures: 1, openDurationMs: HOUR });
arkOpen.trip();
const ckOpen = circuitBreaker(handleAll, { halfOpenAfter: HOUR, breaker: new ConsecutiveBreaker(1) });
const opOpen = new OpossumBreaker(op, { timeout: false, resetTimeout: HOUR });
opOpen.open();

// Bulkheads with room to spare.
const arkBulkhead = new BulkheadPolicy({ clock, maxConcurrent: 10, maxQueue: 10 });
const ckBulkhead: CockatielBulkhead = bulkhead(10, 10);

export default defineBench({
  name: 'resilience',
  setup: async () => {
    await ckOpen.execute(() => Promise.reject(new Error('trip'))).catch(swallow);
  },
  cases: [
    {
      op: 'successful call through a closed breaker',
      arkmesh: () => arkBreaker.execute(op),
      peers: [{ name: 'cockatiel', fn: () => ckBreaker.execute(op) }, { name: 'opossum', fn: () => opBreaker.fire() }],
    },
    {
      op: 'successful call through a 1 s timeout',
      arkmesh: () => arkTimeout.execute(op),
      peers: [{ name: 'cockatiel', fn: () => ckTimeout.execute(op) }, { name: 'opossum (breaker+timeout)', fn: () => opTimeout.fire() }],
    },
    {
      op: 'retry+breaker+timeout, successful call',
      arkmesh: () => arkChain.execute(op),
      peers: [{ name: 'cockatiel', fn: () => ckChain.execute(op) }],
    },
    {
      op: 'call rejected by an open breaker',
      arkmesh: () => arkOpen.execute(op).catch(swallow),
      peers: [{ name: 'cockatiel', fn: () => ckOpen.execute(op).catch(swallow) }, { name: 'opossum', fn: () => opOpen.fire().catch(swallow) }],
    },
    {
      op: 'successful call through a bulkhead',
      arkmesh: () => arkBulkhead.execute(op),
      peers: [{ name: 'cockatiel', fn: () => ckBulkhead.execute(op) }],
    },
  ],
});
