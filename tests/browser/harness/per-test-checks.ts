/**
 * How a spec file gets its browser: one test server and one browser with the extension for the
 * whole file, closed after it, and after each test the checks that every test must also pass —
 * the extension logged no error, and nothing was requested beyond the test pages and the
 * extension's own files — so that the test that caused a failure is the one that fails (and any
 * test can run alone).
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startServer } from '../../../scripts/static-server.mjs';
import { BROWSER, TEST_HOSTS, launchExtensionBrowser, type ExtensionSession } from './extension-browser';

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/** Where the specs leave their screenshots, one folder per browser. */
export const ARTIFACTS = `artifacts/screenshots/${BROWSER}`;

/** Starts the file's server and browser before its tests; `ready` receives them. */
export function useExtensionBrowser(ready: (context: { session: ExtensionSession; server: TestServer }) => void): void {
  let session: ExtensionSession | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startServer();
    session = await launchExtensionBrowser();
    ready({ session, server });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });
  afterEach(async () => {
    if (!session || !server) return;
    // One round trip to the extension first: what it logged while the test ran has been delivered.
    await session.inExtension(() => true);
    const errors = await session.newExtensionErrors();
    const port = new URL(server.origin).port;
    const allowed = [`${server.origin}/`, ...TEST_HOSTS.map((host) => `http://${host}:${port}/`)];
    const current = session;
    const foreign = current
      .newRequests()
      .filter((url) => !allowed.some((prefix) => url.startsWith(prefix)) && !current.isExtensionFile(url) && !url.startsWith('data:'));
    expect(errors, 'errors logged by the extension during this test').toEqual([]);
    expect(foreign, 'requests that left for the network during this test').toEqual([]);
  });
}
