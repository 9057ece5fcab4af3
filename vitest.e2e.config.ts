import { defineConfig } from 'vitest/config';

/** Browser tests: the built app in Debian's Chromium, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    // Builds dist/ with the test hooks (`vite build --mode e2e`) unless it already has them.
    globalSetup: ['tests/e2e/global_setup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
