/**
 * Finds the browsers the tests drive. Nothing is downloaded: the tests use the browser installed
 * on the machine, as a reader would.
 */
import { existsSync } from 'node:fs';

const CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const FIREFOX_PATHS = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

export function findChromium() {
  return find('CHROME_PATH', CHROMIUM_PATHS, 'Chromium', 'sudo apt-get install chromium');
}

export function findFirefox() {
  return find('FIREFOX_PATH', FIREFOX_PATHS, 'Firefox', 'sudo apt-get install firefox-esr');
}

function find(variable, paths, name, install) {
  const fromEnv = process.env[variable];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`${variable} is set to ${fromEnv}, but there is no file there.`);
  }
  const found = paths.find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    `No ${name} found (looked at $${variable}, then ${paths.join(', ')}). Install it (on Debian: ${install}) or set ${variable} to its path.`,
  );
}
