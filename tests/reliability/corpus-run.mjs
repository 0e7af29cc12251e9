#!/usr/bin/env node
/**
 * `npm run test:corpus`: the built extension in Chromium over every saved page of
 * ../shared/corpus/pages, with "every site" on, twice: with the bundled pack and with a stress
 * pack of common words. On each page it checks that
 *   - the extension throws nothing (page, content script, service worker);
 *   - the page's DOM is unchanged (serialized at DOMContentLoaded and after the scan);
 *   - the number of mentions equals an independent count from the page's rendered text, and every
 *     painted range is a mention;
 *   - no long animation frame (> 50 ms) has the extension's script in it;
 *   - turning the site off removes every highlight and listener; on again gives the same count.
 * The pages' own scripts are switched off (served with `script-src 'none'`), so that any change to
 * a page is the extension's. Prints a summary table, writes the figures to RELIABILITY.md, and
 * fails when any page fails.
 */
import { build } from 'esbuild';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/static-server.mjs';
import { launchExtensionBrowser } from '../browser/harness/extension-browser.mjs';
import { updateSection } from '../support/reliability-report.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '../shared/corpus/pages');
const PACK_FILE = 'packs/apple-alibaba-2025.json';
const MENTION_HIGHLIGHT = 'context-cards-mention';
const only = process.argv.slice(2).filter((arg) => arg.endsWith('.html'));

/** Common words in English and Chinese: thousands of mentions across the corpus. */
const STRESS_ALIASES = {
  'apple-intelligence': [{ text: 'the' }, { text: 'said' }, { text: 'Apple' }, { text: 'iPhone' }, { text: 'AI', caseSensitive: true }],
  alibaba: [{ text: 'China' }, { text: '中国' }, { text: '苹果' }, { text: '公司' }, { text: '我们' }],
};

async function main() {
  const started = Date.now();
  const bundled = JSON.parse(await readFile(join(ROOT, 'assets/packs/apple-alibaba-2025.json'), 'utf8'));
  const stress = { ...bundled, topics: bundled.topics.map((topic) => ({ ...topic, aliases: STRESS_ALIASES[topic.id] })) };
  const pages = only.length ? only : (await readdir(CORPUS)).filter((name) => name.endsWith('.html')).sort();
  const inPage = (await build({ entryPoints: [join(ROOT, 'tests/reliability/in-page.ts')], bundle: true, write: false, format: 'iife', target: 'chrome111' })).outputFiles[0].text;

  const server = await startServer();
  const results = [];
  try {
    for (const [packName, pack] of [['bundled pack', bundled], ['stress pack', stress]]) {
      const extensionDir = await buildWithPack(pack);
      const start = async () => {
        const fresh = await launchExtensionBrowser({ extensionDir });
        await everySite(fresh);
        return fresh;
      };
      let session = await start();
      // Off and on again costs two storage writes, which storage.sync allows 120 a minute: it is
      // checked with the stress pack, where every page has mentions to lose and find again.
      const toggle = packName === 'stress pack';
      try {
        const aliases = pack.topics.flatMap((topic) => topic.aliases.map((alias) => ({ text: alias.text, topicId: topic.id, caseSensitive: alias.caseSensitive })));
        for (const name of pages) {
          const check = () => checkPage(session, server.origin, name, aliases, inPage, toggle);
          let result = await check().catch((error) => ({ name, failures: [`run failed: ${error.message.split('\n')[0]}`], mentions: 0, crashed: !session.browser.connected }));
          if (result.crashed) {
            // The browser went away (seen once on this machine, not reproducible): once more, in a new one.
            await session.close().catch(() => undefined);
            session = await start();
            result = await check().catch((error) => ({ name, failures: [`browser lost twice: ${error.message.split('\n')[0]}`], mentions: 0 }));
            if (!result.failures.length) result.note = 'browser restarted once';
          }
          result.pack = packName;
          results.push(result);
          const status = result.failures.length ? `FAIL ${result.failures.join('; ')}` : 'ok';
          console.log(`${packName.padEnd(12)} ${name.padEnd(42)} ${String(result.mentions).padStart(6)} mentions  ${status}`);
        }
        const backgroundErrors = await session.extensionErrors();
        if (backgroundErrors.length) results.push({ name: '(service worker)', pack: packName, mentions: 0, failures: backgroundErrors });
      } finally {
        await session.close();
        if (extensionDir !== join(ROOT, 'dist/chrome')) await rm(extensionDir, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
  const summary = summarise(results, pages.length, Date.now() - started);
  console.log(`\n${summary}`);
  if (!only.length) await updateSection('corpus', summary);
  process.exitCode = results.some((r) => r.failures.length) ? 1 : 0;
}

/** dist/chrome, or a copy of it whose pack file is `pack` (the content script reads the pack from there). */
async function buildWithPack(pack) {
  const dist = join(ROOT, 'dist/chrome');
  const bundled = JSON.parse(await readFile(join(dist, PACK_FILE), 'utf8'));
  if (JSON.stringify(bundled.topics) === JSON.stringify(pack.topics)) return dist;
  const copy = await mkdtemp(join(tmpdir(), 'context-cards-stress-'));
  await cp(dist, copy, { recursive: true });
  await writeFile(join(copy, PACK_FILE), JSON.stringify(pack));
  return copy;
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

async function checkPage(session, origin, name, aliases, inPage, toggle) {
  const failures = [];
  const page = await session.browser.newPage();
  try {
    await page.setRequestInterception(true);
    // Saved pages point at the network, which this run never touches.
    page.on('request', (request) => void (request.url().startsWith(origin) || session.isExtensionFile(request.url()) ? request.continue() : request.abort()));
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message.split('\n')[0]));
    await page.evaluateOnNewDocument(() => {
      const record = globalThis;
      record.contextCardsLongFrames = [];
      document.addEventListener('DOMContentLoaded', () => (record.contextCardsDomBefore = document.documentElement.outerHTML), { once: true });
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
    });
    await page.goto(`${origin}/corpus-static/${name}?run=${Date.now()}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
    const state = await settledState(session, page);
    if (state?.status !== 'running') failures.push(`not running (${state?.status ?? 'no answer'} ${state?.reason ?? ''})`.trim());
    const mentions = state?.total ?? 0;

    const domUnchanged = await page.evaluate(() => document.documentElement.outerHTML === globalThis.contextCardsDomBefore);
    if (!domUnchanged) failures.push('DOM changed');
    await page.evaluate(inPage); // through DevTools: the page's CSP allows no script tag
    const reference = await page.evaluate((list) => globalThis.contextCardsReliability.referenceCount(list), aliases);
    if (reference !== mentions) failures.push(`counted ${mentions}, the rendered text has ${reference}`);
    const stray = await page.evaluate((highlight, list) => globalThis.contextCardsReliability.strayHighlights(highlight, list), MENTION_HIGHLIGHT, aliases);
    if (stray.length) failures.push(`painted non-mentions: ${stray.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}`);
    const longFrames = await page.evaluate(() => globalThis.contextCardsLongFrames);
    if (longFrames.length) failures.push(`long frames with our script: ${longFrames.join(', ')} ms`);

    failures.push(...errors.map((message) => `error: ${message}`));
    if (!toggle) return { name, mentions, reference, failures };

    // Off: nothing painted, no listener left on window or document. On: the same count again.
    await setSiteBlocked(session, true);
    const off = await waitFor(() => session.messageTab(page, 'getPageState', {}), (reply) => reply?.result?.status === 'idle');
    if (off?.result?.status !== 'idle') failures.push('still running after the site was turned off');
    const painted = await page.evaluate((highlight) => CSS.highlights.get(highlight)?.size ?? 0, MENTION_HIGHLIGHT);
    if (painted) failures.push(`${painted} ranges still painted when off`);
    const listeners = await listenerCount(page);
    if (listeners) failures.push(`${listeners} listeners left on window/document when off`);
    await setSiteBlocked(session, false);
    const again = await settledState(session, page);
    if ((again?.total ?? 0) !== mentions) failures.push(`on again: ${again?.total ?? 0} mentions, was ${mentions}`);
    return { name, mentions, reference, failures };
  } finally {
    await page.close();
  }
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

/** Listeners on window and document, from every world (DevTools sees the content script's too). */
async function listenerCount(page) {
  const cdp = await page.createCDPSession();
  try {
    let total = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      total += listeners.length;
    }
    return total;
  } finally {
    await cdp.detach();
  }
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
  lines.push(`${pageCount} saved pages of ../shared/corpus/pages (news, blogs, Wikipedia, CJK sites), each with the bundled pack and with a stress pack of common words (${Object.values(STRESS_ALIASES).flat().map((a) => a.text).join(', ')}), "every site" on, in headless Chromium with the built extension; the pages' own scripts off. ${new Date().toISOString().slice(0, 10)}, ${(milliseconds / 60000).toFixed(1)} min.`, '');
  lines.push('| Pack | Pages | Mentions, each checked | Pages failing |', '| --- | ---: | ---: | ---: |');
  for (const pack of ['bundled pack', 'stress pack']) {
    const rows = results.filter((r) => r.pack === pack);
    lines.push(`| ${pack} | ${rows.filter((r) => r.name.endsWith('.html')).length} | ${rows.reduce((sum, r) => sum + r.mentions, 0).toLocaleString('en')} | ${rows.filter((r) => r.failures.length).length} |`);
  }
  const failing = results.filter((r) => r.failures.length);
  lines.push('', 'Failing a page: an error from the extension; a changed DOM; a mention count other than the reference count; a painted range that is not a mention; a long animation frame (> 50 ms) with the extension\'s script in it; and, with the stress pack (every page has mentions there), a highlight or a listener on window or document left after the site is turned off, or a different count when it is turned on again.');
  lines.push('', 'The reference count is independent of the scanner: the body\'s `innerText` (the text as the browser lays it out: nothing hidden, a line break between blocks) matched by the naive reference matcher, less what is never scanned where it is rendered (editable regions, ruby text).');
  const restarted = results.filter((r) => r.note);
  if (restarted.length) lines.push('', `The browser went away during ${restarted.map((r) => `${r.pack}, ${r.name}`).join('; ')}, and the page passed in a new one.`);
  if (failing.length) {
    lines.push('', '### Failures', '');
    for (const r of failing) lines.push(`- ${r.pack}, ${r.name}: ${r.failures.join('; ')}`);
  }
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
