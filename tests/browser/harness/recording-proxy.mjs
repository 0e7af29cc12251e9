/**
 * A proxy that answers nothing and remembers everything: Firefox is pointed at it for every
 * non-local request, so any request the extension (or anything else) tries to send to the network
 * is recorded with its URL, then refused. Chromium's requests are recorded through DevTools instead.
 */
import { createServer } from 'node:http';

export async function startRecordingProxy() {
  const requests = [];
  const server = createServer((request, response) => {
    requests.push(request.url);
    response.writeHead(502).end();
  });
  server.on('connect', (request, socket) => {
    requests.push(`https://${request.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
