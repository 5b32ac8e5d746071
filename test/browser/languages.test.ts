/**
 * Languages, in Chromium: the console follows the browser's language (German here), falls back to
 * the server's `Language` setting for a language Omnihook does not ship, and to English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { ADMIN_PASS, call, login } from '../helpers/app.ts';

const skip = browserMissing();

describe.skipIf(skip)('languages in the browser', () => {
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(locale: string, width = 360): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: 740 }, locale });
    return ctx.newPage();
  }

  it('a German browser gets the console in German', { timeout: 90_000 }, async () => {
    const page = await open('de-DE');
    await page.goto(`${server.base}/login`);
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByLabel('Benutzername oder E-Mail').fill('admin');
    await page.getByLabel('Passwort').fill(ADMIN_PASS);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation', { name: 'Omnichannel' }).waitFor();
    await page.getByRole('link', { name: 'Abteilungen' }).click();
    await page.getByRole('heading', { name: 'Abteilungen', exact: true }).waitFor();
    await expect.poll(() => page.title()).toBe('Abteilungen · Omnihook');
    await shot(page, 'languages-console-de-360');
  });

  it(
    'an unshipped browser language falls back to the Language setting, then English',
    { timeout: 90_000 },
    async () => {
      const admin = await login(server.t.app, 'admin', ADMIN_PASS);
      const set = async (value: string) =>
        expect(
          (await call(server.t, { method: 'POST', url: '/api/v1/settings/Language', as: admin, payload: { value } }))
            .status,
        ).toBe(200);
      await set('es');
      const spanish = await open('ja-JP');
      await spanish.goto(`${server.base}/login`);
      await spanish.getByRole('button', { name: 'Iniciar sesión' }).waitFor();
      await set('en');
      const english = await open('ja-JP');
      await english.goto(`${server.base}/login`);
      await english.getByRole('button', { name: 'Log in' }).waitFor();
      // a shipped browser language wins over the setting
      await set('es');
      const french = await open('fr-CA');
      await french.goto(`${server.base}/login`);
      await french.getByRole('button', { name: 'Se connecter' }).waitFor();
      await set('en');
    },
  );
});
