import { defineConfig } from 'vitest/config';

// Page tests: the built portal served by `wrangler dev` (real workerd, real local D1 with the demo
// seed), driven by Debian's Chromium through playwright-core. One server for the whole run.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['./test/browser/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time: CI machines have two cores, and wrangler dev needs one of them.
    fileParallelism: false,
  },
});
