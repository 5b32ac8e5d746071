/**
 * Omnihook as `npm start` runs it: src/main.ts `start(loadConfig(process.env))`, configured only
 * through the environment the parent passes (DATABASE_URL, ADMIN_PASS, LOG_LEVEL, PORT=0, ...).
 */
import { loadConfig } from '../../src/config/index.ts';
import { start } from '../../src/main.ts';
import { childReady } from '../lib/child.ts';

const server = await start(loadConfig(process.env));
childReady(server.port, () => server.close());
