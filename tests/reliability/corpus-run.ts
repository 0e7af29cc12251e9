#!/usr/bin/env node
/**
 * `npm run test:corpus`: the built extension in Chromium over every saved page of
 * ../shared/corpus/pages, with "every site" on: with the bundled pack and with a stress pack of
 * common words, each with the pages' own scripts off and then on (every request that leaves the
 * machine refused). On each page it checks that
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
import { startServer } from '../../scripts/static-server.mjs';
import { extensionCopy } from '../browser/harness/extension-copy.mjs';
import { launchExtensionBrowser } from '../browser/harness/extension-browser.mjs';
import { updateSection } from '../support/reliability-report.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '../shared/corpus/pages');
const PACK_FILE = 'packs/apple-alibaba-2025.json';
const MENTION_HIGHLIGHT = 'context-cards-mention';
const only = process.argv.slice(2).filter((arg) => arg.endsWith('.html'));
const writeReport = process.argv.includes('--report');
/** `--only=stress` or `--only=scripts-on` (or both): one part of the run, while working on it. */
const parts = process.argv.filter((arg) => arg.startsWith('--only=')).map((arg) => arg.slice('--only='.length));

/** Common words in English and Chinese: thousands of mentions across the corpus. */
const STRESS_ALIASES = {
  'apple-intelligence': [{ text: 'the' }, { text: 'said' }, { text: 'Apple' }, { text: 'iPhone' }, { text: 'AI', caseSensitive: true }],
  alibaba: [{ text: 'China' }, { text: '中国' }, { text: '苹果' }, { text: '公司' }, { text: '我们' }],
};

/** Two ways to serve the pages (scripts/static-server.mjs): with their scripts refused by CSP, or as saved. */
const MODES = [
  { name: 'scripts off', mount: '/corpus-static/', scripts: false },
  { name: 'scripts on', mount: '/corpus/', scripts: true },
];

/** With scripts on, the page is "still" once nothing in it changed for this long (the extension follows a change within about half a second). */
const QUIET_MS = 1000;
/** How long a page that never stops changing is watched for a still moment. */
const STILLNESS_TIMEOUT_MS = 20_000;

async function main() {
  const started = Date.now();
  if (!(await readdir(CORPUS).catch(() => null))) throw new Error(`No corpus at ${CORPUS}: the project expects ../shared beside it (see README).`);
  const bundled = JSON.parse(await readFile(join(ROOT, 'assets/packs/apple-alibaba-2025.json'), 'utf8'));
  const stress = { ...bundled, topics: bundled.topics.map((topic) => ({ ...topic, aliases: STRESS_ALIASES[topic.id] })) };
  const pages = only.length ? only : (await readdir(CORPUS)).filter((name) => name.endsWith('.html')).sort();
  const inPage = (await build({ entryPoints: [join(ROOT, 'tests/reliability/in-page.ts')], bundle: true, write: false, format: 'iife', target: 'chrome111' })).outputFiles[0].text;

  const server = await startServer();
  const results = [];
  try {
    for (const [packName, pack] of [['bundled pack', bundled], ['stress pack', stress]]) {
      if (!wanted(packName.split(' ')[0])) continue;
      const copy = pack === bundled ? undefined : await extensionCopy('chrome', { files: { [PACK_FILE]: JSON.stringify(pack) } });
      try {
        for (const mode of MODES.filter((m) => wanted(m.name.replace(' ', '-')))) results.push(...(await runPages({ server, pages, pack, packName, mode, inPage, extensionDir: copy?.dir })));
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
function wanted(part) {
  const asked = parts.filter((p) => (part.startsWith('scripts') ? p.startsWith('scripts') : !p.startsWith('scripts')));
  return asked.length === 0 || asked.includes(part);
}

/** Every page in one browser, for one pack and one mode. */
async function runPages({ server, pages, pack, packName, mode, inPage, extensionDir }) {
  const start = async () => {
    const fresh = await launchExtensionBrowser({ extensionDir });
    await everySite(fresh);
    return fresh;
  };
  const results = [];
  let session = await start();
  // Off and on again costs two storage writes, which storage.sync allows 120 a minute: it is
  // checked with the stress pack, where every page has mentions to lose and find again.
  const toggle = packName === 'stress pack';
  const aliases = pack.topics.flatMap((topic) => topic.aliases.map((alias) => ({ text: alias.text, topicId: topic.id, caseSensitive: alias.caseSensitive })));
  try {
    for (const name of pages) {
      const check = () => checkPage(session, { origin: server.origin, name, aliases, inPage, toggle, mode });
      let result = await check().catch((error) => ({ name, failures: [`run failed: ${error.message.split('\n')[0]}`], mentions: 0, crashed: !session.browser.connected }));
      if (result.crashed) {
        // The browser went away (seen once on this machine, not reproducible): once more, in a new one.
        await session.close().catch(() => undefined);
        session = await start();
        result = await check().catch((error) => ({ name, failures: [`browser lost twice: ${error.message.split('\n')[0]}`], mentions: 0 }));
        if (!result.failures.length) result.note = 'browser restarted once';
      }
      Object.assign(result, { pack: packName, mode: mode.name });
      results.push(result);
      const status = result.failures.length ? `FAIL ${result.failures.join('; ')}` : 'ok';
      console.log(`${packName.padEnd(12)} ${mode.name.padEnd(11)} ${name.padEnd(42)} ${String(result.mentions).padStart(6)} mentions  ${status}`);
    }
  } finally {
    await session.close();
  }
  return results;
}

/** "Every site", set the reader's way: on the options page. */
async function everySite(session) {
  const options = await session.openOptions();
  await options.bringToFront(); // a click in a background tab waits for a frame that never comes
  const label = await options.waitForSelector('::-p-xpath(//label[contains(normalize-space(), "Every site")])');
  await label.click();
  const stored = await waitFor(() => session.storedSettings(), (items) => items?.settings?.sites?.mode === 'all');
  if (stored?.settings?.sites?.mode !== 'all') throw new Error('"Every site" was not saved');
  await options.close();
}

async function checkPage(session, { origin, name, aliases, inPage, toggle, mode }) {
  const failures = [];
  const page = await session.browser.newPage();
  try {
    await page.setRequestInterception(true);
    // Saved pages point at the network, which this run never touches.
    page.on('request', (request) => void (request.url().startsWith(origin) || session.isExtensionFile(request.url()) ? request.continue() : request.abort()));
    // A page's own alert() holds its parser until the reader answers it; this run answers at once.
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
    await page.evaluateOnNewDocument(recordPage);
    await page.goto(`${origin}${mode.mount}${name}?run=${Date.now()}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    const counted = await countWhenStill(session, page, aliases, inPage, mode);
    if (counted.state?.status !== 'running') failures.push(`not running (${counted.state?.status ?? 'no answer'} ${counted.state?.reason ?? ''})`.trim());
    if (counted.neverStill) failures.push(`never still for ${QUIET_MS} ms in ${STILLNESS_TIMEOUT_MS / 1000} s`);
    const mentions = counted.state?.total ?? 0;
    if (counted.reference !== mentions) failures.push(`counted ${mentions}, the rendered text has ${counted.reference}`);
    if (counted.stray.length) failures.push(`painted non-mentions: ${counted.stray.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}`);

    if (!mode.scripts) {
      const domUnchanged = await page.evaluate(() => document.documentElement.outerHTML === globalThis.contextCardsDomBefore);
      if (!domUnchanged) failures.push('DOM changed');
    }
    const longFrames = await page.evaluate(() => globalThis.contextCardsLongFrames);
    if (longFrames.length) failures.push(`long frames with our script: ${longFrames.join(', ')} ms`);

    if (toggle) failures.push(...(await offAndOn(session, page, mentions, mode)));
    failures.push(...(await session.newExtensionErrors()).map((message) => `error: ${message.split('\n')[0]}`));
    return { name, mentions, reference: counted.reference, failures };
  } finally {
    await page.close();
  }
}

/** Runs in the page before its own scripts: the DOM as loaded, long frames with our script, and when the page last changed. */
function recordPage() {
  const record = globalThis;
  record.contextCardsLongFrames = [];
  record.contextCardsChanges = 0;
  record.contextCardsChangedAt = performance.now();
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      record.contextCardsDomBefore = document.documentElement.outerHTML;
      new MutationObserver(() => {
        record.contextCardsChanges++;
        record.contextCardsChangedAt = performance.now();
      }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    },
    { once: true },
  );
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const ours = entry.scripts?.filter((s) => s.sourceURL?.startsWith('chrome-extension://')) ?? [];
        if (entry.duration > 50 && ours.length) record.contextCardsLongFrames.push(Math.round(entry.duration));
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames API: nothing recorded.
  }
}

/**
 * The extension's count and the reference count, read at one still moment: the scan has settled,
 * and with scripts on the page has not changed for QUIET_MS — and did not change while both were
 * read. (A page that changes again is read again at its next still moment.)
 */
async function countWhenStill(session, page, aliases, inPage, mode) {
  await page.evaluate(inPage); // through DevTools: the page's CSP allows no script tag
  const deadline = Date.now() + STILLNESS_TIMEOUT_MS;
  let state;
  for (;;) {
    state = await settledState(session, page);
    const before = await page.evaluate(() => ({ changes: globalThis.contextCardsChanges, quietFor: performance.now() - globalThis.contextCardsChangedAt }));
    if (!mode.scripts || before.quietFor >= QUIET_MS) {
      const reference = await page.evaluate((list) => globalThis.contextCardsReliability.referenceCount(list), aliases);
      const stray = await page.evaluate((highlight, list) => globalThis.contextCardsReliability.strayHighlights(highlight, list), MENTION_HIGHLIGHT, aliases);
      const again = await session.messageTab(page, 'getPageState', {}).catch(() => undefined);
      const after = await page.evaluate(() => globalThis.contextCardsChanges);
      if (!mode.scripts || (after === before.changes && again?.result?.total === state?.total)) return { state, reference, stray };
    }
    if (Date.now() > deadline) {
      const reference = await page.evaluate((list) => globalThis.contextCardsReliability.referenceCount(list), aliases);
      return { state, reference, stray: [], neverStill: true };
    }
    await pause(Math.max(100, QUIET_MS - before.quietFor));
  }
}

/** Off: nothing painted, no listener left on window or document. On: the same count again. */
async function offAndOn(session, page, mentions, mode) {
  const failures = [];
  await setSiteBlocked(session, true);
  const off = await waitFor(() => session.messageTab(page, 'getPageState', {}), (reply) => reply?.result?.status === 'idle');
  if (off?.result?.status !== 'idle') failures.push('still running after the site was turned off');
  const painted = await page.evaluate((highlight) => CSS.highlights.get(highlight)?.size ?? 0, MENTION_HIGHLIGHT);
  if (painted) failures.push(`${painted} ranges still painted when off`);
  const listeners = await listenerCount(page, { onlyOurs: mode.scripts });
  if (listeners) failures.push(`${listeners} listeners left on window/document when off`);
  await setSiteBlocked(session, false);
  const again = await settledState(session, page);
  if ((again?.total ?? 0) !== mentions) failures.push(`on again: ${again?.total ?? 0} mentions, was ${mentions}`);
  return failures;
}

/** The page's state once its count has stopped changing (the scan yields, so it takes a moment). */
async function settledState(session, page) {
  let previous;
  for (let i = 0; i < 100; i++) {
    const reply = await session.messageTab(page, 'getPageState', {}).catch(() => undefined);
    const state = reply?.result;
    if (state?.status === 'running' && previous?.status === 'running' && state.total === previous.total && state.lastScan.textNodes > 0) return state;
    previous = state;
    await pause(150);
  }
  return previous;
}

/** storage.sync takes at most 120 writes a minute; spaced a second apart, two per page stay well under. */
const WRITE_SPACING_MS = 1000;
let lastWrite = 0;

/** What the popup's "On this site" switch does: the site goes on (or off) the blocked list. */
async function setSiteBlocked(session, blocked) {
  await pause(Math.max(0, lastWrite + WRITE_SPACING_MS - Date.now()));
  lastWrite = Date.now();
  await session.inExtension((list) => chrome.storage.sync.set({ 'sites.blocked': list }), blocked ? ['127.0.0.1'] : []);
}

/**
 * Listeners on window and document, from every world (DevTools sees the content script's too).
 * With the page's scripts on, it has listeners of its own: then only those whose script is the
 * extension's count.
 */
async function listenerCount(page, { onlyOurs }) {
  const cdp = await page.createCDPSession();
  try {
    let total = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      if (!onlyOurs) {
        total += listeners.length;
        continue;
      }
      const scripts = await Promise.all(listeners.map((listener) => scriptUrl(cdp, listener.scriptId)));
      total += scripts.filter((url) => url?.startsWith('chrome-extension://')).length;
    }
    return total;
  } finally {
    await cdp.detach();
  }
}

const scriptUrls = new WeakMap();
/** The URL of a script, as DevTools knows it (undefined: not known to this session). */
async function scriptUrl(cdp, scriptId) {
  if (!scriptUrls.has(cdp)) {
    const known = new Map();
    cdp.on('Debugger.scriptParsed', ({ scriptId: id, url }) => known.set(id, url));
    await cdp.send('Debugger.enable');
    scriptUrls.set(cdp, known);
  }
  return scriptUrls.get(cdp).get(scriptId);
}

async function waitFor(read, done, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let value;
  while (Date.now() < deadline) {
    value = await read().catch(() => undefined);
    if (done(value)) return value;
    await pause(100);
  }
  return value;
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function summarise(results, pageCount, milliseconds) {
  const lines = ['## Real pages', ''];
  lines.push(`${pageCount} saved pages of ../shared/corpus/pages (news, blogs, Wikipedia, CJK sites), each with the bundled pack and with a stress pack of common words (${Object.values(STRESS_ALIASES).flat().map((a) => a.text).join(', ')}), "every site" on, in headless Chromium with the built extension: once with the pages' own scripts off, once with them on (every request that leaves the machine refused). ${new Date().toISOString().slice(0, 10)}, ${(milliseconds / 60000).toFixed(1)} min.`, '');
  lines.push('| Pack | Pages\' scripts | Pages | Mentions, each checked | Pages failing |', '| --- | --- | ---: | ---: | ---: |');
  for (const pack of ['bundled pack', 'stress pack']) {
    for (const mode of MODES) {
      const rows = results.filter((r) => r.pack === pack && r.mode === mode.name);
      lines.push(`| ${pack} | ${mode.scripts ? 'on' : 'off'} | ${rows.length} | ${rows.reduce((sum, r) => sum + r.mentions, 0).toLocaleString('en')} | ${rows.filter((r) => r.failures.length).length} |`);
    }
  }
  const failing = results.filter((r) => r.failures.length);
  lines.push('', 'Failing a page: an error from the extension; a mention count other than the reference count; a painted range that is not a mention; a long animation frame (> 50 ms) with the extension\'s script in it; with scripts off, a changed DOM; and, with the stress pack (every page has mentions there), a highlight or a listener of the extension\'s on window or document left after the site is turned off, or a different count when it is turned on again.');
  lines.push('', 'The reference count is independent of the scanner: the body\'s `innerText` (the text as the browser lays it out: nothing hidden, a line break between blocks) matched by the naive reference matcher, less what is never scanned where it is rendered (editable regions, ruby text). With scripts on, both counts are read at a moment when the page has not changed for a second, and did not change while they were read.');
  const restarted = results.filter((r) => r.note);
  if (restarted.length) lines.push('', `The browser went away during ${restarted.map((r) => `${r.pack}, ${r.mode}, ${r.name}`).join('; ')}, and the page passed in a new one.`);
  if (failing.length) {
    lines.push('', '### Failures', '');
    for (const r of failing) lines.push(`- ${r.pack}, ${r.mode}, ${r.name}: ${r.failures.join('; ')}`);
  }
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
