import { defineConfig } from 'vitest/config';

/** Unit tests: pure logic in Node, with GeoJSON fixtures. */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    // Several tests build or read hundreds of thousands of features; on a loaded two-core
    // machine they come near the 5 s default without anything being wrong.
    testTimeout: 30_000,
  },
});
