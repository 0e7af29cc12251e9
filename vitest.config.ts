import { defineConfig } from 'vitest/config';

/** Unit tests: pure code in Node. The real-browser specs have their own config (tests/browser). */
export default defineConfig({
  test: { include: ['tests/unit/**/*.test.ts'], environment: 'node' },
});
