/**
 * Once per test run, before any file: builds the server (scripts/build-server.ts), so the tests
 * that start real server processes run what `npm start` runs, built from this checkout.
 */
import { buildServer } from '../scripts/build-server.ts';

export default async function setup(): Promise<void> {
  await buildServer();
}
