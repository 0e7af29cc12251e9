import { defineConfig } from 'vitest/config';

/** The long fuzz run (`npm run fuzz`), apart from the unit tests' smaller one. */
export default defineConfig({
  test: { root: new URL('../..', import.meta.url).pathname, include: ['tests/fuzz/**/*.fuzz.test.ts'], environment: 'node' },
});
