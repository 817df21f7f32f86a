import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppController } from '../../simulator/src/app/AppController';
import { InlineEngineClient } from '../../simulator/src/engine/InlineEngineClient';
import { AppPersistence } from '../../simulator/src/persistence/AppPersistence';
import { MapBackend } from '../../simulator/src/persistence/StoreBackend';
import { readBundled } from '../../simulator/src/scenario/bundled';
import type { ExportKind, MenuCommand, OpenedFile } from '../../simulator/electron/ipc';
import type { HostShell } from '../../simulator/src/shell/HostShell';
import { createSimStore } from '../../simulator/src/store/simStore';
import { createUiStore } from '../../simulator/src/store/uiStore';

/** A HostShell that records saves and hands out a prepared file. */
export class FakeShell implements HostShell {
  readonly kind = 'browser';
  readonly saved: Array<{ kind: ExportKind | 'scenario'; name: string; text: string }> = [];
  nextOpen: OpenedFile | undefined;
  private _menu: ((c: MenuCommand) => void) | undefined;

  async openScenario(): Promise<OpenedFile | undefined> {
    return this.nextOpen;
  }

  async saveScenario(name: string, text: string): Promise<string | undefined> {
    this.saved.push({ kind: 'scenario', name, text });
    return name;
  }

  async saveExport(kind: ExportKind, name: string, text: string): Promise<string | undefined> {
    this.saved.push({ kind, name, text });
    return name;
  }

  onMenuCommand(listener: (c: MenuCommand) => void): () => void {
    this._menu = listener;
    return () => {
      this._menu = undefined;
    };
  }

  menu(c: MenuCommand): void {
    this._menu?.(c);
  }
}

// Paths, not URLs: under happy-dom the global URL is the DOM's, which node:fs does not take.
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../simulator/scenarios');
/** The bundled scenarios, read from disk (the app gets them from Vite's glob import). */
export const bundledFromDisk = () => readBundled(Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.json'))
  .map((f) => [`../../scenarios/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')])));

export interface TestApp {
  controller: AppController;
  shell: FakeShell;
  appBackend: MapBackend;
  deviceBackend: MapBackend;
  client: InlineEngineClient;
}

/** An AppController with the engine inline, Map-backed persistence and a fake shell. */
export const createTestApp = (appBackend = new MapBackend(), deviceBackend = new MapBackend()): TestApp => {
  const shell = new FakeShell();
  const client = new InlineEngineClient({ backend: deviceBackend });
  const controller = new AppController({
    client, sim: createSimStore(), ui: createUiStore(), persistence: new AppPersistence(appBackend), shell, bundled: bundledFromDisk(),
    now: () => 1_700_000_000_000,
  });
  return { controller, shell, appBackend, deviceBackend, client };
};

/** Waits for patches in flight (the inline client delivers them on microtasks and timers). */
export const settle = (ms = 150): Promise<void> => new Promise((r) => setTimeout(r, ms));
