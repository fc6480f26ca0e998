import { defineConfig } from 'vitest/config';

// The real-VS-Code suite: the VSIX from `npm run package` in code-server, driven through
// its extension host and through the workbench in Chromium. `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // Each file runs its own code-server and Chromium: one at a time on two cores.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
