/**
 * Text printed beside the log (the first admin's password) comes after the log lines written
 * before it, also when the log's asynchronous write is held up (issue 17: "printed only after the
 * server listens"; CI saw the password first on a loaded machine).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

async function output(mode: 'beside' | 'stdout', format: 'json' | 'pretty'): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/fixtures/log-then-print.ts', mode, format], {
    env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
  });
  return stdout;
}

describe('printAfterLog', () => {
  for (const format of ['json', 'pretty'] as const) {
    it(`puts the text after the log's earlier lines (${format})`, async () => {
      const out = await output('beside', format);
      expect(out.indexOf('Server listening')).toBeGreaterThanOrEqual(0);
      expect(out.indexOf('the password line')).toBeGreaterThan(out.indexOf('Server listening'));
    });
  }

  it('is needed: a plain stdout write overtakes the held-up log line', async () => {
    const out = await output('stdout', 'json');
    expect(out.indexOf('the password line')).toBeLessThan(out.indexOf('Server listening'));
  });
});
