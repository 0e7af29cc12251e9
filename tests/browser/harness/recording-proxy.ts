/**
 * A proxy that answers nothing and remembers everything: Firefox is pointed at it for every
 * non-local request, so any request the extension (or anything else) tries to send to the network
 * is recorded with its URL, then refused. Chromium's requests are recorded through DevTools instead.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts the proxy; `record(url)` is called for every request it refuses. */
export async function startRecordingProxy(record: (url: string) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    record(request.url ?? '');
    response.writeHead(502).end();
  });
  server.on('connect', (request, socket) => {
    record(`https://${request.url ?? ''}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
