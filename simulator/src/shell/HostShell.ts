import { BRIDGE_KEY } from '../../electron/ipc';
import type { ExportKind, MenuCommand, OpenedFile, SimulatorBridge } from '../../electron/ipc';

declare global {
  interface Window {
    /** Present only inside the Electron shell (exposed by its preload script). */
    arkmesh?: SimulatorBridge;
  }
}

/**
 * What the app needs from where it runs: open and save files, and menu commands. In Electron it
 * goes through the preload bridge (native dialogs, the application menu); in a browser, through a
 * file input and downloads (the toolbar offers the menu's commands). The app is otherwise the same.
 */
export interface HostShell {
  readonly kind: 'electron' | 'browser';
  /** Lets the user pick a scenario file; undefined when cancelled. */
  openScenario(): Promise<OpenedFile | undefined>;
  /** Saves a scenario; resolves with the file name, or undefined when cancelled. */
  saveScenario(suggestedName: string, text: string): Promise<string | undefined>;
  /** Saves an export (traces, report, recorded run). */
  saveExport(kind: ExportKind, suggestedName: string, text: string): Promise<string | undefined>;
  /** Menu commands (Electron only; a browser has no application menu). */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/** The shell over Electron's preload bridge. */
export class ElectronShell implements HostShell {
  readonly kind = 'electron';
  private readonly _bridge: SimulatorBridge;

  constructor(bridge: SimulatorBridge) {
    this._bridge = bridge;
  }

  openScenario(): Promise<OpenedFile | undefined> {
    return this._bridge.openScenario();
  }

  async saveScenario(suggestedName: string, text: string): Promise<string | undefined> {
    return (await this._bridge.saveScenario({ suggestedName, text }))?.fileName;
  }

  async saveExport(kind: ExportKind, suggestedName: string, text: string): Promise<string | undefined> {
    return (await this._bridge.saveExport({ kind, suggestedName, text }))?.fileName;
  }

  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    return this._bridge.onMenuCommand(listener);
  }
}

/** The shell of a plain browser tab: a hidden file input to open, a download to save. */
export class BrowserShell implements HostShell {
  readonly kind = 'browser';
  private readonly _doc: Document;

  constructor(doc: Document = document) {
    this._doc = doc;
  }

  openScenario(): Promise<OpenedFile | undefined> {
    return new Promise<OpenedFile | undefined>((resolve) => {
      const input = this._doc.createElement('input');
      input.type = 'file';
      input.accept = '.json,application/json';
      input.style.display = 'none';
      input.addEventListener('change', (): void => {
        const file = input.files?.[0];
        input.remove();
        if (file === undefined) {
          resolve(undefined);
          return;
        }
        file.text().then((text: string) => resolve({ fileName: file.name, text }), () => resolve(undefined));
      });
      input.addEventListener('cancel', (): void => {
        input.remove();
        resolve(undefined);
      });
      this._doc.body.appendChild(input);
      input.click();
    });
  }

  async saveScenario(suggestedName: string, text: string): Promise<string | undefined> {
    return this.download(suggestedName, text);
  }

  async saveExport(_kind: ExportKind, suggestedName: string, text: string): Promise<string | undefined> {
    return this.download(suggestedName, text);
  }

  onMenuCommand(): () => void {
    return (): void => undefined;
  }

  private download(name: string, text: string): string {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = this._doc.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    this._doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout((): void => URL.revokeObjectURL(url), 10_000);
    return name;
  }
}

/** The shell of the current window: Electron's bridge when present, else the browser's. */
export const detectShell = (win: Window = window): HostShell => {
  const bridge = (win as unknown as Record<string, SimulatorBridge | undefined>)[BRIDGE_KEY];
  return bridge !== undefined && bridge.shell === 'electron' ? new ElectronShell(bridge) : new BrowserShell(win.document);
};
