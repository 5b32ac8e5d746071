/**
 * The static checks of `npm test`, run side by side: the two type checks (server and web), lint
 * and the format check. One after the other they took 56 s of a CI run on two cores; together,
 * about 40. Each one's output is printed whole when it ends, so lines do not interleave; the exit
 * code is 1 if any failed.
 *
 *   node scripts/checks.ts   (through `npm test`; each is also its own npm script)
 */
import { spawn } from 'node:child_process';

const CHECKS: [name: string, command: string, args: string[]][] = [
  ['typecheck (server)', 'npx', ['tsc', '--noEmit']],
  ['typecheck (web)', 'npx', ['tsc', '--noEmit', '-p', 'web']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
];

function run([name, command, args]: (typeof CHECKS)[number]): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', (err) => {
      process.stdout.write(`\n== ${name}: could not start (${err.message})\n`);
      resolve(false);
    });
    child.on('close', (code) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n== ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${secs} s\n${out}`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(CHECKS.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
