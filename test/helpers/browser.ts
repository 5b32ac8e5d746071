/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), against
 * the real server on a loopback port with a real SQLite store and the delivery worker running.
 * Screenshots go to test-artifacts/screenshots/; with UPDATE_SCREENSHOTS=1 they are also copied
 * to docs/screenshots/ (the README shows those).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { makeApp } from './app.ts';
import type { TestApp } from './app.ts';
import { startWorker } from '../../src/delivery/start.ts';
import { buildWorkerDeps } from '../../src/main.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * True when the browser tests cannot run here. Only outside CI: in CI a missing Chromium must
 * fail the run (.ci/run installs it), not quietly skip the UI.
 */
export function browserMissing(): boolean {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI === 'true') return false;
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! SKIPPING BROWSER TESTS: ${CHROMIUM} is missing (apt-get install chromium).\n!! They run in CI, where a missing browser fails.\n${'!'.repeat(78)}\n\n`,
  );
  return true;
}

let webBuilt = false;

/**
 * Builds web/dist when missing or stale, with the same script `npm start` runs. Once per worker
 * process: test files share it (vitest.config.ts), and nothing under web/ changes during a run.
 */
export function buildWeb(): void {
  if (webBuilt) return;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build-web.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
  webBuilt = true;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface UiServer {
  t: TestApp;
  base: string;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1 with the worker delivering (egress to loopback receivers allowed). */
export async function startUiServer(): Promise<UiServer> {
  const t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const worker = startWorker(buildWorkerDeps(t.services, t.app.log), { pollMs: 100 });
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await worker.stop();
      await t.close();
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  const dir = join(ROOT, 'test-artifacts/screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  // Toasts are transient and pile up in a fast test: keep them out of the pictures.
  await page.screenshot({ path: file, style: '.toasts { display: none !important; }' });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
    copyFileSync(file, join(ROOT, 'docs/screenshots', `${name}.png`));
  }
}

/** Logs in through the login form and waits for the Omnichannel menu. */
export async function uiLogin(page: Page, base: string, user: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username or email').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Omnichannel' }).waitFor();
}
