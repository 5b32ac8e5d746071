/** `npm start` runs the server with the flags src/config/node-flags.ts gives (and says why). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/config/node-flags.ts';

describe('the start script', () => {
  it('passes every server flag to the node that runs src/main.ts', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const run = pkg.scripts.start!.split('&&').find((part) => part.includes('src/main.ts'));
    expect(run).toBeDefined();
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(run!.split(/\s+/)).toContain(flag);
  });
});
