import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds Omnihook's package.json, found by walking up from this module: the same
 * answer from the TypeScript source (src/version.ts, under tsx and vitest) and from the bundle
 * that `npm start` runs (dist/server/*.js, scripts/build-server.ts), which sit at different depths.
 */
function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'omnihook')
      return dir;
    if (dirname(dir) === dir) throw new Error(`omnihook's package.json not found above ${from}`);
  }
}

export const PACKAGE_ROOT: string = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The package version, read once at start. */
export const VERSION: string = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
