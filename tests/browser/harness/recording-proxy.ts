/**
 * A proxy that answers nothing and remembers everything: Firefox is pointed at it for every
 * non-local request, so any request the extension (or anything else) tries to send to the network
 * is recorded with its URL, then refused. Chromium's requests are recorded through DevTools instead.
 */
import { createServer } from 'node:http';

/** Starts the proxy; `record(url)` is called for every request it refuses. */
export async function startRecordingProxy(record) {
  const server = createServer((request, response) => {
    record(request.url);
    response.writeHead(502).end();
  });
  server.on('connect', (request, socket) => {
    record(`https://${request.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
