/** Starts Omnihook in a child process the way `npm start` does (see bench/servers/omnihook.ts). */
import { serverScript, spawnChild } from './child.ts';
import type { Child } from './child.ts';
import { ADMIN_PASS } from './api.ts';
import { SERVER_NODE_FLAGS } from '../../src/config/node-flags.ts';

export function startOmnihook(
  name: string,
  dbPath: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Child> {
  return spawnChild(name, serverScript('omnihook'), {
    env: {
      DATABASE_URL: `sqlite:${dbPath}`,
      LOG_LEVEL: 'silent',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASS,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    nodeArgs: [...SERVER_NODE_FLAGS, ...nodeArgs],
    readyTimeoutMs: 60_000,
  });
}
