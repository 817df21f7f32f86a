// A static server for the built renderer (browser mode): the same files and the same security
// headers (CSP and friends, from electron/security.ts) that Electron's app:// protocol serves.
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { APP_DIR, ELECTRON_DIR } from './build-app.mjs';

const require = createRequire(import.meta.url);

/**
 * Serves `root` on `host:port` (port 0: any free port; a busy port tries the next ones).
 * Resolves with the server and its URL.
 */
export const serveApp = ({ root = APP_DIR, host = '127.0.0.1', port = 5173, tries = 20 } = {}) => {
  const security = require(path.join(ELECTRON_DIR, 'security.cjs'));
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      pathname = '\0';
    }
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(base, rel);
    const inside = file.startsWith(base + path.sep) && !pathname.includes('\0');
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !inside || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...security.RESPONSE_HEADERS });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': security.mimeType(file), 'Cache-Control': 'no-cache', ...security.RESPONSE_HEADERS });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    let attempt = 0;
    const listen = (p) => {
      server.once('error', (e) => {
        if (e.code === 'EADDRINUSE' && port !== 0 && attempt++ < tries) listen(p + 1);
        else reject(e);
      });
      server.listen(p, host, () => {
        const address = server.address();
        resolve({ server, url: `http://${host}:${address.port}/` });
      });
    };
    listen(port);
  });
};
