import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Store tests on PostgreSQL share one server; files run in parallel but each uses its own schema.
    pool: 'forks',
    // Files share a worker's module cache: with a fresh module graph per file, importing the app
    // (Fastify, Kysely, the routes) cost 180 s of a 530 s run; shared, 14 s of 380 s. Nothing in
    // src/ keeps per-process state a test depends on (each test opens its own store and services).
    isolate: false,
    // Two files at a time even on two cores: most files wait on sockets, browsers and child
    // processes rather than computing, and vitest's default (cores - 1) ran them one by one.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
