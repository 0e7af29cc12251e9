import { defineConfig } from 'vitest/config';

/**
 * Real-browser specs, run once per browser (the harness reads BROWSER): one browser at a time,
 * with time for it to start. `vitest run --project firefox` runs one of them.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: ['chromium', 'firefox'].map((browser) => ({
      extends: true,
      test: { name: browser, include: ['tests/browser/**/*.test.ts'], env: { BROWSER: browser } },
    })),
  },
});
