import { describe, expect, it } from 'vitest';
import { AppPersistence, DEFAULT_LAYOUT, MAX_RECORDED_EVENTS, MAX_RECORDED_RUNS, sanitizeLayout } from '../../simulator/src/persistence/AppPersistence';
import type { RecordedRun } from '../../simulator/src/persistence/AppPersistence';
import { MapBackend } from '../../simulator/src/persistence/StoreBackend';

const run = (id: string, recordedAt: number, events = 3): RecordedRun => ({
  id, scenario: 's', seed: '1', recordedAt, time: 1000, durationMs: 5000, events, controls: 0, passed: true, scenarioText: '{}',
  controlRecords: [], eventLog: Array.from({ length: events }, (_v, i) => ({ type: 'device', seq: i + 1, t: i, device: 'a', state: 'up' })),
});

describe('AppPersistence', () => {
  it('keeps user scenarios, sorted, and deletes them', async () => {
    const p = new AppPersistence(new MapBackend());
    await p.saveScenario('zeta', '{"name":"zeta"}', 1);
    await p.saveScenario('alpha', '{"name":"alpha"}', 2);
    await p.saveScenario('alpha', '{"name":"alpha","v":2}', 3);
    expect((await p.listScenarios()).map((s) => [s.name, s.savedAt])).toEqual([['alpha', 3], ['zeta', 1]]);
    await p.deleteScenario('zeta');
    expect((await p.listScenarios()).map((s) => s.name)).toEqual(['alpha']);
  });

  it('remembers the last scenario and the layout across instances (a reload)', async () => {
    const backend = new MapBackend();
    const a = new AppPersistence(backend);
    await a.setLastScenario({ name: 'x', text: '{}', source: 'bundled', openedAt: 5 });
    await a.saveLayout({ ...DEFAULT_LAYOUT, view: 'traces', positions: { tv: { x: 10, y: 20 } } });
    const b = new AppPersistence(backend);
    expect(await b.lastScenario()).toEqual({ name: 'x', text: '{}', source: 'bundled', openedAt: 5 });
    expect(await b.layout()).toMatchObject({ view: 'traces', positions: { tv: { x: 10, y: 20 } } });
  });

  it('reads damaged records as absent or default, never throwing', async () => {
    const backend = new MapBackend();
    backend.data.set('last', '{nope');
    backend.data.set('layout', JSON.stringify({ view: 'nowhere', detailsWidth: 'wide', positions: { a: { x: 'x' }, b: { x: 1, y: 2 } }, traceFilters: { status: 'weird', minDurationMs: -4 } }));
    backend.data.set('scenario/bad', '[]');
    const p = new AppPersistence(backend);
    expect(await p.lastScenario()).toBeUndefined();
    expect(await p.layout()).toEqual({ ...DEFAULT_LAYOUT, positions: { b: { x: 1, y: 2 } } });
    expect(await p.listScenarios()).toEqual([]);
  });

  it('keeps recorded runs newest first, bounded in number and in events', async () => {
    const p = new AppPersistence(new MapBackend());
    for (let i = 0; i < MAX_RECORDED_RUNS + 3; i++) await p.saveRun(run(`r${i}`, i));
    const runs = await p.listRuns();
    expect(runs).toHaveLength(MAX_RECORDED_RUNS);
    expect(runs[0].id).toBe(`r${MAX_RECORDED_RUNS + 2}`);
    expect(await p.run('r0')).toBeUndefined();
    await p.saveRun(run('big', 100, MAX_RECORDED_EVENTS + 10));
    const big = await p.run('big');
    expect(big?.eventLog).toHaveLength(MAX_RECORDED_EVENTS);
    expect(big?.eventLog[0].seq).toBe(11);
    await p.deleteRun('big');
    expect(await p.run('big')).toBeUndefined();
  });

  it('sanitizeLayout fills every field', () => {
    expect(sanitizeLayout(undefined)).toEqual(DEFAULT_LAYOUT);
    expect(sanitizeLayout({ detailsWidth: 5000 }).detailsWidth).toBe(800);
  });
});
