import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Store tests on PostgreSQL share one server; files run in parallel but each uses its own schema.
    pool: 'forks',
    reporters: ['default'],
  },
});
