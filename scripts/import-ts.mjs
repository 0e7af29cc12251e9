/**
 * Imports a TypeScript module of src/ into a Node script (the build, the corpus run, the
 * benchmark), bundled on the fly with esbuild: so that a fact the extension's code holds — the
 * pack's validator, the bundled pack's path — is read from there, not copied.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `path`: relative to the project, e.g. 'src/core/pack.ts'. */
export async function importTs(path) {
  const result = await build({
    entryPoints: [`${ROOT}${path}`],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const source = Buffer.from(result.outputFiles[0].contents).toString('base64');
  return import(`data:text/javascript;base64,${source}`);
}
