#!/usr/bin/env node
/**
 * `npm start`: builds the extension, serves the bundled demo article on localhost, and opens a
 * browser with the extension loaded on it (web-ext run). Ctrl+C stops both.
 *
 *   npm start                 Chromium (or Chrome: set CHROME_PATH)
 *   npm start -- --firefox    Firefox (or set FIREFOX_PATH)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium, findFirefox } from './find-browser.mjs';
import { startServer } from './static-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const firefox = process.argv.includes('--firefox');

await run(process.execPath, ['build.mjs']);
const server = await startServer();
const demo = `${server.origin}/demo/article.html`;
console.log(`Demo article: ${demo}`);

const webExt = `${ROOT}node_modules/.bin/web-ext`;
const browserArgs = firefox
  ? ['--target', 'firefox-desktop', '--firefox', findFirefox(), '--source-dir', 'dist/firefox']
  : ['--target', 'chromium', '--chromium-binary', findChromium(), '--source-dir', 'dist/chrome', ...chromiumArgs()];
const child = spawn(webExt, ['run', ...browserArgs, '--start-url', demo, '--no-reload'], { cwd: ROOT, stdio: 'inherit' });
child.on('exit', (code) => void server.close().then(() => process.exit(code ?? 0)));
process.on('SIGINT', () => child.kill('SIGINT'));

/** Chromium refuses to start as root unless its sandbox is off (containers, CI machines). */
function chromiumArgs() {
  return process.getuid?.() === 0 ? ['--arg=--no-sandbox'] : [];
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    spawn(command, args, { cwd: ROOT, stdio: 'inherit' }).on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
