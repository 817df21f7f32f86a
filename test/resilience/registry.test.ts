import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../sdk/src/main/ets/core/index';
import { VirtualClock } from '../../sdk/src/main/ets/platform/index';
import {
  BreakerOpenError, BreakerWindowType, CircuitBreakerRegistry, CircuitState, PolicyContext, type BreakerCallResult,
  type BreakerStateChange
} from '../../sdk/src/main/ets/resilience/index';

const boom = async (): Promise<never> => { throw new Error('boom'); };

describe('CircuitBreakerRegistry', () => {
  it('creates one breaker per key on first use, with per-key settings over the defaults', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({
      clock,
      defaults: { consecutiveFailures: 3 },
      settingsFor: (key) => (key.startsWith('watch') ? { consecutiveFailures: 1 } : undefined),
    });
    registry.configure('tv-1', { window: BreakerWindowType.COUNT, windowSize: 2, minimumNumberOfCalls: 2 });
    const created: string[] = [];
    registry.onCreated((k) => created.push(k));
    expect(registry.get('phone-1')).toBe(registry.get('phone-1'));
    for (const key of ['phone-1', 'watch-1', 'tv-1']) {
      for (let i = 0; i < 2; i++) await registry.executeFor(key, boom).catch(() => undefined);
    }
    expect([registry.stateOf('phone-1'), registry.stateOf('watch-1'), registry.stateOf('tv-1')])
      .toEqual([CircuitState.CLOSED, CircuitState.OPEN, CircuitState.OPEN]);
    expect(registry.isOpen('watch-1')).toBe(true);
    expect(registry.stateOf('unknown')).toBe(CircuitState.CLOSED);
    expect(registry.find('unknown')).toBeUndefined();
    expect(created).toEqual(['phone-1', 'watch-1', 'tv-1']);
    expect(registry.get('watch-1').name).toBe('watch-1');
  });

  it('re-emits every breaker event with the key, for passive health', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({ clock, defaults: { consecutiveFailures: 1, openDurationMs: 100 } });
    const changes: string[] = [];
    const rejected: string[] = [];
    registry.onStateChange((e: BreakerStateChange) => changes.push(`${e.name}:${e.to}`));
    registry.onRejection((e) => rejected.push(e.name));
    await registry.executeFor('a', boom).catch(() => undefined);
    await registry.executeFor('a', async () => 1).catch(() => undefined);
    await clock.advance(100);
    await registry.executeFor('a', async () => 1);
    expect(changes).toEqual(['a:open', 'a:half-open', 'a:closed']);
    expect(rejected).toEqual(['a']);
  });

  it('builds result events only while someone listens', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({ clock });
    await registry.executeFor('a', async () => 1);
    const results: BreakerCallResult[] = [];
    const sub = registry.onResult((e) => results.push(e));
    await registry.executeFor('a', async () => 1);
    await registry.executeFor('b', async () => 2);
    sub.dispose();
    await registry.executeFor('a', async () => 3);
    expect(results.map((r) => r.name)).toEqual(['a', 'b']);
  });

  it('as a Policy, picks the breaker from context.key; without a key the task runs unguarded', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({ clock, defaults: { consecutiveFailures: 1 } });
    await registry.execute(boom, PolicyContext.create({ key: 'x' })).catch(() => undefined);
    await expect(registry.execute(async () => 1, PolicyContext.create({ key: 'x' }))).rejects.toBeInstanceOf(BreakerOpenError);
    expect(await registry.execute(async () => 2)).toBe(2);
    expect(registry.keys()).toEqual(['x']);
    expect(await registry.policyFor('y').execute(async () => 3)).toBe(3);
  });

  it('configure() replaces a breaker and keeps its state when it fits', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({ clock, defaults: { consecutiveFailures: 1 } });
    await registry.executeFor('a', boom).catch(() => undefined);
    registry.configure('a', { consecutiveFailures: 5 });
    expect(registry.stateOf('a')).toBe(CircuitState.OPEN);
    registry.get('a').reset();
    for (let i = 0; i < 4; i++) await registry.executeFor('a', boom).catch(() => undefined);
    expect(registry.stateOf('a')).toBe(CircuitState.CLOSED);
    expect(() => registry.configure('a', { consecutiveFailures: 0 })).toThrow(InvalidArgumentError);
  });

  it('snapshots and restores every breaker; a bad snapshot names its key and restores nothing', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({ clock, defaults: { consecutiveFailures: 1 } });
    await registry.executeFor('a', boom).catch(() => undefined);
    await registry.executeFor('b', async () => 1);
    const saved = JSON.parse(JSON.stringify(registry.snapshot()));
    const fresh = new CircuitBreakerRegistry({ clock, defaults: { consecutiveFailures: 1 } });
    fresh.restore(saved);
    expect([fresh.stateOf('a'), fresh.stateOf('b')]).toEqual([CircuitState.OPEN, CircuitState.CLOSED]);
    const other = new CircuitBreakerRegistry({ clock });
    let field = '';
    try { other.restore({ ...saved, c: { ...saved.a, state: 'ajar' } }); } catch (e) { field = (e as InvalidArgumentError).field; }
    expect(field).toBe("snapshots['c'].snapshot.state");
    expect(other.size).toBe(0);
  });

  it('evicts the least recently used closed breakers beyond maxBreakers, never open ones', async () => {
    const clock = new VirtualClock({ startTime: 0 });
    const registry = new CircuitBreakerRegistry({ clock, maxBreakers: 3, defaults: { consecutiveFailures: 1 } });
    await registry.executeFor('open', boom).catch(() => undefined);
    registry.get('a');
    registry.get('b');
    registry.get('a'); // a is now more recent than b
    registry.get('c');
    expect(registry.keys()).toEqual(['open', 'a', 'c']);
    expect(registry.remove('open')).toBe(true);
    expect(registry.size).toBe(2);
  });

  it('validates keys and options', () => {
    const clock = new VirtualClock();
    expect(() => new CircuitBreakerRegistry({ clock, defaults: { halfOpenMaxCalls: 0 } })).toThrow(/halfOpenMaxCalls/);
    expect(() => new CircuitBreakerRegistry({ clock, maxBreakers: 0 })).toThrow(/maxBreakers/);
    expect(() => new CircuitBreakerRegistry({ clock }).get('')).toThrow(/key/);
  });
});
