import { defineConfig } from 'vitest/config';

/** Unit tests: pure logic in Node, with GeoJSON fixtures. */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
  },
});
