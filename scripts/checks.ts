/**
 * The static checks of `npm test`, run side by side: the npm scripts of the two type checks
 * (server and web), lint and the format check. One after the other they took 56 s of a CI run on
 * two cores; together, about 40. Each one's output is printed whole when it ends, so lines do
 * not interleave; the exit code is 1 if any failed.
 *
 *   node --import tsx scripts/checks.ts   (what `npm test` runs first)
 */
import { spawn } from 'node:child_process';

const SCRIPTS = ['typecheck:server', 'typecheck:web', 'lint', 'format:check'];

function run(name: string): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
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

const results = await Promise.all(SCRIPTS.map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
