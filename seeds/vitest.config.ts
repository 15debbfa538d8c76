import { defineConfig } from 'vitest/config'

// Runs the seeds tests until the root vitest.config.ts includes seeds/src (see docs/seeds.md):
//   npx vitest run --config seeds/vitest.config.ts
export default defineConfig({
  root: import.meta.dirname,
  test: { name: 'seeds', include: ['src/**/*.test.ts'] },
})
