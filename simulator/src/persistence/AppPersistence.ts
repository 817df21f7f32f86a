import type { ControlRecord, SimEvent } from '../../engine/index';
import { isViewId } from '../store/views';
import type { ViewId } from '../store/views';
import type { StoreBackend } from './StoreBackend';

/** Where a scenario came from. */
export type ScenarioSource = 'bundled' | 'user' | 'file';

/** A scenario the user saved in the app. */
export interface StoredScenario {
  name: string;
  text: string;
  savedAt: number;
}

/** The scenario open when the app was last used (reopened on start). */
export interface LastScenario {
  name: string;
  text: string;
  source: ScenarioSource;
  openedAt: number;
}

/** Trace list filters. */
export interface TraceFilters {
  service: string;
  status: 'all' | 'ok' | 'error';
  minDurationMs: number;
}

/** The UI's layout and preferences. */
export interface UiLayout {
  view: ViewId;
  /** Width of the details panel, px. */
  detailsWidth: number;
  /** Topology positions the user dragged: device id -> position. */
  positions: Record<string, { x: number; y: number }>;
  traceFilters: TraceFilters;
  /** Services shown in the traffic charts (empty: all). */
  trafficServices: string[];
}

export const DEFAULT_LAYOUT: UiLayout = {
  view: 'topology',
  detailsWidth: 340,
  positions: {},
  traceFilters: { service: '', status: 'all', minDurationMs: 0 },
  trafficServices: [],
};

/** A recorded run: enough to replay it (scenario, seed and live controls) plus its event log. */
export interface RecordedRunSummary {
  id: string;
  scenario: string;
  seed: string;
  recordedAt: number;
  /** Virtual ms the run reached. */
  time: number;
  durationMs: number;
  events: number;
  controls: number;
  /** Expectation verdict when the run finished. */
  passed: boolean | undefined;
}

export interface RecordedRun extends RecordedRunSummary {
  scenarioText: string;
  controlRecords: ControlRecord[];
  /** The retained events (bounded), oldest first. */
  eventLog: SimEvent[];
}

/** Most events kept with a recorded run. */
export const MAX_RECORDED_EVENTS = 20000;
/** Most recorded runs kept (oldest dropped). */
export const MAX_RECORDED_RUNS = 20;

const K_LAST = 'last';
const K_LAYOUT = 'layout';
const P_SCENARIO = 'scenario/';
const P_RUN = 'run/';
const P_RUN_SUMMARY = 'run-summary/';

const parse = <T>(text: string | undefined): T | undefined => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
};

/**
 * The app's own durable data in IndexedDB (through idb-keyval): user scenarios, the last opened
 * scenario, the UI layout and recorded runs. Damaged records read as absent, never as a crash.
 */
export class AppPersistence {
  private readonly _backend: StoreBackend;

  constructor(backend: StoreBackend) {
    this._backend = backend;
  }

  get backendKind(): string {
    return this._backend.kind;
  }

  async listScenarios(): Promise<StoredScenario[]> {
    const rows = await this._backend.load(P_SCENARIO);
    const out: StoredScenario[] = [];
    for (const [, v] of rows) {
      const s = parse<StoredScenario>(v);
      if (s !== undefined && typeof s.name === 'string' && typeof s.text === 'string') out.push(s);
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async saveScenario(name: string, text: string, now: number): Promise<StoredScenario> {
    const s: StoredScenario = { name, text, savedAt: now };
    await this._backend.commit([[P_SCENARIO + name, JSON.stringify(s)]], []);
    return s;
  }

  deleteScenario(name: string): Promise<void> {
    return this._backend.commit([], [P_SCENARIO + name]);
  }

  async lastScenario(): Promise<LastScenario | undefined> {
    const s = parse<LastScenario>(await this._backend.get(K_LAST));
    return s !== undefined && typeof s.name === 'string' && typeof s.text === 'string' ? s : undefined;
  }

  setLastScenario(last: LastScenario): Promise<void> {
    return this._backend.commit([[K_LAST, JSON.stringify(last)]], []);
  }

  /** The saved layout, with defaults for anything missing or malformed. */
  async layout(): Promise<UiLayout> {
    return sanitizeLayout(parse<Partial<UiLayout>>(await this._backend.get(K_LAYOUT)));
  }

  saveLayout(layout: UiLayout): Promise<void> {
    return this._backend.commit([[K_LAYOUT, JSON.stringify(layout)]], []);
  }

  async listRuns(): Promise<RecordedRunSummary[]> {
    const out: RecordedRunSummary[] = [];
    for (const [, v] of await this._backend.load(P_RUN_SUMMARY)) {
      const s = parse<RecordedRunSummary>(v);
      if (s !== undefined && typeof s.id === 'string') out.push(s);
    }
    return out.sort((a, b) => b.recordedAt - a.recordedAt);
  }

  async run(id: string): Promise<RecordedRun | undefined> {
    return parse<RecordedRun>(await this._backend.get(P_RUN + id));
  }

  /** Saves a run (its summary and its body in one transaction), dropping the oldest beyond the limit. */
  async saveRun(run: RecordedRun): Promise<void> {
    const body: RecordedRun = { ...run, eventLog: run.eventLog.slice(-MAX_RECORDED_EVENTS) };
    const summary: RecordedRunSummary = {
      id: run.id, scenario: run.scenario, seed: run.seed, recordedAt: run.recordedAt, time: run.time, durationMs: run.durationMs,
      events: run.events, controls: run.controls, passed: run.passed,
    };
    const existing = await this.listRuns();
    const drop = existing.filter((r) => r.id !== run.id).slice(MAX_RECORDED_RUNS - 1).map((r) => r.id);
    await this._backend.commit(
      [[P_RUN_SUMMARY + run.id, JSON.stringify(summary)], [P_RUN + run.id, JSON.stringify(body)]],
      drop.flatMap((id) => [P_RUN_SUMMARY + id, P_RUN + id]),
    );
  }

  deleteRun(id: string): Promise<void> {
    return this._backend.commit([], [P_RUN_SUMMARY + id, P_RUN + id]);
  }
}

const finite = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** A layout with every field present and of the right type. */
export const sanitizeLayout = (input: Partial<UiLayout> | undefined): UiLayout => {
  const d = DEFAULT_LAYOUT;
  if (input === undefined || input === null || typeof input !== 'object') return structuredClone(d);
  const positions: Record<string, { x: number; y: number }> = {};
  if (input.positions !== null && typeof input.positions === 'object') {
    for (const [id, p] of Object.entries(input.positions)) {
      if (p !== null && typeof p === 'object' && Number.isFinite(p.x) && Number.isFinite(p.y)) positions[id] = { x: p.x, y: p.y };
    }
  }
  const f = input.traceFilters;
  const status = f?.status === 'ok' || f?.status === 'error' ? f.status : 'all';
  return {
    view: isViewId(input.view) ? input.view : d.view,
    detailsWidth: Math.min(800, Math.max(220, finite(input.detailsWidth, d.detailsWidth))),
    positions,
    traceFilters: {
      service: typeof f?.service === 'string' ? f.service : '',
      status,
      minDurationMs: Math.max(0, finite(f?.minDurationMs, 0)),
    },
    trafficServices: Array.isArray(input.trafficServices) ? input.trafficServices.filter((s) => typeof s === 'string') : [],
  };
};
