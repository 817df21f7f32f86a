import { formatIssue, validateScenario } from '../../engine/index';
import type { RunSpeed, ScenarioIssue, TraceFormat } from '../../engine/index';
import { MenuCommand } from '../../electron/ipc';
import type { EngineClient } from '../engine/EngineClient';
import type { Json } from '../engine/protocol';
import type { AppPersistence, RecordedRun, ScenarioSource, UiLayout } from '../persistence/AppPersistence';
import { BUNDLED_SCENARIOS } from '../scenario/bundled';
import type { BundledScenario } from '../scenario/bundled';
import { locatePath, mapJsonPaths, syntaxErrorPosition } from '../scenario/jsonPaths';
import type { HostShell } from '../shell/HostShell';
import { receivePatch } from '../store/simStore';
import type { SimStore } from '../store/simStore';
import type { EditorIssue, Notice, Selection, UiStore } from '../store/uiStore';
import type { ViewId } from '../store/views';

/** Speeds the run controls step through. */
export const SPEEDS: readonly RunSpeed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 'max'];
/** Virtual ms one press of Step advances. */
export const STEP_MS = 100;
/** Wall ms a layout change waits before it is saved. */
export const LAYOUT_SAVE_DELAY_MS = 300;
/** Most notices shown at once. */
export const MAX_NOTICES = 4;

export interface AppDeps {
  client: EngineClient;
  sim: SimStore;
  ui: UiStore;
  persistence: AppPersistence;
  shell: HostShell;
  /** Bundled scenarios (default: those of this build). */
  bundled?: readonly BundledScenario[];
  /** Wall clock, epoch ms. */
  now?: () => number;
}

/** Validates scenario text and places each issue on its line. */
export const validateText = (text: string): EditorIssue[] => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return [{ path: '', message: `not valid JSON: ${message}`, position: syntaxErrorPosition(text, message) ?? { line: 1, column: 1, offset: 0 } }];
  }
  const v = validateScenario(value);
  if (v.ok) return [];
  const paths = mapJsonPaths(text);
  return v.issues.map((i: ScenarioIssue) => ({ ...i, position: locatePath(paths, i.path) }));
};

const scenarioNameOf = (text: string, fallback: string): string => {
  try {
    const v = JSON.parse(text) as { name?: unknown };
    return typeof v.name === 'string' && v.name !== '' ? v.name : fallback;
  } catch {
    return fallback;
  }
};

const fileNameFor = (name: string, suffix = ''): string =>
  `${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario'}${suffix}.json`;

/**
 * The app's behaviour outside React: restores the last session, opens, validates, saves and
 * loads scenarios, drives the run, sends live controls (recorded by the engine in its event log),
 * inspects and exports traces, records and replays runs, and keeps the layout. Views call it;
 * it talks to the engine only through the EngineClient.
 */
export class AppController {
  readonly client: EngineClient;
  readonly sim: SimStore;
  readonly ui: UiStore;
  readonly persistence: AppPersistence;
  readonly shell: HostShell;
  readonly bundled: readonly BundledScenario[];
  private readonly _now: () => number;
  private readonly _disposers: Array<() => void> = [];
  private _layoutTimer: ReturnType<typeof setTimeout> | undefined;
  private _noticeId = 0;
  private _recordedGeneration = -1;

  constructor(deps: AppDeps) {
    this.client = deps.client;
    this.sim = deps.sim;
    this.ui = deps.ui;
    this.persistence = deps.persistence;
    this.shell = deps.shell;
    this.bundled = deps.bundled ?? BUNDLED_SCENARIOS;
    this._now = deps.now ?? Date.now;
    this._disposers.push(this.client.onPatch((patch) => {
      receivePatch(this.sim, patch);
      this.afterPatch();
    }));
    this._disposers.push(this.shell.onMenuCommand((command) => void this.onMenuCommand(command)));
  }

  /** Restores the layout, the libraries and the last scenario (resuming its devices' stored data). */
  async start(): Promise<void> {
    const p = this.persistence;
    const [layout, userScenarios, runs, last] = await Promise.all([p.layout(), p.listScenarios(), p.listRuns(), p.lastScenario()]);
    this.ui.setState({ layout, userScenarios, runs, storage: p.backendKind });
    await this.client.request('hello', null);
    if (last !== undefined) {
      await this.openText(last.name, last.text, last.source, true);
    } else if (this.bundled.length > 0) {
      const first = this.bundled[0];
      await this.openText(first.name, first.text, 'bundled', false);
    }
    this.ui.setState({ ready: true });
  }

  dispose(): void {
    for (const d of this._disposers) d();
    if (this._layoutTimer !== undefined) clearTimeout(this._layoutTimer);
  }

  // --- notices, views, layout -------------------------------------------------------------------

  notify(level: Notice['level'], text: string): void {
    const notice: Notice = { id: ++this._noticeId, level, text };
    this.ui.setState((s) => ({ notices: [...s.notices, notice].slice(-MAX_NOTICES) }));
  }

  dismiss(id: number): void {
    this.ui.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  setView(view: ViewId): void {
    this.updateLayout({ view });
  }

  select(selection: Selection): void {
    this.ui.setState({ selection });
  }

  /** Changes the layout and saves it shortly after (changes in a burst are saved once). */
  updateLayout(change: Partial<UiLayout>): void {
    this.ui.setState((s) => ({ layout: { ...s.layout, ...change } }));
    if (this._layoutTimer !== undefined) clearTimeout(this._layoutTimer);
    this._layoutTimer = setTimeout((): void => {
      this._layoutTimer = undefined;
      void this.saveLayout();
    }, LAYOUT_SAVE_DELAY_MS);
  }

  /** Saves the layout now. */
  async saveLayout(): Promise<void> {
    if (this._layoutTimer !== undefined) {
      clearTimeout(this._layoutTimer);
      this._layoutTimer = undefined;
    }
    await this.persistence.saveLayout(this.ui.getState().layout);
  }

  // --- scenarios --------------------------------------------------------------------------------

  /** Edits the scenario text (validated at once; loaded into the engine by `applyEditor`). */
  setEditorText(text: string): void {
    const issues = validateText(text);
    this.ui.setState((s) => ({ editor: { ...s.editor, text, issues, dirty: text !== s.editor.loadedText } }));
  }

  /** Loads the editor's text into the engine (a fresh run). Returns false when it has issues. */
  async applyEditor(): Promise<boolean> {
    const e = this.ui.getState().editor;
    return this.openText(scenarioNameOf(e.text, e.name), e.text, e.source, false);
  }

  async openBundled(id: string): Promise<boolean> {
    const b = this.bundled.find((x) => x.id === id);
    if (b === undefined) return false;
    return this.openText(b.name, b.text, 'bundled', false);
  }

  async openUserScenario(name: string): Promise<boolean> {
    const s = this.ui.getState().userScenarios.find((x) => x.name === name);
    if (s === undefined) return false;
    return this.openText(s.name, s.text, 'user', false);
  }

  /** Opens a scenario file (native dialog in Electron, file picker in a browser). */
  async openFile(): Promise<boolean> {
    const file = await this.shell.openScenario();
    if (file === undefined) return false;
    return this.openText(scenarioNameOf(file.text, file.fileName.replace(/\.json$/i, '')), file.text, 'file', false);
  }

  /**
   * Puts `text` in the editor and, when it is valid, loads it into the engine and remembers it as
   * the last scenario. `resume` reuses the devices' stored data of the same scenario (a reload).
   */
  async openText(name: string, text: string, source: ScenarioSource, resume: boolean): Promise<boolean> {
    const issues = validateText(text);
    this.ui.setState((s) => ({ editor: { ...s.editor, name, text, source, issues, dirty: true }, selection: undefined, trace: undefined }));
    if (issues.length > 0) {
      this.notify('error', `${name}: ${issues.length} problem${issues.length === 1 ? '' : 's'} — see the Scenario view`);
      return false;
    }
    const r = await this.client.request('load', { text, resume });
    if (r.issues.length > 0) {
      this.notify('error', `${name}: ${r.issues.map(formatIssue).join('; ')}`);
      return false;
    }
    this.ui.setState((s) => ({ editor: { ...s.editor, dirty: false, loadedText: text } }));
    await this.persistence.setLastScenario({ name, text, source, openedAt: this._now() });
    if (r.resumed !== undefined) {
      this.notify('info', `Restored ${name}: ${r.resumed.keys} stored keys on ${r.resumed.devices} devices from t = ${(r.resumed.checkpointTime / 1000).toFixed(1)} s (queued messages and saga logs survive the reload)`);
    }
    return true;
  }

  /** Saves the editor's text in the app's library (IndexedDB). */
  async saveToLibrary(): Promise<void> {
    const e = this.ui.getState().editor;
    const name = scenarioNameOf(e.text, e.name || 'scenario');
    await this.persistence.saveScenario(name, e.text, this._now());
    this.ui.setState({ userScenarios: await this.persistence.listScenarios() });
    this.notify('info', `Saved ${name} in the library`);
  }

  async deleteUserScenario(name: string): Promise<void> {
    await this.persistence.deleteScenario(name);
    this.ui.setState({ userScenarios: await this.persistence.listScenarios() });
  }

  /** Saves the editor's text to a file. */
  async saveToFile(): Promise<void> {
    const e = this.ui.getState().editor;
    const saved = await this.shell.saveScenario(fileNameFor(scenarioNameOf(e.text, e.name)), e.text);
    if (saved !== undefined) this.notify('info', `Saved ${saved}`);
  }

  // --- running ----------------------------------------------------------------------------------

  async play(speed?: RunSpeed): Promise<void> {
    await this.client.request('play', { speed });
  }

  async pause(): Promise<void> {
    await this.client.request('pause', null);
  }

  async togglePlay(): Promise<void> {
    const status = this.sim.getState().engine.status;
    if (status === 'running') await this.pause();
    else if (status === 'ready' || status === 'paused') await this.play();
  }

  async step(ms: number = STEP_MS): Promise<void> {
    await this.client.request('step', { ms });
  }

  async seek(t: number): Promise<void> {
    await this.client.request('seek', { t });
  }

  async reset(): Promise<void> {
    await this.client.request('reset', null);
  }

  async setSpeed(speed: RunSpeed): Promise<void> {
    await this.client.request('setSpeed', { speed });
  }

  /** Moves the speed one notch up or down the SPEEDS ladder. */
  async nudgeSpeed(direction: 1 | -1): Promise<void> {
    const current = this.sim.getState().engine.speed;
    let i = SPEEDS.indexOf(current);
    if (i < 0) i = SPEEDS.findIndex((s) => s !== 'max' && typeof current === 'number' && s >= current);
    const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 3 : i) + direction))];
    await this.setSpeed(next);
  }

  async runToEnd(): Promise<void> {
    await this.client.request('runToEnd', null);
  }

  // --- live controls ----------------------------------------------------------------------------

  /**
   * Sends a live control (the JSON shape of a scenario fault without `at`) to the engine (which checks it, applies it and records it in the event
   * log for replay). Returns the issues; they are also shown as a notice.
   */
  async control(action: Record<string, Json>): Promise<ScenarioIssue[]> {
    const r = await this.client.request('control', { action });
    if (r.issues.length > 0) this.notify('error', `Control refused: ${r.issues.map(formatIssue).join('; ')}`);
    return r.issues;
  }

  crash(device: string): Promise<ScenarioIssue[]> {
    return this.control({ action: 'crash', device });
  }

  restart(device: string): Promise<ScenarioIssue[]> {
    return this.control({ action: 'restart', device });
  }

  /** Partitions `sideA` from `sideB` (everyone else when omitted). */
  partition(sideA: string[], sideB?: string[]): Promise<ScenarioIssue[]> {
    const action: Record<string, Json> = { action: 'partition', sideA };
    if (sideB !== undefined && sideB.length > 0) action['sideB'] = sideB;
    return this.control(action);
  }

  heal(partition?: string): Promise<ScenarioIssue[]> {
    return this.control(partition === undefined ? { action: 'heal' } : { action: 'heal', partition });
  }

  /** Sets latency (fixed ms) and loss on the links between two devices, both ways. */
  setLink(from: string, to: string, latencyMs: number, loss: number): Promise<ScenarioIssue[]> {
    return this.control({ action: 'link', from: [from], to: [to], bidirectional: true, conditions: { latency: latencyMs, loss } });
  }

  clearLinks(from?: string, to?: string): Promise<ScenarioIssue[]> {
    const action: Record<string, Json> = { action: 'clearLinks' };
    if (from !== undefined) action['from'] = from;
    if (to !== undefined) action['to'] = to;
    return this.control(action);
  }

  /** Gateway fault injection: delay and abort shares in percent (0 turns one off). */
  gatewayFault(delayMs: number, delayPercent: number, abortStatus: number, abortPercent: number): Promise<ScenarioIssue[]> {
    const action: Record<string, Json> = { action: 'gatewayFault' };
    if (delayPercent > 0) action['delay'] = { ms: delayMs, percent: delayPercent };
    if (abortPercent > 0) action['abort'] = { status: abortStatus, percent: abortPercent };
    return this.control(action);
  }

  workloadRate(stream: string, rate: number): Promise<ScenarioIssue[]> {
    return this.control({ action: 'workloadRate', stream, rate });
  }

  // --- traces -----------------------------------------------------------------------------------

  /** Opens a trace's waterfall (spans with attributes and events come from the engine). */
  async inspectTrace(traceId: string): Promise<void> {
    this.ui.setState({ trace: { traceId, spans: [], loading: true, selectedSpan: undefined } });
    const spans = await this.client.request('trace', { traceId });
    this.ui.setState((s) => (s.trace?.traceId === traceId ? { trace: { traceId, spans, loading: false, selectedSpan: spans[0]?.spanId } } : {}));
  }

  selectSpan(spanId: string | undefined): void {
    this.ui.setState((s) => (s.trace === undefined ? {} : { trace: { ...s.trace, selectedSpan: spanId } }));
  }

  closeTrace(): void {
    this.ui.setState({ trace: undefined });
  }

  /** Exports the kept spans (or one trace's) as OTLP or Jaeger JSON through the shell. */
  async exportTraces(format: TraceFormat, traceId?: string): Promise<string | undefined> {
    const doc = await this.client.request('exportTraces', { format, traceId });
    if (doc === undefined) {
      this.notify('warn', 'Nothing to export: load and run a scenario first');
      return undefined;
    }
    const name = this.sim.getState().engine.scenarioName ?? 'traces';
    const file = fileNameFor(traceId === undefined ? name : `${name}-${traceId.slice(0, 8)}`, `.${format === 'otlp' ? 'otlp' : format}`);
    const saved = await this.shell.saveExport(format === 'otlp' ? 'otlp' : 'jaeger', file, JSON.stringify(doc, null, 2));
    if (saved !== undefined) this.notify('info', `Exported ${saved}`);
    return saved;
  }

  // --- recorded runs ----------------------------------------------------------------------------

  /** Saves the current run (scenario, seed, live controls and its retained events) in IndexedDB. */
  async recordRun(): Promise<RecordedRun | undefined> {
    const rec = await this.client.request('recording', null);
    const text = this.ui.getState().editor.loadedText;
    if (rec === undefined || text === '') return undefined;
    const e = this.sim.getState().engine;
    const now = this._now();
    const run: RecordedRun = {
      id: `${now.toString(36)}-${rec.scenario.replace(/[^\w-]+/g, '-')}`, scenario: rec.scenario, seed: rec.seed, recordedAt: now,
      time: e.time, durationMs: e.durationMs, events: e.events, controls: rec.controls.length,
      passed: e.status === 'finished' ? e.report?.passed : undefined, scenarioText: text, controlRecords: rec.controls, eventLog: rec.events,
    };
    await this.persistence.saveRun(run);
    this.ui.setState({ runs: await this.persistence.listRuns() });
    return run;
  }

  /** Loads a recorded run: its scenario with its live controls re-applied at the same times. */
  async replayRun(id: string): Promise<boolean> {
    const run = await this.persistence.run(id);
    if (run === undefined) return false;
    const r = await this.client.request('replay', { text: run.scenarioText, controls: run.controlRecords });
    if (r.issues.length > 0) {
      this.notify('error', `Cannot replay ${run.scenario}: ${r.issues.map(formatIssue).join('; ')}`);
      return false;
    }
    this.ui.setState((s) => ({
      editor: { ...s.editor, name: run.scenario, text: run.scenarioText, source: 'user', issues: [], dirty: false, loadedText: run.scenarioText },
    }));
    this.notify('info', `Replaying ${run.scenario} with ${run.controls} recorded control${run.controls === 1 ? '' : 's'}`);
    return true;
  }

  async exportRun(id: string): Promise<void> {
    const run = await this.persistence.run(id);
    if (run === undefined) return;
    const saved = await this.shell.saveExport('run', fileNameFor(`${run.scenario}-run-${id.split('-')[0]}`), JSON.stringify(run, null, 2));
    if (saved !== undefined) this.notify('info', `Exported ${saved}`);
  }

  async deleteRun(id: string): Promise<void> {
    await this.persistence.deleteRun(id);
    this.ui.setState({ runs: await this.persistence.listRuns() });
  }

  /** Exports the run's report (final when finished). */
  async exportReport(): Promise<void> {
    const report = await this.client.request('report', null);
    if (report === undefined) return;
    const saved = await this.shell.saveExport('report', fileNameFor(`${report.scenario}-report`), JSON.stringify(report, null, 2));
    if (saved !== undefined) this.notify('info', `Exported ${saved}`);
  }

  // --- storage ----------------------------------------------------------------------------------

  /** Deletes every simulated device's stored data and restarts the scenario from scratch. */
  async clearStorage(): Promise<void> {
    await this.client.request('clearStorage', null);
    this.notify('info', 'Cleared the simulated devices\' storage');
  }

  /** Makes the devices' stores durable now (the page is being hidden or closed). */
  checkpoint(): Promise<null> {
    return this.client.request('checkpoint', null);
  }

  // --- menu -------------------------------------------------------------------------------------

  async onMenuCommand(command: MenuCommand): Promise<void> {
    switch (command) {
      case MenuCommand.OpenScenario:
        await this.openFile();
        return;
      case MenuCommand.SaveScenario:
        await this.saveToFile();
        return;
      case MenuCommand.ExportOtlp:
        await this.exportTraces('otlp');
        return;
      case MenuCommand.ExportJaeger:
        await this.exportTraces('jaeger');
        return;
      case MenuCommand.ExportRun: {
        const run = await this.recordRun();
        if (run !== undefined) await this.exportRun(run.id);
        return;
      }
      case MenuCommand.RunPause:
        await this.togglePlay();
        return;
      case MenuCommand.Step:
        await this.step();
        return;
      case MenuCommand.SpeedUp:
        await this.nudgeSpeed(1);
        return;
      case MenuCommand.SpeedDown:
        await this.nudgeSpeed(-1);
        return;
      default: {
        const view = command.startsWith('view-') ? (command.slice(5) as ViewId) : undefined;
        if (view !== undefined) this.setView(view);
      }
    }
  }

  // --- internals --------------------------------------------------------------------------------

  /** Records a run automatically when it finishes. */
  private afterPatch(): void {
    const e = this.sim.getState().engine;
    if (e.status === 'finished' && this._recordedGeneration !== e.generation) {
      this._recordedGeneration = e.generation;
      void this.recordRun().then((run) => {
        if (run !== undefined) this.notify(run.passed === false ? 'warn' : 'info', `Run finished${run.passed === undefined ? '' : run.passed ? ': every expectation held' : ': some expectations failed'} — recorded for replay`);
      }, () => undefined);
    }
  }
}
