#!/usr/bin/env node
/**
 * Release packages for both stores, into packages/:
 *   context-cards-chrome-<version>.zip    Chrome Web Store (dist/chrome)
 *   context-cards-firefox-<version>.zip   addons.mozilla.org (dist/firefox)
 *   context-cards-source-<version>.zip    the source AMO asks for with minified code: the tracked
 *                                         files as they are now, with BUILDING.md (the steps).
 * Then it proves the source archive is enough: it builds the archive in a scratch folder and
 * checks the result is byte-for-byte the dist/firefox that was packaged.
 *
 * Usage: npm run package
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'packages');
const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const step = (what) => console.log(`\n— ${what}`);
const run = (command, args, cwd = ROOT) => execFileSync(command, args, { cwd, stdio: 'inherit' });

step('Build and lint');
run(process.execPath, ['build.mjs']);
run(process.execPath, ['scripts/lint-firefox.mjs']);

await mkdir(OUT, { recursive: true });
for (const browser of ['chrome', 'firefox']) {
  step(`Store package for ${browser}`);
  run(process.execPath, [
    join(ROOT, 'node_modules/web-ext/bin/web-ext.js'),
    'build',
    '--source-dir',
    join(ROOT, 'dist', browser),
    '--artifacts-dir',
    OUT,
    '--filename',
    `context-cards-${browser}-${version}.zip`,
    '--overwrite-dest',
  ]);
}

step('Source archive');
const source = join(OUT, `context-cards-source-${version}.zip`);
// `git stash create` gives a commit with uncommitted changes to tracked files (HEAD when there are none).
const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).trim();
if (untracked) throw new Error(`Files not in git would be missing from the source archive (add or ignore them):\n${untracked}`);
const tree = execFileSync('git', ['stash', 'create'], { cwd: ROOT, encoding: 'utf8' }).trim() || 'HEAD';
run('git', ['archive', '--format=zip', `--prefix=context-cards-${version}/`, '-o', source, tree]);
console.log(source);

step('Rebuild from the source archive, as a reviewer would');
const scratch = await mkdtemp(join(tmpdir(), 'context-cards-review-'));
try {
  // The same tree as the zip, unpacked with tar (always there, unlike unzip).
  execFileSync('sh', ['-c', `git archive --format=tar ${tree} | tar -x -C "${scratch}"`], { cwd: ROOT, stdio: 'inherit' });
  const unpacked = scratch;
  // The same locked packages a reviewer gets from `npm ci`, without downloading them again.
  await symlink(join(ROOT, 'node_modules'), join(unpacked, 'node_modules'), 'dir');
  run(process.execPath, ['build.mjs'], unpacked);
  const differences = await compareTrees(join(ROOT, 'dist/firefox'), join(unpacked, 'dist/firefox'));
  if (differences.length) throw new Error(`The source archive builds a different dist/firefox:\n${differences.join('\n')}`);
  console.log('dist/firefox rebuilt from the source archive is identical.');
} finally {
  await rm(scratch, { recursive: true, force: true });
}
console.log(`\nPackages for version ${version} are in packages/.`);

async function compareTrees(a, b) {
  const list = async (dir) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length))
      .sort();
  const [left, right] = await Promise.all([list(a), list(b)]);
  const differences = [];
  for (const file of new Set([...left, ...right])) {
    if (!left.includes(file) || !right.includes(file)) differences.push(`${file}: only in ${left.includes(file) ? 'dist' : 'the rebuild'}`);
    else if (!(await readFile(a + file)).equals(await readFile(b + file))) differences.push(`${file}: differs`);
  }
  return differences;
}
