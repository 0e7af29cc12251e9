#!/usr/bin/env node
/**
 * `npm run bench`: how much the extension costs a page, side by side with the least any scan must
 * do (the floor) and with mark.js, on the same pages and aliases, in headless Chromium; the matcher
 * alone in Node against one combined RegExp; the bundle sizes; the content script's cost on a page
 * that is not news. Writes BENCHMARKS.md (regenerated, never hand-edited) and prints it.
 *
 *   npm run bench              the full run (a few minutes)
 *   npm run bench -- --quick   one run per cell and fewer pages, to try the script itself
 */
import { build } from 'esbuild';
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findChromium } from '../../scripts/find-browser.mjs';
import { importTs } from '../../scripts/import-ts.mjs';
import { startServer } from '../../scripts/static-server.mjs';
import { launchExtensionBrowser } from '../browser/harness/extension-browser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = `${ROOT}../shared/corpus/pages`;
const quick = process.argv.includes('--quick');
/**
 * Runs per cell, in the same tab: the first is the engine's cold run (as on a reader's page, where
 * the scan runs once), the later ones run the scan's code optimised; the issue asks for medians of
 * at least 9 where the machine is noisy, so the median is that of the warm runs.
 */
const RUNS = quick ? 1 : 9;
/** mark.js cells predicted to take longer than this are measured on a sample of the aliases and scaled. */
const MARK_JS_BUDGET_MS = quick ? 5_000 : 10_000;
const GENERATED_PAGE = '/bench/generated-5mb.html';
/** How many mentions' cards are opened on each page to time the card. */
const CARD_OPENS = 14;
/** One frame at 60 Hz: the card's open and the frame that shows it fit in it. */
const FRAME_MS = 1000 / 60;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const TARGETS = {
  oursOverFloorPack: 1.5,
  oursOverFloor5000: 2,
  oursOverNativeFloorPack: 2,
  markOverOursLarge: 20,
  matcherFlatness: 1.3,
  contentScriptKB: 30,
  packageKB: 250,
  idlePageOverMinimal: 1.2,
};

async function main() {
  const started = new Date();
  await runBuild();
  const { BUNDLED_PACK } = await importTs('src/core/pack.ts');
  const { aliasesOf } = await importTs('src/core/topics.ts');
  const pack = JSON.parse(await readFile(`${ROOT}assets/${BUNDLED_PACK}`, 'utf8'));
  const aliasSets = await aliasSetsFrom(aliasesOf(pack));
  const pages = await choosePages();
  const inPage = await bundleInPage();
  const article = generateArticle(5 * 1024 * 1024);

  const server = await startServer();
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
    defaultViewport: { width: 1280, height: 800 },
  });
  const browserVersion = await browser.version();
  const cells = [];
  let cardOpens;
  let scrolling;
  let memory;
  try {
    for (const page of pages) {
      for (const set of aliasSets) {
        // The native floor's one alternation of 5,000 aliases reads at kilobytes per second (see the matcher table).
        const cell = await measureCell(browser, server.origin, page, set, inPage, article, { nativeFloor: set === aliasSets[0] });
        cells.push(cell);
        console.log(
          `${page.name} × ${set.name}: floor ${cell.floor.toFixed(1)} ms, ours ${cell.ours.toFixed(1)} ms, mark.js ${cell.markJs.toFixed(0)} ms${cell.markJsScaled ? ' (scaled)' : ''}, ${cell.mentions} mentions`,
        );
      }
    }
    cardOpens = await measureCardOpens(browser, server.origin, { pack, aliases: aliasSets[0].aliases, inPage, article });
    scrolling = await measureScrolling(browser, server.origin, { aliases: aliasSets[0].aliases, inPage, article });
    memory = await measureMemory(browser, server.origin, { aliases: aliasSets[0].aliases, inPage, article });
  } finally {
    await browser.close();
    await server.close();
  }
  const matcher = await benchMatcher(aliasSets, article);
  const sizes = await bundleSizes();
  const idle = await idlePageCost();
  const wake = await wakeTimes();
  const report = writeReport({
    started,
    browserVersion,
    pages,
    aliasSets,
    cells,
    matcher,
    sizes,
    idle,
    wake,
    cardOpens,
    scrolling,
    memory,
  });
  await writeFile(`${ROOT}BENCHMARKS.md`, report);
  console.log(`\n${report}`);
}

function runBuild() {
  return import('node:child_process').then(({ execFileSync }) =>
    execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' }),
  );
}

/**
 * The bundled pack's aliases; and 200 and 5,000 aliases: the pack's plus generated names. Each
 * with what the background would hand a page with its facts (`compiled`; null: the page compiles
 * the aliases itself).
 */
async function aliasSetsFrom(packAliases) {
  const { compileAliases } = await importTs('src/core/matcher.ts');
  const random = seeded(7);
  const generated = (count) => {
    const aliases = [...packAliases];
    // Names from other syllables than the article's: like real alias lists, they rarely match, so
    // the cost measured is the matcher's, not that of building tens of thousands of mentions.
    while (aliases.length < count)
      aliases.push({ text: `${pseudoWord(random, NAME_SYLLABLES)} ${pseudoWord(random, NAME_SYLLABLES)}`, topicId: 'generated' });
    return aliases;
  };
  return [
    // `frameTarget`: the sets that "no long task, no frame over 50 ms" is set for (issue #15).
    { name: `bundled pack (${packAliases.length})`, aliases: packAliases, frameTarget: true },
    { name: '200 aliases', aliases: generated(200), frameTarget: true },
    { name: '5,000 aliases', aliases: generated(5000), frameTarget: false },
  ].map((set) => ({ ...set, compiled: compileAliases(set.aliases) }));
}

/** The five corpus pages with the most text, and the median one. */
async function choosePages() {
  const names = (await readdir(CORPUS)).filter((name) => name.endsWith('.html'));
  const measured = [];
  for (const name of names) {
    const html = await readFile(`${CORPUS}/${name}`, 'utf8');
    const text = html
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ');
    measured.push({ name, path: `/corpus/${name}`, textKB: text.length / 1024 });
  }
  measured.sort((a, b) => b.textKB - a.textKB);
  const largest = measured.slice(0, quick ? 2 : 5).map((page) => ({ ...page, large: true }));
  const middle = measured[Math.floor(measured.length / 2)];
  return [
    ...largest,
    { ...middle, name: `${middle.name} (median)` },
    { name: 'generated 5 MB article', path: GENERATED_PAGE, textKB: 5 * 1024, large: true },
  ];
}

async function bundleInPage() {
  const result = await build({
    entryPoints: [`${ROOT}tests/bench/in-page.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'chrome111',
    loader: { '.css': 'text' },
    define: { BUILD_TARGET: '"chrome"', 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0].text;
}

/**
 * Served with the page, so that it is cross-origin isolated: its `performance.now()` then has a
 * resolution of 5 µs instead of 100 µs (Chromium coarsens the clock of other pages), which the
 * sub-millisecond figures of the smaller pages need.
 */
const CROSS_ORIGIN_ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/** A tab showing `path` (the generated article served from memory, nothing from the network) with the in-page bench added. */
async function openBenchTab(browser, origin, path, inPage, article) {
  const tab = await browser.newPage();
  await tab.setBypassCSP(true);
  await tab.setRequestInterception(true);
  const respond = (request, body, status = 200) =>
    void request.respond({ status, contentType: 'text/html; charset=utf-8', headers: CROSS_ORIGIN_ISOLATED, body });
  tab.on('request', (request) => {
    const url = request.url();
    if (url.endsWith(GENERATED_PAGE)) respond(request, article.html);
    else if (url === origin + path)
      fetch(url)
        .then(async (response) => respond(request, Buffer.from(await response.arrayBuffer()), response.status))
        .catch(() => void request.abort());
    else if (url.startsWith(origin) || url.startsWith('data:')) void request.continue();
    else void request.abort(); // saved pages point at the network, which this benchmark never uses
  });
  await tab.goto(origin + path, { waitUntil: 'load', timeout: 60_000 });
  await tab.addScriptTag({ content: inPage });
  if (!(await tab.evaluate(() => crossOriginIsolated))) throw new Error(`${path} is not cross-origin isolated: its clock would be coarse`);
  // The page's own loading (its first style, layout and paint, its scripts' start) is over before
  // anything is measured: its long frames are not the extension's.
  await tab.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })));
  return tab;
}

/** How long the card takes to show once the hover delay is up, on the demo article and the 5 MB one. */
async function measureCardOpens(browser, origin, { pack, aliases, inPage, article }) {
  const messages = {
    en: JSON.parse(await readFile(`${ROOT}assets/_locales/en/messages.json`, 'utf8')),
    'zh-CN': JSON.parse(await readFile(`${ROOT}assets/_locales/zh_CN/messages.json`, 'utf8')),
  };
  const rows = [];
  for (const [name, path] of [
    ['demo article', '/demo/article.html'],
    ['generated 5 MB article', GENERATED_PAGE],
  ]) {
    const tab = await openBenchTab(browser, origin, path, inPage, article);
    const run = await tab.evaluate(
      (a, p, m, opens) => globalThis.contextCardsBench.cardOpen(a, p, m, opens),
      aliases,
      pack,
      messages,
      quick ? 5 : CARD_OPENS,
    );
    await tab.close();
    rows.push({ page: name, opens: run.workMs.length, work: run.workMs, elapsed: run.elapsedMs });
    console.log(`card open on ${name}: median ${median(run.workMs).toFixed(1)} ms of work, worst ${Math.max(...run.workMs).toFixed(1)} ms`);
  }
  return rows;
}

/**
 * Rescans of a page that rewrites its body, for the leak measurement: the heap after `LEAK_WARMUP`
 * rescans against the heap 100 rescans later. The heap grows for the first hundred or so (the
 * engine's feedback and optimised code for the scan: seen here levelling off at about 125) and
 * not after, unless something leaks.
 */
const LEAK_WARMUP = quick ? 30 : 100;
const LEAK_RESCANS = LEAK_WARMUP + (quick ? 30 : 100);
/** What the heap may differ by between two measurements with nothing retained (allocation sites, feedback, timing). */
const HEAP_NOISE_BYTES = 64 * 1024;

/**
 * The V8 heap the scan retains (after a full garbage collection, measured over the DevTools
 * protocol): on the 5 MB article, with its mentions; and on the demo article, whose body is
 * rewritten with the same markup again and again, how the heap grows from rescan to rescan.
 */
async function measureMemory(browser, origin, { aliases, inPage, article }) {
  const heapUsed = async (cdp) => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const large = await openBenchTab(browser, origin, GENERATED_PAGE, inPage, article);
  const largeCdp = await large.createCDPSession();
  await large.evaluate(() => globalThis.contextCardsBench.touchEveryNode()); // the nodes' wrappers are the page's, not the scan's
  const before = await heapUsed(largeCdp);
  const mentions = await large.evaluate((a) => globalThis.contextCardsBench.startScan(a), aliases);
  const retained = (await heapUsed(largeCdp)) - before;
  await large.evaluate(() => globalThis.contextCardsBench.endScan());
  const afterEnd = (await heapUsed(largeCdp)) - before;
  await large.close();

  const demo = await openBenchTab(browser, origin, '/demo/article.html', inPage, article);
  const demoCdp = await demo.createCDPSession();
  const demoMentions = await demo.evaluate((a) => globalThis.contextCardsBench.startScan(a), aliases);
  const heapAt = {};
  const nodesAt = {};
  const nodes = async () => (await demoCdp.send('Memory.getDOMCounters')).nodes;
  for (let rescan = 1; rescan <= LEAK_RESCANS; rescan++) {
    // With the same markup every time, each rescan must find what the first scan found.
    const found = await demo.evaluate(() => globalThis.contextCardsBench.rewriteBody());
    if (found !== demoMentions)
      throw new Error(`rescan ${rescan} of the demo article found ${found} mentions, the first scan ${demoMentions}`);
    if (rescan === LEAK_WARMUP || rescan === LEAK_RESCANS) {
      heapAt[rescan] = await heapUsed(demoCdp);
      nodesAt[rescan] = await nodes(); // after the collection: nodes kept alive by the scan would show here
    }
  }
  await demo.evaluate(() => globalThis.contextCardsBench.endScan());
  await demo.close();
  const growth = heapAt[LEAK_RESCANS] - heapAt[LEAK_WARMUP];
  console.log(
    `memory: ${f(retained / 1024)} KB retained for ${mentions} mentions; ${f(growth / 1024)} KB more after ${LEAK_RESCANS - LEAK_WARMUP} more rescans`,
  );
  return { mentions, retained, afterEnd, demoMentions, growth, nodesGrowth: nodesAt[LEAK_RESCANS] - nodesAt[LEAK_WARMUP] };
}

/** Frames scrolled per run, and how far each moves the page: 6,000 px a second, a fast scroll. */
const SCROLL_FRAMES = quick ? 120 : 300;
const SCROLL_STEP_PX = 100;
/**
 * A frame interval longer than this is a frame that took more than one vsync: at 60 Hz intervals
 * come in multiples of 16.7 ms (a missed frame shows as 33 ms), give or take a few ms of jitter.
 */
const MISSED_FRAME_MS = 1.5 * FRAME_MS;

/** Scrolling the 5 MB article, the page alone and with the extension's highlights following the scroll. */
async function measureScrolling(browser, origin, { aliases, inPage, article }) {
  const rows = [];
  for (const [name, withExtension] of [
    ['the page alone', false],
    ["with the extension's scan", true],
  ]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const tab = await openBenchTab(browser, origin, GENERATED_PAGE, inPage, article);
      runs.push(
        await tab.evaluate(
          (a, frames, step) => globalThis.contextCardsBench.scroll(a, frames, step),
          withExtension ? aliases : null,
          SCROLL_FRAMES,
          SCROLL_STEP_PX,
        ),
      );
      await tab.close();
    }
    const missed = runs.map((run) => run.frameIntervals.filter((ms) => ms > MISSED_FRAME_MS).length);
    const intervals = runs.flatMap((run) => run.frameIntervals);
    if (withExtension && runs.some((run) => run.paintedInViewAtEnd === 0))
      throw new Error('scrolling the 5 MB article: no highlight in view where the scroll ended, so the highlights did not follow it');
    rows.push({
      name,
      withExtension,
      missed,
      worst: Math.max(...intervals),
      median: median(intervals),
      mentions: runs[0].mentions,
      paintedInView: runs.map((run) => run.paintedInViewAtEnd),
    });
    console.log(`scrolling the 5 MB article, ${name}: ${missed.join(', ')} frames over ${f(FRAME_MS)} ms`);
  }
  return rows;
}

async function measureCell(browser, origin, page, set, inPage, article, { nativeFloor: withNativeFloor }) {
  const tab = await openBenchTab(browser, origin, page.path, inPage, article);
  try {
    const aliasTexts = set.aliases.map((a) => a.text);
    const floor = [];
    const nativeFloor = [];
    const ours = [];
    const compile = [];
    const order = [];
    let characters = 0;
    let mentions = 0;
    let longTasks = 0;
    let longFrames = 0;
    for (let i = 0; i < RUNS; i++) {
      const bare = await tab.evaluate(() => globalThis.contextCardsBench.floor());
      floor.push(bare.milliseconds);
      characters = bare.characters;
      if (withNativeFloor)
        nativeFloor.push((await tab.evaluate((aliases) => globalThis.contextCardsBench.nativeFloor(aliases), aliasTexts)).milliseconds);
      const run = await tab.evaluate(
        (aliases, compiled) => globalThis.contextCardsBench.ours(aliases, compiled),
        set.aliases,
        set.compiled,
      );
      ours.push(run.milliseconds);
      compile.push(run.compileMs);
      order.push(run.orderMs);
      mentions = run.mentions;
      longTasks = Math.max(longTasks, run.longTasks);
      longFrames = Math.max(longFrames, run.longFrames);
    }
    const mark = await measureMarkJs(tab, aliasTexts);
    return {
      page: page.name,
      large: page.large,
      set: set.name,
      frameTarget: set.frameTarget,
      characters,
      floor: median(floor),
      nativeFloor: withNativeFloor ? median(nativeFloor) : undefined,
      ours: median(ours),
      compile: median(compile),
      order: median(order),
      markJs: mark.milliseconds,
      markJsScaled: mark.scaledFrom,
      markJsFailed: mark.failed,
      mentions,
      longTasks,
      longFrames,
    };
  } finally {
    await tab.close();
  }
}

/**
 * mark.js makes one pass over the page per alias, so large cells take minutes: when a sample of
 * 10 aliases predicts more than the budget, the cell is that sample's time scaled to all aliases
 * (the sample holds the pack's names, which match; the rest mostly do not, so this is close).
 */
async function measureMarkJs(tab, aliases) {
  const sampleSize = Math.min(10, aliases.length);
  const sample = await tab.evaluate((list) => globalThis.contextCardsBench.markJs(list), aliases.slice(0, sampleSize));
  const predicted = (sample.milliseconds * aliases.length) / sampleSize;
  if (predicted > MARK_JS_BUDGET_MS && aliases.length > sampleSize) return { milliseconds: predicted, scaledFrom: sampleSize };
  const runs = [];
  const repeats = predicted > 2_000 ? 1 : RUNS;
  try {
    for (let i = 0; i < repeats; i++)
      runs.push((await tab.evaluate((list) => globalThis.contextCardsBench.markJs(list), aliases)).milliseconds);
  } catch (error) {
    // mark.js builds one RegExp per alias recursively and can run out of stack with thousands.
    return { milliseconds: predicted, scaledFrom: sampleSize, failed: String(error.message).split('\n')[0].slice(-60) };
  }
  return { milliseconds: median(runs), scaledFrom: 0 };
}

/** The matcher alone in Node on 10 MB of text, against one combined RegExp with the same aliases. */
async function benchMatcher(aliasSets, article) {
  const result = await build({ entryPoints: [`${ROOT}src/core/matcher.ts`], bundle: true, write: false, format: 'esm', platform: 'node' });
  const { compileMatcher } = await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
  let text = article.text;
  while (text.length < 10 * 1024 * 1024) text += `\n${article.text}`;
  text = text.slice(0, 10 * 1024 * 1024);
  const megabytes = text.length / (1024 * 1024);
  // A RegExp of thousands of alternatives tries each at every position: its rate is measured on
  // the first megabyte (a rate does not depend on the length; 10 MB would take minutes).
  const regexpText = text.slice(0, 1024 * 1024);
  const sets = aliasSets.map((set) => {
    const escaped = set.aliases.map((a) => a.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    const combined = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    return { set, matcher: compileMatcher(set.aliases), combined, ours: [], regexp: [], found: 0 };
  });
  for (const { matcher } of sets) matcher.find(regexpText); // once untimed, so that no set pays for the JIT's warm-up
  // The sets take turns, run after run, so that the machine's drift (and what the first run of the
  // process pays) falls on all of them alike: the target compares their rates.
  for (let i = 0; i < Math.max(3, RUNS); i++) {
    for (const cell of sets) {
      let t = performance.now();
      cell.found = cell.matcher.find(text).length;
      cell.ours.push(performance.now() - t);
      if (cell.regexp.length && cell.regexp[0] > 5_000) continue; // once is enough for a RegExp that takes this long
      t = performance.now();
      for (const match of regexpText.matchAll(cell.combined)) void match; // every match, as ours finds every one
      cell.regexp.push(performance.now() - t);
    }
  }
  const rows = sets.map(({ set, ours, regexp, found }) => ({
    set: set.name,
    aliases: set.aliases.length,
    oursMBps: megabytes / (median(ours) / 1000),
    regexpMBps: 1 / (median(regexp) / 1000),
    found,
  }));
  return { megabytes, rows };
}

async function bundleSizes() {
  const size = async (path) => (await stat(`${ROOT}${path}`)).size;
  const folderSize = async (dir) => {
    const entries = await readdir(`${ROOT}${dir}`, { recursive: true, withFileTypes: true });
    let total = 0;
    for (const entry of entries.filter((e) => e.isFile())) total += (await stat(`${entry.parentPath}/${entry.name}`)).size;
    return total;
  };
  const rows = [];
  for (const browser of ['chrome', 'firefox']) {
    rows.push({
      browser,
      bootstrap: await size(`dist/${browser}/content/bootstrap.js`),
      awake: await size(`dist/${browser}/content/awake.js`),
      main: await size(`dist/${browser}/content/main.js`),
      unpacked: await folderSize(`dist/${browser}`),
    });
  }
  return rows;
}

/**
 * What the content script costs the main thread of a page that is not news and mentions nothing
 * (fixtures/not-an-article.html, which has no script of its own), from Chromium's trace of script
 * evaluation and callbacks attributed to bootstrap.js: on such a page, and on a site the reader
 * paused. Side by side, in the same run, a minimal content script registered the same way that
 * only runs three `querySelector` checks: what any content script that looks at the page pays.
 */
async function idlePageCost() {
  const minimal = await mkdtemp(`${os.tmpdir()}/context-cards-bench-`);
  await cp(`${ROOT}dist/chrome`, minimal, { recursive: true });
  await writeFile(`${minimal}/content/bootstrap.js`, MINIMAL_CONTENT_SCRIPT);
  await writeFile(`${minimal}/background.js`, MINIMAL_BACKGROUND);
  const variants = {
    notNews: () => bootstrapTimes(`${ROOT}dist/chrome`),
    paused: () => bootstrapTimes(`${ROOT}dist/chrome`, { pausedHost: '127.0.0.1' }),
    minimal: () => bootstrapTimes(minimal),
  };
  // Fractions of a millisecond, on a machine whose speed drifts: the variants take turns, round
  // after round, so that a slow minute falls on all of them alike.
  const runs = { notNews: [], paused: [], minimal: [] };
  try {
    for (let round = 0; round < IDLE_ROUNDS; round++) {
      for (const [name, measure] of Object.entries(variants)) runs[name].push(...(await measure()));
    }
  } finally {
    await rm(minimal, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(runs).map(([name, times]) => [name, { milliseconds: median(times), runs: times }]));
}

/** Rounds of the idle-page measurement, each with `IDLE_RUNS_PER_ROUND` page loads per variant. */
const IDLE_ROUNDS = quick ? 1 : 3;
const IDLE_RUNS_PER_ROUND = quick ? 3 : 7;

const MINIMAL_CONTENT_SCRIPT = `(() => {
  const found = [document.querySelector('article'), document.querySelector('meta[property="og:type" i][content="article" i]'), document.querySelector('script[type="application/ld+json"]')];
  if (found.some((element) => element !== null)) console.log('an article');
})();`;
const MINIMAL_BACKGROUND = `chrome.scripting.registerContentScripts([{ id: 'articles', matches: ['http://*/*', 'https://*/*'], js: ['content/bootstrap.js'], runAt: 'document_idle' }]);`;

/** Script time of bootstrap.js on each of `IDLE_RUNS_PER_ROUND` page loads; on a paused host, checks that it did not run at all. */
async function bootstrapTimes(extensionDir, { pausedHost } = {}) {
  const server = await startServer();
  const session = await launchExtensionBrowser({ extensionDir });
  const runs = [];
  try {
    if (pausedHost) await pause(session, pausedHost);
    for (let i = 0; i < IDLE_RUNS_PER_ROUND; i++) {
      const page = await session.browser.newPage();
      await page.tracing.start({ categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
      await page.goto(`${server.origin}/fixtures/not-an-article.html?run=${i}`, { waitUntil: 'load' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
      const time = scriptTime(trace.traceEvents, '/content/bootstrap.js');
      if (pausedHost && time !== undefined) throw new Error(`bootstrap.js ran on ${pausedHost}, a paused site`);
      if (!pausedHost && time === undefined) throw new Error('the trace shows no evaluation of bootstrap.js');
      runs.push(time ?? 0);
      await page.close();
    }
  } finally {
    await session.close();
    await server.close();
  }
  return runs;
}

/**
 * How long an article waits for its first highlight with the extension as a reader has it: from
 * the page's load event to the first frame with a range in one of the `CSS.highlights` (the page's
 * world sees the same registry; the painter registers its highlights empty as the scan starts, so
 * their count alone would time the start, not the paint), on the demo article. In between: the
 * bootstrap's article check, its request to wake, the background's injection of awake.js, the
 * settings' read, main.js and the facts, and the scan's first paint. Reported, not a target.
 */
async function wakeTimes(extensionDir = `${ROOT}dist/chrome`) {
  const server = await startServer();
  const session = await launchExtensionBrowser({ extensionDir });
  const runs = [];
  try {
    for (let i = 0; i < WAKE_RUNS; i++) {
      const page = await session.browser.newPage();
      await page.evaluateOnNewDocument(() => {
        const watch = () => {
          if ([...CSS.highlights.values()].some((highlight) => highlight.size > 0)) window.__firstHighlight = performance.now();
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      });
      await page.goto(`${server.origin}/demo/article.html?run=${i}`, { waitUntil: 'load' });
      await page.waitForFunction(() => window.__firstHighlight !== undefined, { timeout: 10_000 });
      runs.push(await page.evaluate(() => window.__firstHighlight - performance.getEntriesByType('navigation')[0].loadEventEnd));
      await page.close();
    }
  } finally {
    await session.close();
    await server.close();
  }
  return { milliseconds: median(runs), runs };
}

const WAKE_RUNS = quick ? 3 : 9;

/** Pauses `host` as the popup's switch does, and waits for the background to leave it out of its registrations. */
async function pause(session, host) {
  await session.storeItems({ 'sites.blocked': [host] });
  for (;;) {
    const scripts = await session.registeredContentScripts();
    if (scripts.every((script) => script.excludeMatches?.includes(`*://${host}/*`))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Script time on the page's main thread (the thread that evaluated `file`), nested events not
 * counted twice; undefined when `file` did not run. The page has no script of its own, so every script event there is the
 * extension's: evaluating the content script, and the callbacks and promise reactions it set off
 * (those carry no file name).
 */
function scriptTime(events, file) {
  const evaluation = events.find((e) => e.name === 'EvaluateScript' && JSON.stringify(e.args ?? {}).includes(file));
  if (!evaluation) return undefined;
  const kinds = ['EvaluateScript', 'FunctionCall', 'v8.callFunction', 'RunMicrotasks', 'TimerFire', 'FireIdleCallback'];
  const ours = events.filter(
    (e) => e.ph === 'X' && e.pid === evaluation.pid && e.tid === evaluation.tid && e.ts >= evaluation.ts && kinds.includes(e.name),
  );
  ours.sort((a, b) => a.ts - b.ts);
  let total = 0;
  let coveredUntil = 0;
  for (const event of ours) {
    const end = event.ts + event.dur;
    if (end <= coveredUntil) continue;
    total += end - Math.max(event.ts, coveredUntil);
    coveredUntil = end;
  }
  return total / 1000;
}

const f = (n, digits = 1) => n.toFixed(digits);
const kb = (bytes) => `${f(bytes / 1024)} KB`;
const verdict = (ok) => (ok ? 'met' : '**missed**');
const runsOf = ({ runs }) => runs.map((r) => f(r, 2)).join(', ');

function writeReport(results) {
  const lines = [
    ...reportHeader(results),
    ...reportScans(results),
    ...reportCardOpens(results),
    ...reportScrolling(results),
    ...reportMemory(results),
    ...reportMatcherAndSizes(results),
    ...reportTargets(results),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function reportHeader({ started, browserVersion }) {
  const lines = [];
  lines.push(
    '# Benchmarks',
    '',
    `Regenerated by \`npm run bench\`${quick ? ' (--quick: one run per cell, fewer pages)' : ''}; do not edit by hand.`,
    '',
  );
  lines.push(`- Date: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  lines.push(
    `- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} logical CPUs, ${f(os.totalmem() / 2 ** 30, 0)} GB, ${os.type()} ${os.release()}`,
  );
  lines.push(`- Browser: ${browserVersion} (headless); Node ${process.version}; median of ${RUNS} run${RUNS > 1 ? 's' : ''} per cell`);
  return lines;
}

function reportScans({ pages, cells }) {
  const lines = [];
  lines.push('', '## Scanning a page: floors, ours, mark.js', '');
  lines.push(
    "Main-thread milliseconds, read from the page's own clock (each page is served cross-origin isolated, so that the clock reads to 5 µs, not 100 µs). **floor**: a bare TreeWalker reading every text node under the body (the length of its text, not the characters). **native floor** (bundled pack only): the same walk reading every character, with one native `RegExp` test of all the aliases (case-insensitive, Unicode) per text node — what the engine's own regular expressions cost; not a matcher (no word edges, no white-space runs, no mentions across elements). **ours**: the content script's scan — make the matcher (also shown on its own, as \"of which compile\": from the aliases the background compiled, as a page gets them with the bundled pack, or compiling them on the page where there are too many to hand over), take the blocks in view, walk, match, build ranges, register highlights, restyle the page for the highlights' stylesheet — summed over its time slices. **mark.js** 8.11.1: `mark(aliases, { separateWordSearch: false, accuracy: \"exactly\" })`, timed without its `unmark`. **characters**: what the text nodes hold, white space included; every one of them is read by any matcher, while the floor reads none. **long tasks / long frames** (ours): tasks, and frames from one paint to the next (Chromium's Long Animation Frames: script, style, layout and paint), over 50 ms that ended while the scan ran, put its mentions in page order or took its highlights down again as pausing the site does (most in any of the runs). **page order**: putting the mentions found in page order afterwards, as opening the popup does (not part of ours).",
    '',
  );
  lines.push(
    '| Page | Text | Characters | Aliases | floor | native floor | ours | of which compile | mark.js | ours / floor | ours / native floor | mark.js / ours | mentions | long tasks | long frames | page order |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const c of cells) {
    const page = pages.find((p) => p.name === c.page);
    const mark = `${f(c.markJs, 0)}${c.markJsScaled ? ` ≈ (from ${c.markJsScaled} aliases${c.markJsFailed ? `; with all it failed: ${c.markJsFailed}` : ''})` : ''}`;
    lines.push(
      `| ${c.page} | ${f(page.textKB, 0)} KB | ${f(c.characters / 1024, 0)} K | ${c.set} | ${f(c.floor, 2)} | ${c.nativeFloor === undefined ? '—' : f(c.nativeFloor, 2)} | ${f(c.ours, 2)} | ${f(c.compile, 2)} | ${mark} | ${f(c.ours / c.floor)} | ${c.nativeFloor === undefined ? '—' : f(c.ours / c.nativeFloor)} | ${f(c.markJs / c.ours)} | ${c.mentions} | ${c.longTasks} | ${c.longFrames} | ${f(c.order, 2)} |`,
    );
  }
  return lines;
}

function reportScrolling({ scrolling }) {
  const lines = [
    '',
    '## Scrolling',
    '',
    `The generated 5 MB article scrolled down ${SCROLL_STEP_PX} px a frame for ${SCROLL_FRAMES} frames (6,000 px a second), the page alone and half a second after the extension's scan has settled (bundled pack; its code run in the page's world, as everywhere in this benchmark), its highlights following the scroll: main-thread scrolling (\`scrollBy\` each frame) in headless Chromium, whose frames come from its own 60 Hz clock, so a frame missed is one the main thread was too busy for. **frames over ${f(FRAME_MS)} ms**: intervals from one frame to the next longer than ${f(MISSED_FRAME_MS)} ms, which is a frame that missed its vsync (intervals come in steps of ${f(FRAME_MS)} ms, give or take some jitter), per run.`,
    '',
    `| Scrolling | mentions on the page | frames over ${f(FRAME_MS)} ms, per run | median interval | worst interval | ranges painted in view where the scroll ended, per run |`,
    '| --- | ---: | --- | ---: | ---: | --- |',
  ];
  for (const row of scrolling)
    lines.push(
      `| ${row.name} | ${row.mentions} | ${row.missed.join(', ')} | ${f(row.median, 2)} ms | ${f(row.worst, 2)} ms | ${row.withExtension ? row.paintedInView.join(', ') : '—'} |`,
    );
  return lines;
}

function reportMemory({ memory }) {
  return [
    '',
    '## Memory',
    '',
    `V8 heap after a full garbage collection (DevTools protocol), Chromium. The scan of the generated 5 MB article retains **${kb(memory.retained)}** for its ${memory.mentions} mentions, ${kb((memory.retained / memory.mentions) * 1000)} per 1,000 mentions (the mentions, their \`StaticRange\` objects, the index by node, the painter's sets, the matcher's tables; measured from after a walk that gave every node of the page its wrapper, and the ranges' native part lives outside the V8 heap); ${kb(memory.afterEnd)} stays once it ends. The demo article (${memory.demoMentions} mentions) rewriting its body with the same markup ${LEAK_RESCANS} times, each rescan settled before the next: the heap after rescan ${LEAK_RESCANS} differs from that after rescan ${LEAK_WARMUP} by **${kb(memory.growth)}** (the first hundred rescans grow it while the engine optimises the scan's code; then it levels off), and the page's count of DOM nodes (Blink's, which the V8 heap does not show: each rescan leaves the old body's nodes behind for the collector) by ${memory.nodesGrowth}.`,
  ];
}

function reportCardOpens({ cardOpens }) {
  const lines = [
    '',
    '## Opening the card',
    '',
    "What the hover timer does when the reader's delay is up: `CardController.open` on a mention (render the card, place it), then the frame that shows it. As on a reader's page, the card's host is made ready as the delay begins (`CardHost.prepare`), the open runs in the delay's timer, and the previous card's close has been rendered before it, so that each open's frame renders that open alone. **work**: the script of the open plus that frame's rendering (style, layout, paint) — what must fit in one frame; **until shown**: from the open to the end of that frame, the wait for it included. Milliseconds, over one open per mention for the first mentions of the page, after the scan has settled.",
    '',
    '| Page | opens | work, median | work, worst | until shown, median | until shown, worst |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of cardOpens)
    lines.push(
      `| ${row.page} | ${row.opens} | ${f(median(row.work), 2)} | ${f(Math.max(...row.work), 2)} | ${f(median(row.elapsed), 2)} | ${f(Math.max(...row.elapsed), 2)} |`,
    );
  return lines;
}

function reportMatcherAndSizes({ matcher, sizes, idle, wake }) {
  const lines = [];
  lines.push(
    '',
    '## The matcher alone (Node)',
    '',
    `${f(matcher.megabytes, 0)} MB of generated article text; one combined RegExp (alternation, Unicode word edges) as the baseline, its rate measured on the first MB.`,
    '',
  );
  lines.push('| Aliases | ours (MB/s) | RegExp (MB/s) | matches |', '| --- | ---: | ---: | ---: |');
  for (const row of matcher.rows)
    lines.push(`| ${row.set} | ${f(row.oursMBps)} | ${row.regexpMBps < 1 ? f(row.regexpMBps, 3) : f(row.regexpMBps)} | ${row.found} |`);
  lines.push(
    '',
    '## Size',
    '',
    '| Build | content/bootstrap.js (every page) | content/awake.js (settings, decision) | content/main.js (scanner + card) | all three | whole extension, unpacked |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const s of sizes)
    lines.push(`| ${s.browser} | ${kb(s.bootstrap)} | ${kb(s.awake)} | ${kb(s.main)} | ${kb(contentScriptSize(s))} | ${kb(s.unpacked)} |`);
  lines.push(
    '',
    `Content script on a page that is not news and mentions nothing (fixtures/not-an-article.html, which has no script of its own), main-thread script time from Chromium's trace, median of ${idle.notNews.runs.length}: **${f(idle.notNews.milliseconds, 2)} ms** (runs: ${runsOf(idle.notNews)}); on a site the reader paused, **${f(idle.paused.milliseconds, 2)} ms** (the content script is not run there at all); a minimal content script, registered the same way, that only runs three \`querySelector\` checks: ${f(idle.minimal.milliseconds, 2)} ms (runs: ${runsOf(idle.minimal)}).`,
    '',
    `On an article (the demo article), from the page's load event to its first highlight, median of ${wake.runs.length}: **${f(wake.milliseconds, 1)} ms** (runs: ${wake.runs.map((run) => f(run, 1)).join(', ')}): the article check, the request to wake and the injection of awake.js, the settings, main.js and the facts, the scan's first paint. Reported, not a target.`,
  );
  return lines;
}

function reportTargets({ aliasSets, cells, matcher, sizes, idle, cardOpens, scrolling, memory }) {
  const rows = [
    ...scanTargets({ aliasSets, cells, matcher }),
    ...readerTargets({ cells, cardOpens, scrolling, memory }),
    ...costTargets({ sizes, idle }),
  ];
  const missed = rows.filter((row) => !row.met);
  return [
    '',
    '## Targets',
    '',
    '| Target | Measured | |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${row.target} | ${row.measured} | ${row.verdict} |`),
    ...(missed.length > 0
      ? ['', '### Why the missed ones are missed', '', ...missed.map((row) => `- **${row.target}**: ${WHY_MISSED[row.id]}`)]
      : []),
  ];
}

/** How fast the scan and the matcher are. */
function scanTargets({ aliasSets, cells, matcher }) {
  const withPack = cells.filter((c) => c.set === aliasSets[0].name);
  const with5000 = cells.filter((c) => c.set === aliasSets[2].name);
  const large = cells.filter((c) => c.large);
  const worst = (list, key) => Math.max(...list.map(key));
  const rates = matcher.rows.map((r) => r.oursMBps);
  const flatness = Math.max(...rates) / Math.min(...rates);
  const worstPack = worst(withPack, (c) => c.ours / c.floor);
  const worst5000 = worst(with5000, (c) => c.ours / c.floor);
  // The three largest saved pages by text (the page list is sorted so), the 5 MB article apart.
  const largestThree = withPack.filter((c) => c.large && c.page !== 'generated 5 MB article').slice(0, 3);
  const worstNative = worst(largestThree, (c) => c.ours / c.nativeFloor);
  const leastMark = Math.min(...large.map((c) => c.markJs / c.ours));
  return [
    targetRow(
      'floorPack',
      `ours / floor ≤ ${TARGETS.oursOverFloorPack} on every page, bundled pack`,
      `worst ${f(worstPack)}`,
      worstPack <= TARGETS.oursOverFloorPack,
    ),
    targetRow(
      'floor5000',
      `ours / floor ≤ ${TARGETS.oursOverFloor5000} with 5,000 aliases`,
      `worst ${f(worst5000)}`,
      worst5000 <= TARGETS.oursOverFloor5000,
    ),
    targetRow(
      'nativeFloor',
      `ours / native floor ≤ ${TARGETS.oursOverNativeFloorPack} on the three largest pages, bundled pack`,
      `worst ${f(worstNative)} (${largestThree.map((c) => `${c.page} ${f(c.ours / c.nativeFloor)}`).join(', ')})`,
      worstNative <= TARGETS.oursOverNativeFloorPack,
    ),
    targetRow(
      'markJs',
      `mark.js / ours ≥ ${TARGETS.markOverOursLarge} on the large pages`,
      `least ${f(leastMark)}`,
      leastMark >= TARGETS.markOverOursLarge,
    ),
    targetRow(
      'matcherFlat',
      `matcher MB/s flat within ${TARGETS.matcherFlatness}× from ${aliasSets[0].aliases.length} to 5,000 aliases`,
      `${f(flatness, 2)}×`,
      flatness <= TARGETS.matcherFlatness,
    ),
  ];
}

/** All of the content script, as a page that is scanned loads it. */
const contentScriptSize = (s) => s.bootstrap + s.awake + s.main;

/** What the extension costs every page, and the reader's disk. */
function costTargets({ sizes, idle }) {
  const biggestMain = Math.max(...sizes.map((s) => s.main));
  const biggestBoth = Math.max(...sizes.map(contentScriptSize));
  const biggestPackage = Math.max(...sizes.map((s) => s.unpacked));
  const idleOver = (variant) => idle[variant].milliseconds / idle.minimal.milliseconds;
  return [
    targetRow(
      'size',
      `content script ≤ ${TARGETS.contentScriptKB} KB minified (card included)`,
      `main.js ${kb(biggestMain)}; with bootstrap.js and awake.js ${kb(biggestBoth)}`,
      biggestBoth <= TARGETS.contentScriptKB * 1024,
      `${verdict(biggestMain <= TARGETS.contentScriptKB * 1024)} (main.js); ${verdict(biggestBoth <= TARGETS.contentScriptKB * 1024)} (all three)`,
    ),
    targetRow(
      'package',
      `whole package ≤ ${TARGETS.packageKB} KB`,
      `${kb(biggestPackage)} unpacked`,
      biggestPackage <= TARGETS.packageKB * 1024,
    ),
    targetRow(
      'idlePage',
      `not news, and a paused site: content script ≤ ${TARGETS.idlePageOverMinimal}× a minimal one (three \`querySelector\` checks)`,
      `not news ${f(idleOver('notNews'), 2)}× (${f(idle.notNews.milliseconds, 2)} / ${f(idle.minimal.milliseconds, 2)} ms); paused ${f(idleOver('paused'), 2)}×`,
      Math.max(idleOver('notNews'), idleOver('paused')) <= TARGETS.idlePageOverMinimal,
    ),
  ];
}

/** One row of the targets table; a missed one also gets its reason (WHY_MISSED) under the table. */
function targetRow(id, target, measured, met, verdictText = verdict(met)) {
  if (!(id in WHY_MISSED)) throw new Error(`WHY_MISSED has no reason for the target "${id}"`);
  return { id, target, measured, met, verdict: verdictText };
}

function readerTargets({ cells, cardOpens, scrolling, memory }) {
  const worstOpen = Math.max(...cardOpens.flatMap((row) => row.work));
  const withLongTasks = cells.filter((c) => c.frameTarget && c.longTasks > 0);
  const withLongFrames = cells.filter((c) => c.frameTarget && c.longFrames > 0);
  const list = (found, count) => (found.length > 0 ? found.map((c) => `${c.page} × ${c.set}: ${count(c)}`).join('; ') : 'none');
  const outside = (count) => {
    const found = cells.filter((c) => !c.frameTarget && count(c) > 0);
    return found.length > 0 ? ` (outside the target: ${list(found, count)})` : '';
  };
  const [alone, withExtension] = scrolling.map((row) => median(row.missed));
  return [
    targetRow(
      'cardOpen',
      `the card opens within one frame (${f(FRAME_MS, 1)} ms of work) of the hover delay's end`,
      `worst ${f(worstOpen, 2)} ms (${cardOpens.map((row) => `${row.page}: median ${f(median(row.work), 2)}`).join('; ')})`,
      worstOpen <= FRAME_MS,
    ),
    targetRow(
      'longTask',
      'no long task (> 50 ms) from the scan, bundled pack and 200 aliases',
      list(withLongTasks, (c) => c.longTasks) + outside((c) => c.longTasks),
      withLongTasks.length === 0,
    ),
    targetRow(
      'longFrame',
      '(and no frame over 50 ms while it runs)',
      list(withLongFrames, (c) => c.longFrames) + outside((c) => c.longFrames),
      withLongFrames.length === 0,
    ),
    targetRow(
      'scrolling',
      `scrolling the 5 MB article: the extension adds no frame over ${f(FRAME_MS)} ms`,
      `median per run: ${withExtension} with the extension, ${alone} for the page alone`,
      withExtension <= alone,
    ),
    targetRow(
      'leak',
      `no heap growth over ${LEAK_RESCANS - LEAK_WARMUP} rescans of a page that rewrites its body (within ${kb(HEAP_NOISE_BYTES)} of noise)`,
      `${kb(memory.growth)} of heap and ${memory.nodesGrowth} DOM nodes from rescan ${LEAK_WARMUP} to ${LEAK_RESCANS}`,
      memory.growth <= HEAP_NOISE_BYTES && memory.nodesGrowth <= 0,
    ),
  ];
}

/**
 * Why each target is missed when it is, as far as it has been profiled (the traces of this bench's
 * Chromium); printed under the table for the missed ones. Keep it true when the code changes.
 */
const WHY_MISSED = {
  floorPack:
    "the floor reads no characters, only each text node's length, so a matcher, which must read every one of them, cannot come near it; reading them alone with the engine's own RegExp (the native floor) already costs up to 1.5× the floor. What is left over that is under the native floor's target.",
  floor5000:
    'most of it is compiling 5,000 aliases into the automaton ("of which compile": 9–16 ms in the runs of 2026-12-07 with a 5 µs clock, 15–27 ms in earlier runs), once per page; the floor compiles nothing.',
  nativeFloor:
    "the scan reads each root in two passes (src/content/scan/root-scan.ts): the engine's TreeWalker hands over the text nodes and the sieve tests each with one native RegExp, as the native floor does, then only the blocks it let through are read as prose. What is left, measured on these pages with the page's clock at 5 µs (2026-12-07): the sieve's RegExp also looks for the beginning of an alias at the end of every node, where no ASCII letter or digit glues it to a word, for mentions split across elements (50 of wikipedia-2's 14,343 nodes pass; without that part the scan took 0.3–0.5 ms less there); the second native walk, for open shadow roots, gives every element a wrapper (0.7–0.9 ms on wikipedia-2's 9,857 elements, 0.1 ms on clean-links); and fixed costs of about 0.2 ms (making the matcher from the background's tables, 0.08 ms; setting up the scan and settling), which on clean-links.html and archive-of-our-own.html, whose native floors are 0.3 and 0.8 ms, decide the ratio. Tried and not kept: one walk for text nodes and elements together (no faster), the root's whole `textContent` tested with one RegExp (building it costs as much as the walk on a page with any non-Latin-1 text), and the end-of-node test as a second RegExp on the node's last characters (a second call per node costs more than it saves). The ratios move from run to run with the native floor (1.6–2.7 in the runs of 2026-12-08, at 2 or under on all three pages in one of seven). The scan's first run in a tab is cold and costs several times (up to about 10×) its later ones (the engine has not optimised its code yet), which the median of nine leaves out; a reader's page runs it once.",
  markJs:
    "the least is on a page with few characters and the bundled pack's 8 aliases, where mark.js has little to do and our fixed costs (setting up the scan, the wait for a paint) weigh most, and on the 5 MB article, where almost every paragraph holds a mention and 5,032 are built and painted; with 200 or 5,000 aliases it is tens to thousands of times slower than ours.",
  matcherFlat: 'the automaton reads each character once whatever the number of aliases; a miss here is a regression of the matcher.',
  cardOpen:
    "on the 5 MB article, each open's frame is mostly Chromium's work for any change to the DOM or style of a page that has a highlight with an underline: it rebuilds the highlights' markers and invalidates the visual overflow of every highlighted text node, since a decoration may overflow (`HighlightRegistry::ValidateHighlightMarkers`, https://source.chromium.org/chromium/chromium/src/+/main:third_party/blink/renderer/core/highlight/highlight_registry.cc), and recomputing that overflow reads every child of their block, the article's 11,043 paragraphs. The same opens with the tint alone (no underline) took 6–18 ms, measured here. Also in those frames: the near view's IntersectionObserver computing every block again (5–10 ms; with its `observe` switched off, as an experiment on 2026-12-07, the same opens took 13–17 ms, medians about 14 ms, so observing only the blocks near the view would still leave the worst open at about a frame), and the visibility watch's ResizeObserver (1–2 ms). The underline stays: it is the mark that does not depend on colour, and on an article of usual length the same opens take 2–5 ms with it. A page's first open is the slowest: its card is styled and laid out for the first time (the host is built while the hover delay runs).",
  longTask:
    'on the 5 MB article, the restyle for the `::highlight()` stylesheet: any such rule restyles every element in Chromium (24–30 ms there with the rules on `:root` alone, content/browser-quirks.ts HIGHLIGHT_RULES_ON; sometimes 45–54 ms on this 2-CPU machine). It is done in a step of its own before the first mentions are shown, forced in that task, with a frame between it and whatever else the scan does (src/content/scan/page-scanner.ts, styleFound; src/content/highlights.ts, restyleNow); dropping the sheet when the highlights are taken down waits a frame the same way. A machine twice as slow as this one would make that restyle alone a long task.',
  longFrame:
    "on the 5 MB article, the frame of the restyle for the `::highlight()` stylesheet (see the long tasks): 24–30 ms, sometimes 45–54 ms here, with the frame's own painting after it. Before it had a frame of its own, and before it was forced in its task, it came after the wait for the frame, which Long Animation Frames counts, and with the first mentions' painting: 50–70 ms frames. With 5,000 aliases (outside the target) the page compiles them itself, 10–16 ms warm and about 60 ms in a tab's first run, in one task.",
  scrolling:
    'the frames missed come and go from run to run on this machine: with the near view unchanged, the median was 0 in the bench of 2026-12-07 15:53 UTC and 0 to 2 in the four runs after it (the page alone missed none in any). Not profiled frame by frame; the likely ones are those in which a batch changes the registry, where Chromium computes every observed block again and paints the ranges that changed. An IntersectionObserver `delay` between batches was tried and made it worse (src/content/near-view.ts).',
  leak: 'a miss here is a leak: something of each scan outlives it.',
  size: 'main.js holds the scanner (matcher, prefilter, walk, near-view painter), the hover, keyboard and touch handling, and the whole card with its chart and both languages; it has not been cut down to the budget.',
  package: 'the fact pack, the icons and the pages have grown past the budget.',
  idlePage:
    "the minimal script is 0.3 KB and watches nothing; ours is 2.8 KB and watches the page for becoming an article later (a single-page site moving on, signals brought late). Variants of bootstrap.js measured in this harness (21 loads each, interleaved): an empty script 0.7 ms, the minimal one 1.8–1.9 ms, ours 4.1–4.7 ms, ours without the page watch 2.6 ms (1.4×), the minimal one plus a MutationObserver of the document and a Navigation API listener 2.6–2.8 ms. So the watch is most of the difference, and the first use of each Web API in the content script's own world is most of the watch. Moving the watch for URL changes to the background (`tabs.onUpdated`, which would inject the check again) would take the Navigation API's part away; the watch for late signals needs an observer in the page, or would miss those articles. Not done: it also wakes the background at every URL change of every tab, and still leaves about 1.4×. Measured again the same way on 2026-12-07, the variants' runs spread too widely on this machine to rank them (the minimal script's from 1.0 to 6.2 ms).",
};

/** A long news-like article, deterministic, with the pack's names here and there. */
function generateArticle(bytes) {
  const random = seeded(11);
  const names = ['Apple Intelligence', 'Alibaba', 'Alibaba Group', '阿里巴巴', 'Apple', 'China', 'iPhone'];
  const paragraphs = [];
  let size = 0;
  while (size < bytes) {
    const words = [];
    for (let i = 0; i < 80; i++) words.push(random() < 0.01 ? names[Math.floor(random() * names.length)] : pseudoWord(random));
    const paragraph = `${words.join(' ')}.`;
    paragraphs.push(paragraph);
    size += paragraph.length + 8;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated article</title></head><body><article><h1>Generated</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
  return { html, text: paragraphs.join('\n') };
}

const TEXT_SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'zu', 'pe', 'dri', 'an', 'sol', 'ne', 'qui', 'ber', 'tos'];
const NAME_SYLLABLES = ['xa', 'jor', 'wy', 'fex', 'hul', 'gri', 'yon', 'baz', 'cum', 'det', 'ix', 'olt'];

function pseudoWord(random, syllables = TEXT_SYLLABLES) {
  let word = '';
  const length = 1 + Math.floor(random() * 3);
  for (let i = 0; i < length; i++) word += syllables[Math.floor(random() * syllables.length)];
  return word;
}

/** A small seeded PRNG (mulberry32), so every run benchmarks the same aliases and text. */
function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
