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

export interface ExtensionChanges {
  /** The build to copy (default: dist/<browser>). */
  from?: string;
  /** Path → new text. */
  files?: Record<string, string>;
  /** The text of a script run in the background before the extension's own. */
  backgroundPrelude?: string;
  /** An extension page (its HTML path) → the text of a script run in it before its own. */
  pagePreludes?: Record<string, string>;
}

/** `browser`: 'chrome' or 'firefox'. Returns the folder of the copy, and how to remove it. */
export async function extensionCopy(
  browser: 'chrome' | 'firefox',
  { from, files = {}, backgroundPrelude, pagePreludes = {} }: ExtensionChanges = {},
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `context-cards-${browser}-`));
  await cp(from ?? join(DIST, browser), dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  for (const [page, prelude] of Object.entries(pagePreludes)) {
    const name = `${page.replace(/\.html$/, '')}-prelude.js`;
    await writeFile(join(dir, name), prelude);
    const html = await readFile(join(dir, page), 'utf8');
    // A classic script before the page's module script runs first.
    await writeFile(join(dir, page), html.replace('<script type="module"', `<script src="/${name}"></script>\n  <script type="module"`));
  }
  if (backgroundPrelude) {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
      background: { service_worker?: string; scripts?: string[] };
    };
    await writeFile(join(dir, 'prelude.js'), backgroundPrelude);
    if (manifest.background.service_worker) {
      // A service worker is one script: a classic one can import the others, in order.
      await writeFile(join(dir, 'worker.js'), `importScripts('prelude.js', '${manifest.background.service_worker}');\n`);
      manifest.background.service_worker = 'worker.js';
    } else {
      manifest.background.scripts = ['prelude.js', ...(manifest.background.scripts ?? [])];
    }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
