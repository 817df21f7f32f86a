import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashText, RUN_NAMESPACE } from '../../simulator/src/engine/EngineHost';
import { InlineEngineClient } from '../../simulator/src/engine/InlineEngineClient';
import type { SnapshotPatch } from '../../simulator/src/engine/protocol';
import { MapBackend } from '../../simulator/src/persistence/StoreBackend';
import { createSimStore, receivePatch } from '../../simulator/src/store/simStore';

const smartHome = fs.readFileSync(new URL('../../simulator/scenarios/smart-home-handoff.json', import.meta.url), 'utf8');

const attach = (client: InlineEngineClient): { patches: SnapshotPatch[]; store: ReturnType<typeof createSimStore> } => {
  const patches: SnapshotPatch[] = [];
  const store = createSimStore();
  client.onPatch((p) => {
    patches.push(p);
    receivePatch(store, p);
  });
  return { patches, store };
};

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 150));

describe('EngineHost (through the inline client)', () => {
  it('loads a bundled scenario, runs it and publishes topology, traffic and traces', async () => {
    const client = new InlineEngineClient({ backend: new MapBackend() });
    const { store } = attach(client);
    expect((await client.request('load', { text: smartHome, resume: false })).issues).toEqual([]);
    await settle();
    expect(store.getState().engine).toMatchObject({ status: 'ready', scenarioName: 'smart-home-handoff' });
    await client.request('step', { ms: 8000 });
    await settle();
    const s = store.getState();
    expect(s.engine.time).toBe(8000);
    expect(s.engine.devices.map((d) => d.id)).toEqual(expect.arrayContaining(['phone', 'tv', 'watch']));
    expect(s.topology.instances.some((i) => i.id === 'media.player@tv' && i.health === 'healthy')).toBe(true);
    expect(s.topology.edges.length).toBeGreaterThan(0);
    expect(s.series.get('media.player')?.t.length).toBeGreaterThan(3);
    const multi = s.traces.find((t) => t.devices.length >= 2);
    expect(multi).toBeDefined();
    const spans = await client.request('trace', { traceId: multi!.traceId });
    expect(new Set(spans.map((x) => x.device)).size).toBeGreaterThanOrEqual(2);
    expect(spans[0].attributes['rpc.system']).toBe('arkmesh');
    const otlp = await client.request('exportTraces', { format: 'otlp', traceId: multi!.traceId }) as { resourceSpans: unknown[] };
    expect(otlp.resourceSpans.length).toBeGreaterThanOrEqual(2);
    const jaeger = await client.request('exportTraces', { format: 'jaeger', traceId: undefined }) as { data: Array<{ traceID: string }> };
    expect(jaeger.data.length).toBeGreaterThan(1);
    client.dispose();
  });

  it('sends live controls to the engine, which records them in the event log', async () => {
    const client = new InlineEngineClient();
    const { store } = attach(client);
    await client.request('load', { text: smartHome, resume: false });
    await client.request('step', { ms: 5000 });
    expect((await client.request('control', { action: { action: 'crash', device: 'tv' } })).issues).toEqual([]);
    expect((await client.request('control', { action: { action: 'crash', device: 'toaster' } })).issues[0].message).toMatch(/toaster/);
    await client.request('step', { ms: 3000 });
    await settle();
    const s = store.getState();
    expect(s.engine.devices.find((d) => d.id === 'tv')?.state).toBe('crashed');
    expect(s.topology.instances.find((i) => i.id === 'media.player@tv')?.health).toBe('down');
    expect(s.engine.controls).toEqual([expect.objectContaining({ atMs: 5000, action: expect.objectContaining({ action: 'crash', device: 'tv' }) })]);
    expect(s.log.some((e) => e.type === 'fault' && e.source === 'control' && e.detail === 'crash tv')).toBe(true);
    const rec = await client.request('recording', null);
    expect(rec?.controls).toHaveLength(1);
    client.dispose();
  });

  it('checkpoints the devices\' stores and resumes them after a reload of the page', async () => {
    const backend = new MapBackend();
    const first = new InlineEngineClient({ backend });
    await first.request('load', { text: smartHome, resume: false });
    await first.request('step', { ms: 4000 });
    await first.request('checkpoint', null);
    const stored = [...backend.data.keys()].filter((k) => k.startsWith(`${RUN_NAMESPACE}dev/`));
    expect(stored.length).toBeGreaterThan(0);
    const meta = JSON.parse(backend.data.get(`${RUN_NAMESPACE}meta`)!) as { scenarioHash: string; time: number };
    expect(meta).toMatchObject({ scenarioHash: hashText(smartHome), time: 4000 });
    first.dispose();

    // A new page: the same scenario resumes with the stored data; another scenario does not.
    const second = new InlineEngineClient({ backend });
    const { store } = attach(second);
    const r = await second.request('load', { text: smartHome, resume: true });
    expect(r.resumed).toMatchObject({ checkpointTime: 4000, keys: stored.length });
    await settle();
    expect(store.getState().resumed?.checkpointTime).toBe(4000);
    const info = await second.request('storage', null);
    expect(info.keys).toBe(stored.length);
    const other = JSON.stringify({ ...JSON.parse(smartHome), seed: 99 });
    expect((await second.request('load', { text: other, resume: true })).resumed).toBeUndefined();
    await second.request('clearStorage', null);
    expect([...backend.data.keys()].filter((k) => k.startsWith(`${RUN_NAMESPACE}dev/`))).toEqual([]);
    second.dispose();
  });

  it('reports scenario problems without replacing the loaded run', async () => {
    const client = new InlineEngineClient();
    const { store } = attach(client);
    await client.request('load', { text: smartHome, resume: false });
    const bad = await client.request('load', { text: '{"name": "x", "duration": "5s", "devices": [{"id": "a", "type": "toaster"}]}', resume: false });
    expect(bad.issues.map((i) => i.path)).toContain('devices[0].type');
    const syntax = await client.request('load', { text: '{ nope', resume: false });
    expect(syntax.issues[0].message).toMatch(/not valid JSON/);
    await settle();
    expect(store.getState().engine.scenarioName).toBe('smart-home-handoff');
    client.dispose();
  });

  it('replays a recorded run: the same controls at the same times give the same event log', async () => {
    const a = new InlineEngineClient();
    await a.request('load', { text: smartHome, resume: false });
    await a.request('step', { ms: 6000 });
    await a.request('control', { action: { action: 'partition', sideA: ['watch'] } });
    await a.request('step', { ms: 4000 });
    const rec = (await a.request('recording', null))!;
    const b = new InlineEngineClient();
    expect((await b.request('replay', { text: smartHome, controls: rec.controls })).issues).toEqual([]);
    await b.request('step', { ms: 10000 });
    const replayed = (await b.request('recording', null))!;
    expect(replayed.events.length).toBe(rec.events.length);
    expect(replayed.events.map((e) => e.type + e.t)).toEqual(rec.events.map((e) => e.type + e.t));
    a.dispose();
    b.dispose();
  });
});
