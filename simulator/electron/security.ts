/**
 * The security decisions of the Electron shell as plain functions (no Electron import), so they
 * are unit-tested: the app:// origin, the Content-Security-Policy, which URLs may send IPC or be
 * navigated to, how app:// URLs map to files, and validation of every IPC payload.
 */
import path from 'node:path';
import { MAX_FILE_BYTES, MAX_FILE_NAME } from './ipc.ts';
import type { ExportKind, ExportRequest, SaveFileRequest } from './ipc.ts';

/** The privileged custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** The single host of that scheme. */
export const APP_HOST = 'arkmesh';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The renderer's entry page. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The renderer's Content-Security-Policy: only its own scripts, styles, images, fonts and workers;
 * no inline scripts, no eval, no network, no plugins, no frames, no forms. Also set as a `<meta>`
 * tag by the build, so browser mode gets the same policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers every app:// response carries. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The content type of a file served over app://. */
export const mimeType = (file: string): string => MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** True when `url` is a page of our own app (the only origin allowed to send IPC or be shown). */
export const isAppUrl = (url: string | undefined): boolean => {
  if (url === undefined || url === '') return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
};

/**
 * Maps an app:// request URL to a file inside `root`, or undefined when it points anywhere else
 * (another host, `..` escapes, encoded separators, NUL). `/` serves `index.html`.
 */
export const resolveAppFile = (url: string, root: string): string | undefined => {
  if (!isAppUrl(url)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, rel);
  if (file !== base && !file.startsWith(base + path.sep)) return undefined;
  return file;
};

/** Thrown when an IPC payload is not what the contract says. */
export class IpcPayloadError extends Error {
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'IpcPayloadError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A safe base file name: no directories, no control characters, no leading dots, bounded. */
export const sanitizeFileName = (name: string, fallback: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f<>:"|?*]/g, '').replace(/^\.+/, '').trim().slice(0, MAX_FILE_NAME);
  return clean === '' ? fallback : clean;
};

/** Validates a `scenario:save` payload. */
export const parseSaveRequest = (input: unknown): SaveFileRequest => {
  if (!isRecord(input)) throw new IpcPayloadError('request', 'must be an object');
  const name = input['suggestedName'];
  const text = input['text'];
  if (typeof name !== 'string' || name.length > MAX_FILE_NAME) {
    throw new IpcPayloadError('request.suggestedName', `must be a string of at most ${MAX_FILE_NAME} characters`);
  }
  if (typeof text !== 'string') throw new IpcPayloadError('request.text', 'must be a string');
  if (text.length > MAX_FILE_BYTES) throw new IpcPayloadError('request.text', `longer than ${MAX_FILE_BYTES} characters`);
  return { suggestedName: sanitizeFileName(name, 'scenario.json'), text };
};

const EXPORT_KINDS: readonly ExportKind[] = ['otlp', 'jaeger', 'report', 'run'];

/** Validates an `export:save` payload. */
export const parseExportRequest = (input: unknown): ExportRequest => {
  const base = parseSaveRequest(input);
  const kind = (input as Record<string, unknown>)['kind'];
  if (typeof kind !== 'string' || !EXPORT_KINDS.includes(kind as ExportKind)) {
    throw new IpcPayloadError('request.kind', `must be one of ${EXPORT_KINDS.join(', ')}`);
  }
  return { suggestedName: base.suggestedName, text: base.text, kind: kind as ExportKind };
};

/** Requests that carry no payload must carry none. */
export const parseEmptyRequest = (input: unknown): undefined => {
  if (input !== undefined && input !== null) throw new IpcPayloadError('request', 'must be empty');
  return undefined;
};
