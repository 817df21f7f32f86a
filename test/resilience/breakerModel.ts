// A reference model of the circuit breaker, written for clarity rather than speed: it keeps every
// recorded call in a plain list and recomputes windows from it. The property test drives the real
// breaker and this model with the same commands and checks they agree after every step.

export type ModelState = 'closed' | 'open' | 'half-open' | 'forced-open' | 'disabled';
export type Outcome = 'S' | 'F' | 'I';

export interface ModelConfig {
  window: 'consecutive' | 'count' | 'time';
  consecutiveFailures: number;
  windowSize: number;
  windowMs: number;
  windowBuckets: number;
  minimumNumberOfCalls: number;
  failureRateThreshold: number;
  slowCallRateThreshold: number;
  slowCallDurationMs: number;
  openDurationMs: number;
  openDurationMultiplier: number;
  maxOpenDurationMs: number;
  halfOpenMaxCalls: number;
  halfOpenSuccessThreshold: number;
}

interface Rec { t: number; failed: boolean; slow: boolean }

export interface ModelPending { gen: number; start: number; end: number; outcome: Outcome; seq: number }

export class BreakerModel {
  state: ModelState = 'closed';
  gen = 0;
  records: Rec[] = [];
  consecutive = 0;
  openUntil = Infinity;
  openCount = 0;
  lastTransitionAt: number;
  trialsInFlight = 0;
  trialSuccesses = 0;
  isolations = 0;
  isolationEpoch = 0;
  inFlight = 0;
  successes = 0;
  failures = 0;
  ignored = 0;
  slow = 0;
  rejected = 0;
  transitions: string[] = [];

  constructor(readonly c: ModelConfig, now: number) {
    this.lastTransitionAt = now;
  }

  refresh(now: number): void {
    if (this.state === 'open' && now >= this.openUntil) this.transition('half-open', now);
  }

  /** Returns the admission generation, -2 for untracked (disabled), -1 for rejected. */
  acquire(now: number): number {
    if (this.state === 'closed') { this.inFlight++; return this.gen; }
    if (this.state === 'disabled') return -2;
    this.refresh(now);
    if (this.state === 'half-open' && this.trialsInFlight + this.trialSuccesses < this.c.halfOpenMaxCalls) {
      this.trialsInFlight++;
      this.inFlight++;
      return this.gen;
    }
    this.rejected++;
    return -1;
  }

  complete(gen: number, duration: number, outcome: Outcome, now: number): void {
    if (gen < 0) return;
    if (this.inFlight > 0) this.inFlight--;
    const slow = duration > this.c.slowCallDurationMs;
    if (outcome === 'S') this.successes++; else if (outcome === 'F') this.failures++; else this.ignored++;
    if (slow) this.slow++;
    if (gen !== this.gen) return;
    if (this.state === 'closed') {
      if (outcome === 'I') return;
      this.records.push({ t: now, failed: outcome === 'F', slow });
      this.consecutive = outcome === 'F' ? this.consecutive + 1 : 0;
      if (this.shouldTrip(now)) this.transition('open', now);
    } else if (this.state === 'half-open') {
      this.trialsInFlight--;
      if (outcome === 'F' || (slow && outcome === 'S')) this.transition('open', now);
      else if (outcome === 'S') {
        this.trialSuccesses++;
        if (this.trialSuccesses >= this.c.halfOpenSuccessThreshold) this.transition('closed', now);
      }
    }
  }

  window(now: number): Rec[] {
    if (this.c.window === 'count') return this.records.slice(-this.c.windowSize);
    if (this.c.window === 'time') {
      const bucketMs = this.c.windowMs / this.c.windowBuckets;
      const current = Math.floor(now / bucketMs);
      return this.records.filter((r) => Math.floor(r.t / bucketMs) > current - this.c.windowBuckets);
    }
    return this.records;
  }

  private shouldTrip(now: number): boolean {
    if (this.c.window === 'consecutive') return this.consecutive >= this.c.consecutiveFailures;
    const w = this.window(now);
    if (w.length < this.c.minimumNumberOfCalls) return false;
    const failed = w.filter((r) => r.failed).length;
    const slow = w.filter((r) => r.slow).length;
    return failed / w.length >= this.c.failureRateThreshold || slow / w.length >= this.c.slowCallRateThreshold;
  }

  transition(to: ModelState, now: number): void {
    const from = this.state;
    this.state = to;
    this.gen++;
    this.lastTransitionAt = now;
    this.trialsInFlight = 0;
    this.trialSuccesses = 0;
    this.records = [];
    this.consecutive = 0;
    if (to === 'open') {
      this.openCount = from === 'half-open' ? this.openCount + 1 : 1;
      const c = this.c;
      let d = c.openDurationMs;
      if (c.openDurationMultiplier !== 1 && this.openCount > 1) {
        d = Math.min(c.maxOpenDurationMs, c.openDurationMs * Math.pow(c.openDurationMultiplier, this.openCount - 1));
      }
      this.openUntil = now + d;
    } else {
      this.openUntil = Infinity;
      if (to !== 'half-open') this.openCount = 0;
    }
    if (from !== to) this.transitions.push(`${from}>${to}`);
  }

  isolate(now: number): number {
    const epoch = this.isolationEpoch;
    this.isolations++;
    if (this.state !== 'forced-open') this.transition('forced-open', now);
    return epoch;
  }

  release(epoch: number, now: number): void {
    if (epoch === this.isolationEpoch && this.isolations > 0) {
      this.isolations--;
      if (this.isolations === 0 && this.state === 'forced-open') this.transition('closed', now);
    }
  }

  manual(to: 'closed' | 'open' | 'disabled', now: number): void {
    this.isolations = 0;
    this.isolationEpoch++;
    this.transition(to, now);
  }

  /** A restart from a snapshot: state and window survive, totals and isolation handles do not. */
  persisted(): void {
    this.isolations = 0;
    this.isolationEpoch++;
    this.gen++;
    this.trialsInFlight = 0;
    this.trialSuccesses = 0;
    this.successes = this.failures = this.ignored = this.slow = this.rejected = 0;
  }
}
