/** `npm start` builds the server, then runs the build with the flags src/config/node-flags.ts gives. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/config/node-flags.ts';

describe('the start script', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const steps = pkg.scripts.start!.split('&&').map((part) => part.trim());

  it('passes every server flag to the node that runs the built server', () => {
    const run = steps.find((part) => part.endsWith('dist/server/main.js'));
    expect(run).toBeDefined();
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) expect(run!.split(/\s+/)).toContain(flag);
  });

  it('builds the server before it runs it, so a start never runs an old build', () => {
    const build = steps.findIndex((part) => part.includes('scripts/build-server.ts'));
    const run = steps.findIndex((part) => part.endsWith('dist/server/main.js'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(build).toBeLessThan(run);
  });
});
