/**
 * `npm run test:corpus`: the built extension in Chromium over every saved page of
 * ../shared/corpus/pages, with "every site" on: with the bundled pack and with a stress pack of
 * common words, each with the pages' own scripts off and then on (every request that leaves the
 * machine refused). On each page (corpus-page.ts) it checks that
 *   - the extension logs no error (content script, service worker);
 *   - the number of mentions equals an independent count from the page's rendered text, and every
 *     painted range is a mention — taken while the page is still, when its scripts run;
 *   - no long animation frame (> 50 ms) has the extension's script in it;
 *   - with scripts off, the page's DOM is unchanged (serialized at DOMContentLoaded and after the
 *     scan): nothing else can change it then, so any change would be the extension's;
 *   - with the stress pack, turning the site off removes every highlight and listener, and on
 *     again gives the same count.
 * Prints a summary table and fails when any page fails. `--report` also writes the figures into
 * RELIABILITY.md (`npm run reliability`); page names on the command line run only those pages,
 * and `--only=stress`, `--only=bundled`, `--only=scripts-on`, `--only=scripts-off` one part.
 */
import { build } from 'esbuild';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_PACK, type Pack } from '../../src/core/pack';
import { startServer } from '../../scripts/static-server.mjs';
import { extensionCopy } from '../browser/harness/extension-copy';
import { launchExtensionBrowser, type ExtensionSession } from '../browser/harness/extension-browser';
import { updateSection } from '../support/reliability-report';
import { QUIET_MS, checkPage, waitFor, type Mode, type PageCheck, type PageResult } from './corpus-page';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '../shared/corpus/pages');
const only = process.argv.slice(2).filter((arg) => arg.endsWith('.html'));
const writeReport = process.argv.includes('--report');
const parts = process.argv.filter((arg) => arg.startsWith('--only=')).map((arg) => arg.slice('--only='.length));

/** Common words in English and Chinese: thousands of mentions across the corpus. */
const STRESS_ALIASES: Record<string, Array<{ text: string; caseSensitive?: boolean }>> = {
  'apple-intelligence': [{ text: 'the' }, { text: 'said' }, { text: 'Apple' }, { text: 'iPhone' }, { text: 'AI', caseSensitive: true }],
  alibaba: [{ text: 'China' }, { text: '中国' }, { text: '苹果' }, { text: '公司' }, { text: '我们' }],
};

const MODES: Mode[] = [
  { name: 'scripts off', mount: '/corpus-static/', scripts: false },
  { name: 'scripts on', mount: '/corpus/', scripts: true },
];

type PackName = 'bundled pack' | 'stress pack';
type Result = PageResult & { pack: PackName; mode: Mode['name'] };

async function main() {
  const started = Date.now();
  if (!(await readdir(CORPUS).catch(() => null)))
    throw new Error(`No corpus at ${CORPUS}: the project expects ../shared beside it (see README).`);
  const bundled = JSON.parse(await readFile(join(ROOT, 'assets', BUNDLED_PACK), 'utf8')) as Pack;
  const stress: Pack = {
    ...bundled,
    topics: bundled.topics.map((topic) => ({
      ...topic,
      aliases: (STRESS_ALIASES[topic.id] ?? []).map((alias) => ({ ...alias, lang: 'en' as const })),
    })),
  };
  const pages = only.length ? only : (await readdir(CORPUS)).filter((name) => name.endsWith('.html')).sort();
  const inPage = (
    await build({
      entryPoints: [join(ROOT, 'tests/reliability/in-page.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'chrome111',
    })
  ).outputFiles[0]!.text;

  const server = await startServer();
  const results: Result[] = [];
  try {
    for (const [packName, pack] of [
      ['bundled pack', bundled],
      ['stress pack', stress],
    ] as const) {
      if (!wanted(packName.split(' ')[0]!)) continue;
      const copy = pack === bundled ? undefined : await extensionCopy('chrome', { files: { [BUNDLED_PACK]: JSON.stringify(pack) } });
      try {
        for (const mode of MODES.filter((m) => wanted(m.name.replace(' ', '-')))) {
          const check = { origin: server.origin, topics: pack.topics, inPage, toggle: packName === 'stress pack', mode };
          results.push(...(await runPages(pages, check, copy?.dir)).map((result) => ({ ...result, pack: packName, mode: mode.name })));
        }
      } finally {
        await copy?.remove();
      }
    }
  } finally {
    await server.close();
  }
  const summary = summarise(results, pages.length, Date.now() - started);
  console.log(`\n${summary}`);
  if (writeReport && !only.length && !parts.length) await updateSection('corpus', summary);
  process.exitCode = results.some((r) => r.failures.length) ? 1 : 0;
}

/** Whether a part of the run (a pack, a mode) is asked for. */
function wanted(part: string): boolean {
  const asked = parts.filter((p) => (part.startsWith('scripts') ? p.startsWith('scripts') : !p.startsWith('scripts')));
  return asked.length === 0 || asked.includes(part);
}

/**
 * Every page in one browser, for one pack and one mode. If the browser goes away during a page
 * (seen once on this machine), that page fails saying so, and the rest run in a new browser.
 */
async function runPages(pages: string[], check: Omit<PageCheck, 'name'>, extensionDir: string | undefined): Promise<PageResult[]> {
  const start = async () => {
    const fresh = await launchExtensionBrowser({ extensionDir });
    await everySite(fresh);
    return fresh;
  };
  const results: PageResult[] = [];
  let session = await start();
  try {
    for (const name of pages) {
      const result = await checkPage(session, { ...check, name }).catch((error: Error) => ({
        name,
        mentions: 0,
        failures: [`run failed: ${error.message.split('\n')[0]}`],
      }));
      results.push(result);
      const status = result.failures.length ? `FAIL ${result.failures.join('; ')}` : 'ok';
      console.log(
        `${check.toggle ? 'stress ' : 'bundled'} ${check.mode.name.padEnd(11)} ${name.padEnd(42)} ${String(result.mentions).padStart(6)} mentions  ${status}`,
      );
      if (!session.browser.connected) {
        result.failures.push('the browser went away');
        await session.close().catch(() => undefined);
        session = await start();
      }
    }
  } finally {
    await session.close();
  }
  return results;
}

/** "Every site", set the reader's way: on the options page. */
async function everySite(session: ExtensionSession): Promise<void> {
  const options = await session.openOptions();
  await options.bringToFront(); // a click in a background tab waits for a frame that never comes
  const label = await options.waitForSelector('::-p-xpath(//label[contains(normalize-space(), "Every site")])');
  await label!.click();
  const stored = await waitFor(
    () => session.storedSettings(),
    (items) => items?.settings?.sites?.mode === 'all',
  );
  if (stored?.settings?.sites?.mode !== 'all') throw new Error('"Every site" was not saved');
  await options.close();
}

function summarise(results: Result[], pageCount: number, milliseconds: number): string {
  const words = Object.values(STRESS_ALIASES)
    .flat()
    .map((a) => a.text)
    .join(', ');
  const lines = ['## Real pages', ''];
  lines.push(
    `${pageCount} saved pages of ../shared/corpus/pages (news, blogs, Wikipedia, CJK sites), each with the bundled pack and with a stress pack of common words (${words}), "every site" on, in headless Chromium with the built extension: once with the pages' own scripts off, once with them on (every request that leaves the machine refused). ${new Date().toISOString().slice(0, 10)}, ${(milliseconds / 60000).toFixed(1)} min.`,
    '',
  );
  lines.push("| Pack | Pages' scripts | Pages | Mentions, each checked | Pages failing |", '| --- | --- | ---: | ---: | ---: |');
  for (const pack of ['bundled pack', 'stress pack'] as const) {
    for (const mode of MODES) {
      const rows = results.filter((r) => r.pack === pack && r.mode === mode.name);
      lines.push(
        `| ${pack} | ${mode.scripts ? 'on' : 'off'} | ${rows.length} | ${rows.reduce((sum, r) => sum + r.mentions, 0).toLocaleString('en')} | ${rows.filter((r) => r.failures.length).length} |`,
      );
    }
  }
  lines.push(
    '',
    "Failing a page: an error from the extension; a mention count other than the reference count; a painted range that is not a mention; a long animation frame (> 50 ms) with the extension's script in it; with scripts off, a changed DOM; and, with the stress pack (every page has mentions there), a highlight or a listener of the extension's on window or document left after the site is turned off, or a different count when it is turned on again.",
  );
  lines.push(
    '',
    `The reference count is independent of the scanner: the body's \`innerText\` (the text as the browser lays it out: nothing hidden, a line break between blocks) matched by the naive reference matcher, less what is never scanned where it is rendered (editable regions, ruby text). With scripts on, both counts are read at a moment when the page has not changed for ${QUIET_MS / 1000} s, and did not change while they were read.`,
  );
  const failing = results.filter((r) => r.failures.length);
  if (failing.length) {
    lines.push('', '### Failures', '');
    for (const r of failing) lines.push(`- ${r.pack}, ${r.mode}, ${r.name}: ${r.failures.join('; ')}`);
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
