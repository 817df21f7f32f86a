/**
 * The preload script (sandboxed, context-isolated): exposes exactly the {@link SimulatorBridge}
 * as `window.arkmesh` through contextBridge. No raw ipcRenderer, no Node API and no paths reach
 * the page; menu commands are checked against the known set before they are passed on.
 * Bundled into one CommonJS file, because sandboxed preloads cannot require local modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IpcChannel, MENU_COMMANDS } from './ipc';
import type { InvokeChannel, IpcInvokeMap, MenuCommand, SimulatorBridge } from './ipc';

const invoke = <C extends InvokeChannel>(channel: C, request: IpcInvokeMap[C]['request']): Promise<IpcInvokeMap[C]['response']> =>
  ipcRenderer.invoke(channel, request) as Promise<IpcInvokeMap[C]['response']>;

const bridge: SimulatorBridge = {
  shell: 'electron',
  appInfo: () => invoke(IpcChannel.AppInfo, undefined),
  openScenario: () => invoke(IpcChannel.ScenarioOpen, undefined),
  saveScenario: (request) => invoke(IpcChannel.ScenarioSave, { suggestedName: String(request.suggestedName), text: String(request.text) }),
  saveExport: (request) => invoke(IpcChannel.ExportSave, {
    suggestedName: String(request.suggestedName), text: String(request.text), kind: request.kind,
  }),
  onMenuCommand: (listener: (command: MenuCommand) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      if (MENU_COMMANDS.includes(command as MenuCommand)) listener(command as MenuCommand);
    };
    ipcRenderer.on(IpcChannel.MenuCommand, forward);
    return (): void => {
      ipcRenderer.removeListener(IpcChannel.MenuCommand, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
