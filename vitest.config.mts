import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real-VS-Code suite has its own config (test/e2e/vitest.config.mts).
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Generous: the CLI tests spawn several processes each (a cold Node start with the engine
    // bundle is 1-2 s), which on a busy two-core machine took past 20 s. A hang still fails.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Tests start real HTTP servers and Chromium; two cores are all we have.
    maxWorkers: 2,
  },
});
