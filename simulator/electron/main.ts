/**
 * The Electron main process: one window, the app:// protocol that serves the built renderer, native
 * file dialogs and the menu, and nothing else. The simulator engine runs in the renderer (a worker),
 * so there is no per-tick IPC. Follows Electron's security checklist: sandboxed renderers with
 * context isolation and no Node integration, a strict CSP on every response, a custom protocol
 * instead of file://, IPC senders validated on every call, navigation, new windows and <webview>
 * blocked, and every permission request denied.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, WebContents } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { IpcChannel, MAX_FILE_BYTES, MenuCommand } from './ipc';
import type { AppInfo, ExportKind, InvokeChannel, IpcInvokeMap, OpenedFile, SavedFile } from './ipc';
import {
  APP_ENTRY_URL, APP_SCHEME, isAppUrl, mimeType, parseEmptyRequest, parseExportRequest, parseSaveRequest,
  resolveAppFile, RESPONSE_HEADERS,
} from './security';

declare const __APP_VERSION__: string;

/** The built renderer (vite build: dist/app), next to this bundle's folder (dist/electron). */
const RENDERER_ROOT = path.resolve(__dirname, '../app');
const PRELOAD = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | undefined;

// Must run before `ready`: app:// is a standard, secure origin (IndexedDB, module workers, fetch).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

/** Serves files of the built renderer over app:// with the security headers. */
const registerAppProtocol = (): void => {
  session.defaultSession.protocol.handle(APP_SCHEME, async (request: Request): Promise<Response> => {
    const file = resolveAppFile(request.url, RENDERER_ROOT);
    if (file === undefined || request.method !== 'GET') return new Response('not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, { status: 200, headers: { 'Content-Type': mimeType(file), ...RESPONSE_HEADERS } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
};

/** Denies every permission (camera, notifications, geolocation, HID, serial, ...) by default. */
const denyPermissions = (): void => {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback): void => callback(false));
  ses.setPermissionCheckHandler((): boolean => false);
  ses.setDevicePermissionHandler((): boolean => false);
  ses.setDisplayMediaRequestHandler((_request, callback): void => callback({}));
};

/** Blocks navigation away from the app, redirects, new windows and <webview> in every web contents. */
const lockDownContents = (contents: WebContents): void => {
  contents.on('will-navigate', (event, url): void => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event): void => event.preventDefault());
  contents.on('will-attach-webview', (event): void => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
};

/** True when an IPC call comes from our window's main frame showing our own app:// page. */
const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
  const frame = event.senderFrame;
  return mainWindow !== undefined && !mainWindow.isDestroyed() && event.sender === mainWindow.webContents &&
    frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
};

/** Registers a typed invoke handler that validates the sender and parses the payload first. */
const handle = <C extends InvokeChannel>(
  channel: C,
  parse: (input: unknown) => IpcInvokeMap[C]['request'],
  run: (request: IpcInvokeMap[C]['request'], window: BrowserWindow) => Promise<IpcInvokeMap[C]['response']>,
): void => {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<IpcInvokeMap[C]['response']> => {
    if (!isTrustedSender(event) || mainWindow === undefined) throw new Error(`${channel}: sender not allowed`);
    return run(parse(input), mainWindow);
  });
};

const JSON_FILTER = { name: 'JSON', extensions: ['json'] };
const EXPORT_TITLES: Record<ExportKind, string> = {
  otlp: 'Export traces (OTLP JSON)', jaeger: 'Export traces (Jaeger JSON)', report: 'Export report', run: 'Export recorded run',
};

const saveWithDialog = async (window: BrowserWindow, title: string, suggestedName: string, text: string): Promise<SavedFile | undefined> => {
  const result = await dialog.showSaveDialog(window, { title, defaultPath: suggestedName, filters: [JSON_FILTER] });
  if (result.canceled || result.filePath === undefined || result.filePath === '') return undefined;
  await fs.writeFile(result.filePath, text, 'utf8');
  return { fileName: path.basename(result.filePath) };
};

const registerIpc = (): void => {
  handle(IpcChannel.AppInfo, parseEmptyRequest, async (): Promise<AppInfo> => ({
    shell: 'electron', appVersion: __APP_VERSION__, electron: process.versions.electron, chrome: process.versions.chrome,
    node: process.versions.node, platform: process.platform,
  }));
  handle(IpcChannel.ScenarioOpen, parseEmptyRequest, async (_req, window): Promise<OpenedFile | undefined> => {
    const result = await dialog.showOpenDialog(window, { title: 'Open scenario', properties: ['openFile'], filters: [JSON_FILTER] });
    const file = result.filePaths[0];
    if (result.canceled || file === undefined) return undefined;
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) throw new Error(`scenario:open: ${path.basename(file)} is larger than ${MAX_FILE_BYTES} bytes`);
    return { fileName: path.basename(file), text: await fs.readFile(file, 'utf8') };
  });
  handle(IpcChannel.ScenarioSave, parseSaveRequest, (req, window) => saveWithDialog(window, 'Save scenario', req.suggestedName, req.text));
  handle(IpcChannel.ExportSave, parseExportRequest, (req, window) => saveWithDialog(window, EXPORT_TITLES[req.kind], req.suggestedName, req.text));
};

const send = (command: MenuCommand): void => {
  if (mainWindow !== undefined && !mainWindow.isDestroyed()) mainWindow.webContents.send(IpcChannel.MenuCommand, command);
};

const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions =>
  ({ label, accelerator, click: (): void => send(command) });

const buildMenu = (): Menu => Menu.buildFromTemplate([
  ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
  {
    label: 'File',
    submenu: [
      item('Open Scenario…', MenuCommand.OpenScenario, 'CmdOrCtrl+O'),
      item('Save Scenario As…', MenuCommand.SaveScenario, 'CmdOrCtrl+S'),
      { type: 'separator' },
      item('Export Traces (OTLP JSON)…', MenuCommand.ExportOtlp),
      item('Export Traces (Jaeger JSON)…', MenuCommand.ExportJaeger),
      item('Export Recorded Run…', MenuCommand.ExportRun),
      { type: 'separator' },
      { role: process.platform === 'darwin' ? 'close' : 'quit' },
    ],
  },
  { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
  {
    label: 'Run',
    submenu: [
      item('Run / Pause', MenuCommand.RunPause, 'Space'),
      item('Step', MenuCommand.Step, 'CmdOrCtrl+Right'),
      item('Faster', MenuCommand.SpeedUp, 'CmdOrCtrl+Up'),
      item('Slower', MenuCommand.SpeedDown, 'CmdOrCtrl+Down'),
    ],
  },
  {
    label: 'View',
    submenu: [
      item('Topology', MenuCommand.ShowTopology, 'CmdOrCtrl+1'),
      item('Traffic', MenuCommand.ShowTraffic, 'CmdOrCtrl+2'),
      item('Traces', MenuCommand.ShowTraces, 'CmdOrCtrl+3'),
      item('Queues', MenuCommand.ShowQueues, 'CmdOrCtrl+4'),
      item('Sagas', MenuCommand.ShowSagas, 'CmdOrCtrl+5'),
      item('Breakers', MenuCommand.ShowBreakers, 'CmdOrCtrl+6'),
      item('Faults', MenuCommand.ShowFaults, 'CmdOrCtrl+7'),
      item('Scenario', MenuCommand.ShowScenario, 'CmdOrCtrl+8'),
      { type: 'separator' },
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' },
      ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
    ],
  },
]);

const createWindow = (): void => {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'ArkMesh Simulator',
    show: false,
    backgroundColor: '#0f1720',
    webPreferences: {
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow = window;
  window.once('ready-to-show', (): void => window.show());
  window.on('closed', (): void => {
    mainWindow = undefined;
  });
  void window.loadURL(APP_ENTRY_URL);
};

app.on('web-contents-created', (_event, contents): void => lockDownContents(contents));

app.whenReady().then((): void => {
  registerAppProtocol();
  denyPermissions();
  registerIpc();
  Menu.setApplicationMenu(buildMenu());
  createWindow();
  app.on('activate', (): void => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}, (e: unknown): void => {
  console.error('ArkMesh simulator failed to start:', e);
  app.exit(1);
});

app.on('window-all-closed', (): void => {
  if (process.platform !== 'darwin') app.quit();
});
