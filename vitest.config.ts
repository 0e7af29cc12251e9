import { defineConfig } from 'vitest/config';

/** Unit tests: pure code in Node. The real-browser specs have their own config (tests/browser). */
export default defineConfig({
  // What build.mjs defines for each browser's bundle; the unit tests' code is Chrome's.
  define: { BUILD_TARGET: '"chrome"' },
  // The timeout catches a test that hangs; it is no speed target (speed lives in npm run bench): the
  // property-based tests take under a second alone and several on a machine busy with other work.
  test: { include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
