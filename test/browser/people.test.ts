/**
 * People, in Chromium at desktop and phone width: the admin creates an agent on the Users page,
 * the agent logs in and changes their password under My account, then logs in with the new one.
 * At desktop width also: an agent is added from the Agents page's user search, a manager sets an
 * agent not available, and an admin generates a password shown once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { ADMIN_PASS, call, createStaff } from '../helpers/app.ts';

const skip = browserMissing();

describe.skipIf(skip)('people in the browser', () => {
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

  const loginStatus = async (user: string, password: string) =>
    (await call(server.t, { method: 'POST', url: '/api/v1/login', payload: { user, password } })).status;

  async function page(width: number): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 800 } });
    return ctx.newPage();
  }

  for (const width of [1280, 360]) {
    it(`the admin creates an agent, who changes their password (${width} px)`, { timeout: 120_000 }, async () => {
      const { base } = server;
      const username = `kim${width}`;
      const admin = await page(width);
      await uiLogin(admin, base, 'admin', ADMIN_PASS);
      await admin.getByRole('link', { name: 'Users', exact: true }).click();
      await admin.getByRole('heading', { name: 'Users', exact: true }).waitFor();
      await admin.getByRole('button', { name: 'New user' }).click();
      const form = admin.getByRole('form', { name: 'New user' });
      await form.getByLabel('Name', { exact: true }).fill(`Kim Park ${width}`);
      await form.getByLabel('Username', { exact: true }).fill(username);
      await form.getByLabel('Email', { exact: true }).fill(`${username}@corp.test`);
      await form.getByLabel('Password', { exact: true }).fill('first-pass-123');
      // Agent is ticked for a new user; the admin leaves it so
      expect(await form.getByLabel('Agent', { exact: true }).isChecked()).toBe(true);
      await shot(admin, `people-new-user-${width}`);
      await form.getByRole('button', { name: 'Create user' }).click();
      const row = admin.locator(`tr[data-user="${username}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('Agent');
      await admin.getByLabel('Search users').fill('kim park');
      await expect.poll(() => admin.locator('tbody tr[data-user]').count()).toBeGreaterThan(0);
      await shot(admin, `people-users-${width}`);

      const agent = await page(width);
      await uiLogin(agent, base, username, 'first-pass-123');
      await agent.getByRole('link', { name: 'My account' }).click();
      await agent.getByRole('heading', { name: 'My account' }).waitFor();
      const pw = agent.getByRole('form', { name: 'Change password' });
      // a wrong current password is refused, in words
      await pw.getByLabel('Current password').fill('not-my-password');
      await pw.getByLabel('New password', { exact: true }).fill('second-pass-456');
      await pw.getByLabel('New password again').fill('second-pass-456');
      await pw.getByRole('button', { name: 'Change password' }).click();
      await pw.getByRole('alert').filter({ hasText: 'current password' }).waitFor();
      await pw.getByLabel('Current password').fill('first-pass-123');
      await pw.getByRole('button', { name: 'Change password' }).click();
      await agent.getByText('Password changed').waitFor();
      await shot(agent, `people-account-${width}`);
      await agent.getByRole('button', { name: 'Log out' }).click();
      await uiLogin(agent, base, username, 'second-pass-456');
      expect(await loginStatus(username, 'first-pass-123')).toBe(401);
      await agent.context().close();
      await admin.context().close();
    });
  }

  it('picks users from a search box, sets an agent not available, shows a generated password once', async () => {
    const { t, base } = server;
    await createStaff(t, 'casey', ['user']);
    await t.services.usersAdmin.update((await t.services.users.getByUsername('casey'))!._id, { name: 'Casey Jones' });
    const busy = await createStaff(t, 'lee', ['livechat-agent']);
    await call(t, { method: 'POST', url: '/api/v1/livechat/agent.status', as: busy, payload: { status: 'available' } });
    await createStaff(t, 'max', ['livechat-manager']);

    const m = await page(1280);
    await uiLogin(m, base, 'max', 'max-pass-123');
    await m.getByRole('link', { name: 'Agents', exact: true }).click();
    await m.getByRole('heading', { name: 'Agents', exact: true }).waitFor();
    await m.getByRole('combobox', { name: 'Add agent' }).fill('jones');
    await m.getByRole('option', { name: /Casey Jones/ }).waitFor();
    await shot(m, 'people-agent-picker-1280');
    await m.getByRole('option', { name: /Casey Jones/ }).click();
    await m.locator('tr[data-agent="casey"]').waitFor();
    await m.getByRole('button', { name: 'Set lee not available' }).click();
    await expect.poll(async () => (await t.services.users.get(busy.userId))?.statusLivechat).toBe('not-available');
    await m.context().close();

    const a = await page(1280);
    await uiLogin(a, base, 'admin', ADMIN_PASS);
    await a.getByRole('link', { name: 'Users', exact: true }).click();
    await a.getByRole('button', { name: 'Reset password of casey' }).click();
    await a.getByRole('button', { name: 'Generate password' }).click();
    const generated = (await a.getByTestId('generated-password').innerText()).trim();
    await shot(a, 'people-generated-password-1280');
    expect(await loginStatus('casey', generated)).toBe(200);
    expect(await loginStatus('casey', 'casey-pass-123')).toBe(401);
    await a.getByRole('button', { name: 'Done' }).click();
    expect(await a.getByTestId('generated-password').count()).toBe(0);
    await a.context().close();
  }, 120_000);
});
