/**
 * Builds the server (src/ -> dist/server) with esbuild: what `npm start` runs, plain JavaScript
 * on plain `node`. Entry points main.js and the delivery thread's thread-main.js side by side
 * (src/delivery/thread.ts finds the thread next to itself), and cli.js, the command, for the CLI
 * tests; code they share goes to chunks; packages stay in node_modules. It takes well under a second, so `npm start` always rebuilds and
 * never runs an old build.
 *
 * Why not tsx at run time (docs/decisions.md, "The server runs as built JavaScript"): on Node 20
 * tsx's loader hooks run on a thread of their own, once for the process and once more for the
 * delivery thread, each a V8 heap; an idle server took 245 MB of RSS under tsx and 164 MB built.
 * The source maps let stack traces name src/ files (`node --enable-source-maps`).
 *
 * Usage: node --import tsx scripts/build-server.ts [--outdir dist/server]
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `npm start`, the tests' server processes and the benchmarks find the built server. */
export const SERVER_DIST = join(root, 'dist/server');
export const SERVER_MAIN = join(SERVER_DIST, 'main.js');
/** The `omnihook` command built (bin/omnihook.js runs the source through tsx): the CLI tests run it, twice as fast. */
export const SERVER_CLI = join(SERVER_DIST, 'cli.js');

export async function buildServer(outdir: string = SERVER_DIST): Promise<void> {
  // Chunk names carry a content hash: remove the last build's so none is left behind.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: ['src/main.ts', 'src/delivery/thread-main.ts', 'src/cli.ts'],
    entryNames: '[name]',
    outdir,
    bundle: true,
    splitting: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
  await buildServer(values.outdir ? resolve(values.outdir) : undefined);
}
