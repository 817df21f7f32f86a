import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, IpcChannel, MenuCommand } from '../../simulator/electron/ipc';
import {
  APP_ENTRY_URL, CONTENT_SECURITY_POLICY, isAppUrl, IpcPayloadError, parseEmptyRequest, parseExportRequest, parseSaveRequest,
  resolveAppFile, RESPONSE_HEADERS, sanitizeFileName,
} from '../../simulator/electron/security';

describe('security helpers', () => {
  it('accepts only our app:// origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://arkmesh/assets/x.js')).toBe(true);
    for (const url of ['app://evil/index.html', 'https://arkmesh/index.html', 'file:///etc/passwd', 'app://user:pw@arkmesh/', '', 'not a url', undefined]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('maps app:// paths into the renderer folder and nowhere else', () => {
    const root = path.resolve('/srv/app');
    expect(resolveAppFile('app://arkmesh/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://arkmesh/assets/a.js', root)).toBe(path.join(root, 'assets/a.js'));
    for (const url of ['app://arkmesh/../secret', 'app://arkmesh/%2e%2e/secret', 'app://arkmesh/a%5c..%5c..%5csecret', 'app://arkmesh/a%00.js', 'app://other/index.html', 'app://arkmesh/%E0%A4%A']) {
      const f = resolveAppFile(url, root);
      expect(f === undefined || f.startsWith(root + path.sep), url).toBe(true);
    }
    expect(resolveAppFile('app://arkmesh/a/%2F..%2F..%2F..%2Fetc%2Fpasswd', root)).toBeUndefined();
    expect(resolveAppFile('app://arkmesh/%2e%2e/secret', root)).toBe(path.join(root, 'secret'));
  });

  it('has a strict CSP: own scripts only, no eval, no inline, no network, no frames, no plugins', () => {
    const d = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((x) => [x.split(' ')[0], x.split(' ').slice(1)]));
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|http/);
    expect(RESPONSE_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('validates IPC payloads', () => {
    expect(parseSaveRequest({ suggestedName: '../../etc/passwd', text: 'x' })).toEqual({ suggestedName: 'passwd', text: 'x' });
    expect(parseExportRequest({ suggestedName: 'a.json', text: '{}', kind: 'otlp' }).kind).toBe('otlp');
    expect(() => parseExportRequest({ suggestedName: 'a.json', text: '{}', kind: 'shell' })).toThrow(IpcPayloadError);
    expect(() => parseSaveRequest({ suggestedName: 'a', text: 5 })).toThrow(/request.text/);
    expect(() => parseSaveRequest('x')).toThrow(/request/);
    expect(() => parseEmptyRequest({ a: 1 })).toThrow(/empty/);
    expect(sanitizeFileName('..\\..\\win.ini', 'f')).toBe('win.ini');
    expect(sanitizeFileName('...', 'fallback.json')).toBe('fallback.json');
  });
});

// A fake of the parts of Electron the main process and the preload script use, recording calls.
type Handler = (...args: unknown[]) => unknown;
const fake = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{ options: Record<string, unknown>; webContents: Record<string, unknown>; loaded: string | undefined }>,
    handlers: new Map<string, Handler>(),
    appEvents: new Map<string, Handler>(),
    contentsEvents: new Map<string, Handler>(),
    windowOpen: undefined as Handler | undefined,
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    protocolHandler: undefined as Handler | undefined,
    privileged: [] as unknown[],
    sandboxEnabled: false,
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Handler>(),
    invoked: [] as unknown[][],
    sent: [] as unknown[][],
    menu: undefined as unknown,
  };
  return state;
});

vi.mock('electron', () => {
  const mainFrame = { url: 'app://arkmesh/index.html' };
  const webContents = {
    mainFrame,
    send: (...args: unknown[]) => fake.sent.push(args),
    on: (event: string, h: Handler) => fake.contentsEvents.set(event, h),
    setWindowOpenHandler: (h: Handler) => {
      fake.windowOpen = h;
    },
  };
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    webContents = webContents;
    constructor(readonly options: Record<string, unknown>) {
      fake.windows.push({ options, webContents, loaded: undefined });
    }
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      fake.windows[fake.windows.length - 1].loaded = url;
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: {
      protocol: { handle: (_scheme: string, h: Handler) => { fake.protocolHandler = h; } },
      setPermissionRequestHandler: (h: Handler) => { fake.permissionRequest = h; },
      setPermissionCheckHandler: (h: Handler) => { fake.permissionCheck = h; },
      setDevicePermissionHandler: () => undefined,
      setDisplayMediaRequestHandler: () => undefined,
    },
  };
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((r) => { ready = r; });
  const app = {
    isPackaged: false,
    enableSandbox: () => { fake.sandboxEnabled = true; },
    whenReady: () => whenReady,
    on: (event: string, h: Handler) => fake.appEvents.set(event, h),
    quit: () => undefined,
    exit: () => undefined,
    fireReady: () => ready(),
  };
  return {
    app, BrowserWindow, session,
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => fake.privileged.push(...s) },
    ipcMain: { handle: (channel: string, h: Handler) => fake.handlers.set(channel, h) },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => { fake.menu = m; } },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => { fake.invoked.push(args); return undefined; },
      on: (channel: string, h: Handler) => fake.rendererListeners.set(channel, h),
      removeListener: (channel: string) => fake.rendererListeners.delete(channel),
    },
  };
});

describe('Electron main process', () => {
  beforeEach(() => {
    vi.stubGlobal('__APP_VERSION__', '0.0.0-test');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('opens one sandboxed, isolated window on app:// and locks everything else down', async () => {
    await import('../../simulator/electron/main');
    const electron = (await import('electron')) as unknown as { app: { fireReady(): void } };
    expect(fake.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(fake.sandboxEnabled).toBe(true);
    electron.app.fireReady();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.windows).toHaveLength(1);
    const prefs = fake.windows[0].options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
    });
    expect(String(prefs['preload'])).toMatch(/preload\.cjs$/);
    expect(fake.windows[0].loaded).toBe(APP_ENTRY_URL);

    // Every permission is denied.
    let granted: boolean | undefined;
    fake.permissionRequest!({}, 'media', (ok: boolean) => { granted = ok; });
    expect(granted).toBe(false);
    expect(fake.permissionCheck!()).toBe(false);

    // Navigation away, redirects, new windows and <webview> are blocked in every web contents.
    fake.appEvents.get('web-contents-created')!({}, fake.windows[0].webContents);
    const prevented = (event: string, ...args: unknown[]): boolean => {
      let p = false;
      fake.contentsEvents.get(event)!({ preventDefault: () => { p = true; }, url: args[0] }, ...args);
      return p;
    };
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(prevented('will-navigate', 'app://arkmesh/index.html')).toBe(false);
    expect(prevented('will-redirect', 'app://arkmesh/x')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(fake.windowOpen!({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    // IPC handlers exist for exactly the contract's invoke channels and check the sender.
    expect([...fake.handlers.keys()].sort()).toEqual([IpcChannel.AppInfo, IpcChannel.ExportSave, IpcChannel.ScenarioOpen, IpcChannel.ScenarioSave].sort());
    const wc = fake.windows[0].webContents;
    const info = await fake.handlers.get(IpcChannel.AppInfo)!({ sender: wc, senderFrame: wc['mainFrame'] }, undefined);
    expect(info).toMatchObject({ shell: 'electron', appVersion: '0.0.0-test' });
    await expect(fake.handlers.get(IpcChannel.AppInfo)!({ sender: wc, senderFrame: { url: 'https://evil.example/' } }, undefined)).rejects.toThrow(/sender not allowed/);
    await expect(fake.handlers.get(IpcChannel.AppInfo)!({ sender: {}, senderFrame: wc['mainFrame'] }, undefined)).rejects.toThrow(/sender not allowed/);
    await expect(fake.handlers.get(IpcChannel.ScenarioSave)!({ sender: wc, senderFrame: wc['mainFrame'] }, { suggestedName: 1 })).rejects.toThrow(/suggestedName/);
    expect(await fake.handlers.get(IpcChannel.ScenarioOpen)!({ sender: wc, senderFrame: wc['mainFrame'] }, undefined)).toBeUndefined();

    // The protocol serves only files inside the renderer folder, with the CSP.
    const notFound = await fake.protocolHandler!(new Request('app://arkmesh/../../etc/passwd')) as Response;
    expect(notFound.status).toBe(404);

    // Menu items send typed commands to the window.
    const menu = fake.menu as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    menu.find((m) => m.label === 'Run')!.submenu!.find((i) => i.label === 'Step')!.click!();
    expect(fake.sent).toContainEqual([IpcChannel.MenuCommand, MenuCommand.Step]);
  });

  it('preload exposes only the typed bridge and forwards only known menu commands', async () => {
    await import('../../simulator/electron/preload');
    const bridge = fake.exposed.get(BRIDGE_KEY) as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['appInfo', 'onMenuCommand', 'openScenario', 'saveExport', 'saveScenario', 'shell']);
    expect(fake.exposed.size).toBe(1);
    await (bridge['saveScenario'] as (r: unknown) => Promise<unknown>)({ suggestedName: 'a.json', text: '{}', extra: 'dropped' });
    expect(fake.invoked[fake.invoked.length - 1]).toEqual([IpcChannel.ScenarioSave, { suggestedName: 'a.json', text: '{}' }]);
    const got: string[] = [];
    const off = (bridge['onMenuCommand'] as (l: (c: string) => void) => () => void)((c) => got.push(c));
    const listener = fake.rendererListeners.get(IpcChannel.MenuCommand)!;
    listener({}, MenuCommand.RunPause);
    listener({}, 'rm -rf /');
    expect(got).toEqual([MenuCommand.RunPause]);
    off();
    expect(fake.rendererListeners.has(IpcChannel.MenuCommand)).toBe(false);
  });
});
