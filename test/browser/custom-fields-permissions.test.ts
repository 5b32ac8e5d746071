/**
 * Issue 14 in Chromium: a manager registers a custom field on the Custom fields page and the
 * widget's config offers it; an admin unticks "Agent" for view-l-room on the Permissions grid and
 * the agent is refused livechat/rooms at once, then ticks it back. Desktop and 360 px wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { ADMIN_PASS, call, createStaff } from '../helpers/app.ts';

const skip = browserMissing();

describe.skipIf(skip)('custom fields and permissions pages', () => {
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

  it('a manager adds a public visitor field; the widget config lists it', { timeout: 90_000 }, async () => {
    const { t, base } = server;
    await createStaff(t, 'cf-manager', ['livechat-manager']);
    for (const [width, name] of [
      [1280, 'custom-fields'],
      [360, 'custom-fields-360'],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await ctx.newPage();
      await uiLogin(page, base, 'cf-manager', 'cf-manager-pass-123');
      await page.getByRole('link', { name: 'Custom fields' }).click();
      await page.getByRole('heading', { name: 'Custom fields' }).waitFor();
      if (width === 1280) {
        const form = page.getByRole('form', { name: 'New custom field' });
        await form.getByLabel('Field name').fill('plan');
        await form.getByLabel('Label').fill('Plan');
        await form.getByLabel('Type').selectOption('select');
        await form.getByLabel('Options').fill('gold, silver');
        await form.getByLabel('Public (on the registration form)').check();
        await form.getByRole('button', { name: 'Add' }).click();
      }
      await page.getByRole('button', { name: 'Edit Plan' }).waitFor();
      await shot(page, name);
      await ctx.close();
    }
    const cfg = await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
    expect((cfg.body.config as { customFields: unknown[] }).customFields).toEqual([
      { _id: 'plan', label: 'Plan', type: 'select', required: false, options: ['gold', 'silver'] },
    ]);
  });

  it('an admin takes view-l-room from agents on the grid and gives it back', { timeout: 90_000 }, async () => {
    const { t, base } = server;
    const agent = await createStaff(t, 'grid-agent', ['livechat-agent']);
    const rooms = () => call(t, { method: 'GET', url: '/api/v1/livechat/rooms', as: agent });
    expect((await rooms()).status).toBe(200);
    for (const [width, name] of [
      [1280, 'permissions'],
      [360, 'permissions-360'],
    ] as const) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await ctx.newPage();
      await uiLogin(page, base, 'admin', ADMIN_PASS);
      await page.getByRole('link', { name: 'Permissions' }).click();
      await page.getByLabel('Filter').fill('view-l-room');
      const box = page.getByLabel('Agent: view-l-room');
      if (width === 1280) {
        await box.uncheck();
        await expect.poll(async () => (await rooms()).status).toBe(403);
        await expect.poll(() => box.isChecked()).toBe(false);
        await page.getByLabel('Filter').fill('');
        await shot(page, name);
        await page.getByLabel('Filter').fill('view-l-room');
        await box.check();
        await expect.poll(async () => (await rooms()).status).toBe(200);
      } else {
        await box.waitFor();
        await shot(page, name);
      }
      await ctx.close();
    }
  });
});
