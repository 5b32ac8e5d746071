/**
 * Builds the web UI (web/ -> web/dist) when the build is missing or stale, so `npm start` and the
 * browser tests never serve an old UI. Stale means: the list of source files or any of their
 * mtimes differs from what the last build recorded in web/dist/.build-stamp (a signature, not a
 * newest-mtime comparison, so a deleted file also triggers a rebuild).
 *
 * Usage: node --import tsx scripts/build-web.ts [--force]
 * Concurrent callers (parallel test files) serialize on a lock directory; the second one then
 * finds the build fresh and returns at once.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'web');
const dist = join(web, 'dist');
const stampFile = join(dist, '.build-stamp');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) sources(p, out);
    else out.push(p);
  }
  return out;
}

function signature(): string {
  const files = [...sources(web), fileURLToPath(import.meta.url)].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${relative(root, f)}:${statSync(f).mtimeMs}\n`);
  return h.digest('hex');
}

export function isFresh(): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8') === signature();
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(
    tmpdir(),
    `omnihook-web-build-${createHash('sha256').update(root).digest('hex').slice(0, 12)}.lock`,
  );
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed build would block forever: builds take seconds, so 2 minutes is dead.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // the holder released it meanwhile
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export async function buildWeb(opts: { force?: boolean } = {}): Promise<'fresh' | 'built'> {
  return withLock(async () => {
    if (!opts.force && isFresh()) return 'fresh';
    const sig = signature();
    const started = Date.now();
    // Type-check the DOM code first: Vite strips types without checking them.
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(web, 'tsconfig.json')], {
      stdio: 'inherit',
    });
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    await build({
      root: web,
      configFile: false,
      logLevel: 'warn',
      plugins: [react()],
      build: {
        outDir: dist,
        emptyOutDir: true,
        rolldownOptions: {
          input: {
            staff: join(web, 'index.html'),
            widget: join(web, 'widget/index.html'),
            frame: join(web, 'widget/frame.html'),
          },
        },
      },
    });
    writeFileSync(stampFile, sig);
    process.stdout.write(`web: built web/dist in ${Date.now() - started} ms\n`);
    return 'built';
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb({ force: process.argv.includes('--force') }).then(
    (r) => {
      if (r === 'fresh') process.stdout.write('web: web/dist is up to date\n');
    },
    (err: unknown) => {
      process.stderr.write(`web: build failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
