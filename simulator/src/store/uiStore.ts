import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ScenarioIssue } from '../../engine/index';
import type { SpanDetail } from '../engine/protocol';
import { DEFAULT_LAYOUT } from '../persistence/AppPersistence';
import type { RecordedRunSummary, ScenarioSource, StoredScenario, UiLayout } from '../persistence/AppPersistence';
import type { TextPosition } from '../scenario/jsonPaths';

/** What the details panel shows. */
export type Selection =
  | { kind: 'device'; id: string }
  | { kind: 'instance'; id: string }
  | { kind: 'edge'; id: string }
  | undefined;

/** A validation message placed on the editor's text. */
export interface EditorIssue extends ScenarioIssue {
  position: TextPosition;
}

export interface EditorState {
  /** Name the scenario is saved under. */
  name: string;
  text: string;
  source: ScenarioSource;
  /** Issues of the current text (validated as it is edited). */
  issues: EditorIssue[];
  /** True when the text differs from what is loaded into the engine. */
  dirty: boolean;
  /** Text last loaded into the engine. */
  loadedText: string;
}

export interface Notice {
  id: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface TraceInspection {
  traceId: string;
  spans: SpanDetail[];
  loading: boolean;
  selectedSpan: string | undefined;
}

export interface UiState {
  layout: UiLayout;
  selection: Selection;
  editor: EditorState;
  userScenarios: StoredScenario[];
  runs: RecordedRunSummary[];
  notices: Notice[];
  trace: TraceInspection | undefined;
  /** Devices picked for a partition (side A) in the faults view or the topology. */
  partitionPick: string[];
  /** Where persistence lives ("indexeddb", or "memory" when IndexedDB is unavailable). */
  storage: string;
  /** True once the last session was restored. */
  ready: boolean;
}

export const initialUiState = (): UiState => ({
  layout: structuredClone(DEFAULT_LAYOUT),
  selection: undefined,
  editor: { name: '', text: '', source: 'user', issues: [], dirty: false, loadedText: '' },
  userScenarios: [],
  runs: [],
  notices: [],
  trace: undefined,
  partitionPick: [],
  storage: 'memory',
  ready: false,
});

export type UiStore = StoreApi<UiState>;

export const createUiStore = (): UiStore => createStore<UiState>()(() => initialUiState());
