/**
 * Issue 14 in Chromium: a manager sets a department's forwarding rules (allowed targets, offline
 * forwards, fallback) on the department form and archives and unarchives it from the list; the
 * API then reads back what the form saved. Also at 360 px wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { ADMIN_PASS, call } from '../helpers/app.ts';

const skip = browserMissing();

describe.skipIf(skip)('department forwarding rules and archive (console)', () => {
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

  it('saves the forwarding rules, archives and unarchives', { timeout: 90_000 }, async () => {
    const { t, base } = server;
    const make = async (name: string) => {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/department',
        as: t.admin,
        payload: { department: { name, enabled: true, email: '', showOnRegistration: true, showOnOfflineForm: true } },
      });
      return (r.body.department as { _id: string })._id;
    };
    const sales = await make('Sales');
    const support = await make('Support');
    const backup = await make('Backup');

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await uiLogin(page, base, 'admin', ADMIN_PASS);
    await page.getByRole('link', { name: 'Departments' }).click();
    const salesRow = page.locator('tr', { hasText: 'Sales' });
    await salesRow.getByRole('button', { name: 'Edit Sales' }).click();
    const form = page.getByRole('form', { name: 'Edit Sales' });
    await form.getByLabel('Accept forwarded chats when no agent is online').check();
    await form.getByLabel('Fallback department').selectOption({ label: 'Backup' });
    await form.getByLabel('Support', { exact: true }).check();
    await shot(page, 'departments-forwarding');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = await call(t, { method: 'GET', url: `/api/v1/livechat/department/${sales}`, as: t.admin });
    expect(saved.body.department).toMatchObject({
      allowReceiveForwardOffline: true,
      fallbackForwardDepartment: backup,
      departmentsAllowedToForward: [support],
    });

    await page.getByRole('button', { name: 'Archive Support' }).click();
    const supportRow = page.locator('tr', { hasText: 'Support' });
    await supportRow.getByRole('cell', { name: 'Archived' }).waitFor();
    await supportRow.getByRole('button', { name: 'Unarchive Support' }).waitFor();
    await shot(page, 'departments-archived');
    const archived = await call(t, { method: 'GET', url: '/api/v1/livechat/departments/archived', as: t.admin });
    expect((archived.body.departments as { _id: string }[]).map((d) => d._id)).toEqual([support]);
    await supportRow.getByRole('button', { name: 'Unarchive Support' }).click();
    await supportRow.getByRole('cell', { name: 'No', exact: true }).waitFor();

    // 360 px: the form with its forwarding section stays usable
    await page.setViewportSize({ width: 360, height: 800 });
    await salesRow.getByRole('button', { name: 'Edit Sales' }).click();
    await page.getByRole('form', { name: 'Edit Sales' }).getByLabel('Fallback department').waitFor();
    await shot(page, 'departments-form-narrow');
    await ctx.close();
  });
});
