/**
 * What every browser test must also leave true, checked after each one so that the test that
 * caused a failure is the one that fails (and any test can run alone): the extension logged no
 * error, and nothing was requested beyond the test pages and the extension's own files.
 */
import { afterEach, expect } from 'vitest';
import type { ExtensionSession } from './extension-browser';

/**
 * `session()`: the browser session of the spec file. `allowed()`: URL prefixes that may be
 * requested (the test server's origins).
 */
export function checkAfterEachTest(session: () => ExtensionSession | undefined, allowed: () => string[]): void {
  afterEach(async () => {
    const current = session();
    if (!current) return;
    // One round trip to the extension first: what it logged while the test ran has been delivered.
    await current.inExtension(() => true);
    const errors = await current.newExtensionErrors();
    const prefixes = allowed();
    const foreign = current
      .newRequests()
      .filter((url) => !prefixes.some((prefix) => url.startsWith(prefix)) && !current.isExtensionFile(url) && !url.startsWith('data:'));
    expect(errors, 'errors logged by the extension during this test').toEqual([]);
    expect(foreign, 'requests that left for the network during this test').toEqual([]);
  });
}
