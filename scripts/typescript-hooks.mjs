/**
 * Lets Node 20, which cannot run TypeScript itself, run the project's TypeScript scripts — the
 * corpus run and the benchmark, which share the browser tests' typed harness:
 *
 *   node --import ./scripts/typescript-hooks.mjs tests/reliability/corpus-run.ts
 *
 * Registered as module hooks (https://nodejs.org/api/module.html#customization-hooks): an import
 * without an extension finds its `.ts` file, and each `.ts` file is turned into JavaScript by
 * esbuild as it loads, one file at a time, so every module keeps its own `import.meta.url`.
 */
import { transform } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

if (!process.env.CONTEXT_CARDS_HOOKS_LOADED) {
  process.env.CONTEXT_CARDS_HOOKS_LOADED = '1';
  register(import.meta.url);
}

/** `./harness/waiting` → `./harness/waiting.ts`, where that file exists. */
export async function resolve(specifier, context, next) {
  const relative = specifier.startsWith('.') || specifier.startsWith('/');
  if (relative && context.parentURL && !/\.[a-z]+$/.test(specifier)) {
    for (const extension of ['.ts', '.tsx']) {
      const url = new URL(specifier + extension, context.parentURL);
      if (existsSync(url)) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!/\.tsx?$/.test(url)) return next(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  const { code } = await transform(source, {
    loader: url.endsWith('x') ? 'tsx' : 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: fileURLToPath(url),
    sourcemap: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
