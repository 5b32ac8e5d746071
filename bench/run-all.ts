/**
 * `npm run bench`: runs every benchmark, one after the other, each in its own Node process (so one
 * benchmark's heap, JIT state and open handles cannot skew the next), and exits non-zero if any did.
 * Extra arguments are passed to every benchmark, e.g. `npm run bench -- --duration 5`.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['message-throughput.ts', 'delivery.ts', 'delivery-load.ts', 'isolation.ts'];
/** Each benchmark stops by itself well within this; the limit only guards against a hang. */
const LIMIT_MS: Record<string, number> = {
  'message-throughput.ts': 4 * 60_000,
  'delivery.ts': 6 * 60_000,
  'delivery-load.ts': 6 * 60_000,
  'isolation.ts': 3 * 60_000,
};

/** Options only delivery-load.ts knows: the other benchmarks parse strictly and would refuse them. */
const LOAD_ONLY = new Set(['--backlog', '--builder', '--clients']);

/** `extra` for `file`: delivery-load's own options (with their values) go to it alone. */
function argsFor(file: string, extra: string[]): string[] {
  if (file === 'delivery-load.ts') return extra;
  const out: string[] = [];
  for (let i = 0; i < extra.length; i++) {
    const a = extra[i]!;
    if (!LOAD_ONLY.has(a.split('=')[0]!)) out.push(a);
    else if (!a.includes('=') && !(extra[i + 1] ?? '--').startsWith('--')) i++; // its value too
  }
  return out;
}

/** A large `--backlog` takes its time to write and drain (3 ms an event is well above it): more time for it. */
function limitMs(file: string, extra: string[]): number {
  const base = LIMIT_MS[file] ?? 5 * 60_000;
  if (file !== 'delivery-load.ts') return base;
  const i = extra.findIndex((a) => a === '--backlog' || a.startsWith('--backlog='));
  const n = i < 0 ? 0 : Number(extra[i]!.includes('=') ? extra[i]!.split('=')[1] : extra[i + 1]);
  return base + (Number.isFinite(n) ? n * 3 : 0);
}

function runOne(file: string, extra: string[]): Promise<number> {
  const limit = limitMs(file, extra);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url)), ...argsFor(file, extra)],
      {
        stdio: 'inherit',
      },
    );
    const timer = setTimeout(() => {
      process.stderr.write(`${file}: still running after ${limit / 1000} s, stopping it\n`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, limit);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const extra = process.argv.slice(2);
const codes: [string, number][] = [];
for (const file of BENCHES) {
  process.stdout.write(`\n===== ${file} =====\n`);
  codes.push([file, await runOne(file, extra)]);
}
process.stdout.write('\n===== summary =====\n');
for (const [file, code] of codes) process.stdout.write(`${file}: ${code === 0 ? 'ok' : `exit ${code}`}\n`);
process.exit(codes.some(([, code]) => code !== 0) ? 1 : 0);
