#!/usr/bin/env node
/**
 * `web-ext lint` on dist/firefox, as addons.mozilla.org runs it on upload. Fails on any error, and
 * on any warning except the one a bundled library causes in its own code, which is checked, not
 * just allowed:
 *
 *   UNSAFE_VAR_ASSIGNMENT "Unsafe assignment to innerHTML", in each bundle with Preact (popup,
 *   options). It is Preact's support for `dangerouslySetInnerHTML` (`x.innerHTML =
 *   props.dangerouslySetInnerHTML.__html`), which runs only for elements given that prop. Our code
 *   never gives it — this script checks that src/ does not contain the word — so the assignment
 *   never runs.
 *
 * Usage: node scripts/lint-firefox.mjs   (after the build)
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIR = `${ROOT}dist/firefox`;

const webExt = `${ROOT}node_modules/web-ext/bin/web-ext.js`;
const run = spawnSync(process.execPath, [webExt, 'lint', '--source-dir', SOURCE_DIR, '--output', 'json', '--no-input'], {
  encoding: 'utf8',
});
const jsonStart = run.stdout.indexOf('{');
if (jsonStart < 0) {
  console.error(`web-ext lint gave no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const report = JSON.parse(run.stdout.slice(jsonStart));

const ourSourceUsesRawHtml = await sourceMentions('dangerouslySetInnerHTML');
const problems = [...report.errors.map((e) => ({ ...e, kind: 'error' }))];
const explained = [];
for (const warning of [...report.warnings, ...report.notices]) {
  const why = await fromPreact(warning);
  if (why) explained.push(`${warning.code} in ${warning.file}: ${why}`);
  else problems.push({ ...warning, kind: 'warning' });
}

for (const line of explained) console.log(`explained  ${line}`);
for (const p of problems)
  console.error(`${p.kind.padEnd(9)}  ${p.code} in ${p.file ?? 'manifest'}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.message}`);
console.log(
  `web-ext lint dist/firefox: ${report.errors.length} errors, ${report.warnings.length} warnings (${explained.length} from Preact's own code, explained above), ${problems.length} problems.`,
);
process.exitCode = problems.length > 0 ? 1 : 0;

/** Why a warning is Preact's dangerouslySetInnerHTML support, or '' when it is not. */
async function fromPreact(warning) {
  if (warning.code !== 'UNSAFE_VAR_ASSIGNMENT' || !/innerHTML/.test(warning.message) || !warning.file) return '';
  if (ourSourceUsesRawHtml) return '';
  const lines = (await readFile(`${SOURCE_DIR}/${warning.file}`, 'utf8')).split('\n');
  const line = lines[warning.line - 1] ?? '';
  const around = line.slice(Math.max(0, warning.column - 120), warning.column + 120);
  return /\.innerHTML=\w+\.__html/.test(around) ? "Preact's dangerouslySetInnerHTML, which src/ never uses" : '';
}

async function sourceMentions(word) {
  const files = await readdir(`${ROOT}src`, { recursive: true });
  for (const file of files.filter((f) => /\.(ts|tsx)$/.test(f))) {
    if ((await readFile(`${ROOT}src/${file}`, 'utf8')).includes(word)) return true;
  }
  return false;
}
