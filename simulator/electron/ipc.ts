/**
 * The one IPC contract between the Electron main process and the renderer. Every channel name and
 * its payload types are declared here together, so the two sides cannot drift: the main process
 * registers handlers through `IpcInvokeMap`, the preload script forwards exactly these channels,
 * and the renderer only ever sees the narrow {@link SimulatorBridge} object.
 *
 * This file is shared by the Node side (main, preload) and the web side (renderer), so it imports
 * nothing and holds only types and constants.
 */

/** IPC channel names, `'domain:action'`. */
export enum IpcChannel {
  /** invoke: versions of the shell. */
  AppInfo = 'app:info',
  /** invoke: native "Open scenario" dialog; resolves with the file's text or undefined when cancelled. */
  ScenarioOpen = 'scenario:open',
  /** invoke: native "Save scenario" dialog; writes the text and resolves with the file name. */
  ScenarioSave = 'scenario:save',
  /** invoke: native "Export" dialog for traces, reports and recorded runs. */
  ExportSave = 'export:save',
  /** main -> renderer: a menu item was chosen. */
  MenuCommand = 'menu:command',
}

/** Menu items the renderer acts on (the in-app toolbar offers the same commands in browser mode). */
export enum MenuCommand {
  OpenScenario = 'open-scenario',
  SaveScenario = 'save-scenario',
  ExportOtlp = 'export-otlp',
  ExportJaeger = 'export-jaeger',
  ExportRun = 'export-run',
  RunPause = 'run-pause',
  Step = 'step',
  SpeedUp = 'speed-up',
  SpeedDown = 'speed-down',
  ShowTopology = 'view-topology',
  ShowTraffic = 'view-traffic',
  ShowTraces = 'view-traces',
  ShowQueues = 'view-queues',
  ShowSagas = 'view-sagas',
  ShowBreakers = 'view-breakers',
  ShowFaults = 'view-faults',
  ShowScenario = 'view-scenario',
}

export const MENU_COMMANDS: readonly MenuCommand[] = Object.values(MenuCommand);

/** What `app:info` returns. */
export interface AppInfo {
  shell: 'electron';
  appVersion: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
}

/** A text file the user picked in a native dialog. */
export interface OpenedFile {
  /** Base name only: the renderer never learns or chooses paths. */
  fileName: string;
  text: string;
}

/** A request to save text through a native dialog. */
export interface SaveFileRequest {
  /** Suggested base name (no directories), e.g. `order-saga.json`. */
  suggestedName: string;
  text: string;
}

/** Kinds of export offered by `export:save` (they choose the dialog's file filter). */
export type ExportKind = 'otlp' | 'jaeger' | 'report' | 'run';

export interface ExportRequest extends SaveFileRequest {
  kind: ExportKind;
}

/** Where a save went: the chosen base name, or undefined when the dialog was cancelled. */
export interface SavedFile {
  fileName: string;
}

/** Request and response types of every invoke channel. */
export interface IpcInvokeMap {
  [IpcChannel.AppInfo]: { request: undefined; response: AppInfo };
  [IpcChannel.ScenarioOpen]: { request: undefined; response: OpenedFile | undefined };
  [IpcChannel.ScenarioSave]: { request: SaveFileRequest; response: SavedFile | undefined };
  [IpcChannel.ExportSave]: { request: ExportRequest; response: SavedFile | undefined };
}

export type InvokeChannel = keyof IpcInvokeMap;

/** Payloads of main -> renderer events. */
export interface IpcEventMap {
  [IpcChannel.MenuCommand]: MenuCommand;
}

/** Largest file the open dialog reads, and the largest text a save accepts (bytes / UTF-16 units). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Longest suggested file name. */
export const MAX_FILE_NAME = 200;

/**
 * What the preload script exposes as `window.arkmesh` (and nothing more): no raw ipcRenderer, no
 * Node, no paths. The renderer works identically without it (browser mode).
 */
export interface SimulatorBridge {
  readonly shell: 'electron';
  appInfo(): Promise<AppInfo>;
  openScenario(): Promise<OpenedFile | undefined>;
  saveScenario(request: SaveFileRequest): Promise<SavedFile | undefined>;
  saveExport(request: ExportRequest): Promise<SavedFile | undefined>;
  /** Calls `listener` with each menu command; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The global name the bridge is exposed under. */
export const BRIDGE_KEY = 'arkmesh';
