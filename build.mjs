#!/usr/bin/env node
/**
 * Builds the extension for each browser into dist/<browser>/, ready to load unpacked:
 *   1. validate the fact pack (a bad pack stops the build, naming the bad field);
 *   2. bundle each context with esbuild;
 *   3. copy icons and _locales;
 *   4. write manifest.json: manifest/base.json merged with manifest/<browser>.json.
 *
 * Usage: node build.mjs [--dev]   (--dev: readable bundles with inline source maps)
 */
import { build, transform } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importTs } from './scripts/import-ts.mjs';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const BROWSERS = ['chrome', 'firefox'];
const dev = process.argv.includes('--dev');

/** Each context: its entry, where it goes, and in which module format the browser loads it. */
const ENTRIES = [
  // Registered and injected content scripts are classic scripts (src/background/content-scripts.ts).
  { in: 'src/content/bootstrap.ts', out: 'content/bootstrap', format: 'iife' },
  { in: 'src/content/awake.ts', out: 'content/awake', format: 'iife' },
  // Injected by the background as a classic script that leaves `start` on the content script's
  // global (src/content/scanner-loader.ts).
  // Its JSX builds DOM nodes directly, without Preact (src/content/card/dom-jsx.ts): the card's
  // components must hold no state and no hooks, and the build fails if Preact reaches it.
  {
    in: 'src/content/main.ts',
    out: 'content/main',
    format: 'iife',
    jsxRuntime: 'src/content/card/dom-jsx.ts',
    withoutPreact: true,
  },
  // A classic script serves both a Chrome service worker and Firefox's background scripts.
  { in: 'src/background/index.ts', out: 'background', format: 'iife' },
  // Extension pages: a module script and a stylesheet each, next to their HTML.
  { in: 'src/popup/index.tsx', out: 'popup/popup', format: 'esm' },
  { in: 'src/popup/popup.css', out: 'popup/popup', format: 'esm' },
  { in: 'src/options/index.tsx', out: 'options/options', format: 'esm' },
  { in: 'src/options/options.css', out: 'options/options', format: 'esm' },
];
const PAGES = ['src/popup/popup.html', 'src/options/options.html'];

async function main() {
  const pack = await validatedPack();
  const version = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8')).version;
  const base = await readJson('manifest/base.json');
  for (const browser of BROWSERS) {
    const out = `${ROOT}dist/${browser}`;
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const patch = await readJson(`manifest/${browser}.json`);
    await bundle(out, browser, esbuildTarget(browser, patch));
    await cp(`${ROOT}assets/icons`, `${out}/icons`, { recursive: true, filter: (path) => !path.endsWith('.svg') });
    await cp(`${ROOT}assets/_locales`, `${out}/_locales`, { recursive: true });
    for (const page of PAGES) await cp(`${ROOT}${page}`, `${out}/${page.replace(/^src\//, '')}`);
    await mkdir(`${out}/packs`, { recursive: true });
    // Minified, where the code that fetches it looks (src/shared/facts.ts).
    await writeFile(`${out}/${pack.path}`, JSON.stringify(pack.data));
    const manifest = merge({ ...base, version }, patch);
    await writeFile(`${out}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  console.log(`Built ${BROWSERS.map((b) => `dist/${b}`).join(' and ')} (version ${version}${dev ? ', dev' : ''}).`);
}

/**
 * The bundled pack (its path inside the extension, src/core/pack.ts; under assets/ in the
 * repository), checked by the same validator the tests use (src/core/pack-validation.ts).
 */
async function validatedPack() {
  const { BUNDLED_PACK } = await importTs('src/core/pack.ts');
  const { validatePack } = await importTs('src/core/pack-validation.ts');
  const source = `assets/${BUNDLED_PACK}`;
  const data = await readJson(source);
  try {
    validatePack(data);
  } catch (error) {
    throw new Error(`${source}: ${error.message}`, { cause: error });
  }
  return { path: BUNDLED_PACK, data };
}

/** The oldest browser the manifest admits is what the bundles are compiled for: one number, in the manifest. */
function esbuildTarget(browser, patch) {
  const oldest = browser === 'chrome' ? patch.minimum_chrome_version : patch.browser_specific_settings?.gecko?.strict_min_version;
  if (!oldest) throw new Error(`manifest/${browser}.json names no minimum browser version`);
  return `${browser}${parseInt(oldest, 10)}`;
}

async function bundle(out, browser, target) {
  await Promise.all(
    ENTRIES.map(async (entry) => {
      const result = await build({
        entryPoints: [{ in: `${ROOT}${entry.in}`, out: entry.out }],
        outdir: out,
        bundle: true,
        format: entry.format,
        target,
        minify: !dev,
        sourcemap: dev ? 'inline' : false,
        legalComments: 'none',
        // Imported from TypeScript, a stylesheet is text (the card adopts it into its shadow root);
        // as an entry point, it is bundled as CSS with its @imports.
        loader: entry.in.endsWith('.css') ? undefined : { '.css': 'text' },
        plugins: entry.in.endsWith('.css') || dev ? [] : [minifiedCssText],
        jsx: 'automatic',
        jsxImportSource: 'preact',
        alias: entry.jsxRuntime ? { 'preact/jsx-runtime': `${ROOT}${entry.jsxRuntime}` } : undefined,
        define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"', BUILD_TARGET: JSON.stringify(browser) },
        metafile: entry.withoutPreact,
        logLevel: 'warning',
      });
      if (entry.withoutPreact) refusePreact(result.metafile, entry.in);
    }),
  );
}

/** The content script's DOM JSX runtime renders stateless components only: Preact in its bundle means a component used state or hooks. */
function refusePreact(metafile, entry) {
  const preact = Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/preact/'));
  if (preact.length > 0) {
    throw new Error(
      `${entry} must not bundle Preact (its card components must be stateless, without hooks), but it imports ${preact.join(', ')}`,
    );
  }
}

/** A stylesheet imported as text (the card's) is minified like a bundled one. */
const minifiedCssText = {
  name: 'minified-css-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const { code } = await transform(await readFile(path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code, loader: 'text' };
    });
  },
};

/** Objects merge key by key; `null` in the patch removes the key; anything else (arrays included) replaces it. */
function merge(base, patch) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (value === null) delete merged[key];
    else merged[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  }
  return merged;
}

async function readJson(path) {
  const text = await readFile(`${ROOT}${path}`, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${error.message}`, { cause: error });
  }
}

main().catch((error) => {
  console.error(`Build failed: ${error.message}`);
  process.exitCode = 1;
});
