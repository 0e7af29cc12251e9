/**
 * A copy of the built extension with something changed, for tests that need a fault or other
 * data than the bundled: files replaced (another fact pack), or a script that runs in the
 * background before the extension's own (to make it fail the way a real one can). `src/` holds
 * no test hooks; the change lives only in the copy.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

/**
 * `browser`: 'chrome' or 'firefox' (the dist folder). `files`: path → new text. `backgroundPrelude`:
 * the text of a script run before background.js. Returns the folder and how to remove it.
 * @param {'chrome' | 'firefox'} browser
 * @param {{ files?: Record<string, string>, backgroundPrelude?: string }} [changes]
 */
export async function extensionCopy(browser, { files = {}, backgroundPrelude } = {}) {
  const dir = await mkdtemp(join(tmpdir(), `context-cards-${browser}-`));
  await cp(join(DIST, browser), dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  if (backgroundPrelude) {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    await writeFile(join(dir, 'prelude.js'), backgroundPrelude);
    if (manifest.background.service_worker) {
      // A service worker is one script: a classic one can import the others, in order.
      await writeFile(join(dir, 'worker.js'), `importScripts('prelude.js', '${manifest.background.service_worker}');\n`);
      manifest.background.service_worker = 'worker.js';
    } else {
      manifest.background.scripts = ['prelude.js', ...manifest.background.scripts];
    }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
