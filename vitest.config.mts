import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-VS-Code suite has its own config (test/e2e/vitest.config.mts).
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests start real HTTP servers and Chromium; two cores are all we have.
    maxWorkers: 2,
  },
});
