/**
 * How the browser tests wait: for a condition, never for a fixed time. A condition that does not
 * come true in time fails with a message that says what did not happen.
 */
import type { Page } from 'puppeteer-core';

const POLL_MS = 50;

/**
 * Reads `read()` until `done(value)` holds, or until a read that began after `timeout` ms still
 * does not satisfy it; returns the last value read and whether it did. The last read begins past
 * the deadline because one read can take longer than the timeout on a loaded machine (the
 * accessibility tree of a 4,000-paragraph page): a read begun before the change it waits for must
 * not be the one that gives up.
 */
export async function poll<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeout: number,
): Promise<{ last: T; met: boolean }> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const final = Date.now() > deadline;
    const last = await read();
    if (done(last)) return { last, met: true };
    if (final) return { last, met: false };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Reads `read()` until `done(value)` holds; returns that value. After `timeout` ms, throws
 * "<what> did not happen within …: last read <value>".
 */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  what: string,
  { timeout = 10_000 } = {},
): Promise<T> {
  const { last, met } = await poll(read, done, timeout);
  if (met) return last;
  throw new Error(`${what} did not happen within ${timeout} ms: last read ${JSON.stringify(last)?.slice(0, 300)}`);
}

/**
 * Waits until `read()` returns `expected` (deep equal) and returns what it read last — at the
 * timeout too, so that the test's `expect` shows the difference.
 */
export async function eventually<T>(read: () => T | Promise<T>, expected: T, { timeout = 5000 } = {}): Promise<T> {
  const { last } = await poll(read, (current) => JSON.stringify(current) === JSON.stringify(expected), timeout);
  return last;
}

/**
 * For a test that something does NOT happen (a card that must not open, or not close): resolves
 * once a page timer of `ms` has fired that was started after the page's next two frames. The
 * content script's own timers share the page's event loop, and timers fire in the order of their
 * deadlines, so every timer of `ms` or less that the extension started in response to what the
 * test did before this call (the pointer handlers run in the next frame) has had its turn — on a
 * slow machine too, since the page's clock is what counts.
 */
export function afterPageTimers(page: Page, ms: number): Promise<void> {
  return page.evaluate(
    (delay) =>
      new Promise<void>((resolve) => {
        const later = () => setTimeout(resolve, delay + 1);
        // A page in the background draws no frames (and the extension's frame callbacks wait too).
        if (document.hidden) later();
        else requestAnimationFrame(() => requestAnimationFrame(later));
      }),
    ms,
  );
}
