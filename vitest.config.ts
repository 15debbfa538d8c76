import { defineConfig } from 'vitest/config'

// Two projects: `unit` runs anywhere; `integration` needs the real servers, which
// test/setup/global-setup.ts finds (env), starts (testcontainers) or fails loudly about.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          // Property suites and process-starting tests share two cores with each other on CI:
          // a few seconds of scheduling delay is not a failure of the code under test.
          testTimeout: 30_000,
          // A simulated run in a beforeAll took over 10 s at load 21 (a cluster fault run beside it).
          hookTimeout: 60_000,
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'seeds/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/src/**/*.int.test.ts', 'services/*/src/**/*.int.test.ts', 'seeds/src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // The suites share three real servers; run files one at a time so a fault test
          // that restarts a server never pulls it from under another file.
          fileParallelism: false,
        },
      },
    ],
  },
})
