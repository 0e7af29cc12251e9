/**
 * A static server on 127.0.0.1 for the demo article (npm start) and the pages the browser tests open: the fixtures, the demo
 * article, and (for real-page runs) the saved corpus. Text is always served as UTF-8, since some
 * saved pages declare a wrong charset. A fixture named `*.csp.html` is served with a strict
 * Content-Security-Policy header.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MOUNTS = {
  '/fixtures/': join(ROOT, 'tests/browser/fixtures'),
  '/demo/': join(ROOT, 'assets/demo'),
  '/corpus/': join(ROOT, '../shared/corpus/pages'),
  // The same pages with their own scripts switched off (CSP), so that only the extension can change them.
  '/corpus-static/': join(ROOT, '../shared/corpus/pages'),
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
export const STRICT_CSP = "default-src 'none'; style-src 'none'; script-src 'none'; img-src 'none'";

export async function startServer() {
  const server = createServer((request, response) => void serve(request, response));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function serve(request, response) {
  const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  const mount = Object.keys(MOUNTS).find((prefix) => path.startsWith(prefix));
  const file = mount && normalize(join(MOUNTS[mount], path.slice(mount.length)));
  if (!file || !file.startsWith(MOUNTS[mount])) return send(response, 404, 'text/plain', 'Not found');
  try {
    const body = await readFile(file);
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (file.endsWith('.csp.html')) headers['content-security-policy'] = STRICT_CSP;
    if (mount === '/corpus-static/') headers['content-security-policy'] = "script-src 'none'";
    response.writeHead(200, headers).end(body);
  } catch {
    send(response, 404, 'text/plain', 'Not found');
  }
}

function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type }).end(body);
}
