/**
 * Presence in a real browser (issue 11): an agent who logs out is not routed the next chat, the
 * Agents page shows it live, and with agents marked available but no console connected the
 * widget offers the offline form. At 1280 and 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';

const skip = browserMissing();

describe.skipIf(skip)('presence in the browser', () => {
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

  it('an agent logs out and the next chat is not routed to them', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    const pam = await createStaff(t, 'pam', ['livechat-agent']);
    const quinn = await createStaff(t, 'quinn', ['livechat-agent']);

    // Two agents open their consoles and become available: pam at desk width, quinn on a phone.
    const pamCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pamPage = await pamCtx.newPage();
    await uiLogin(pamPage, base, 'pam', 'pam-pass-123');
    await pamPage.getByRole('switch').check();
    const quinnCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const quinnPage = await quinnCtx.newPage();
    await uiLogin(quinnPage, base, 'quinn', 'quinn-pass-123');
    await quinnPage.getByRole('switch').check();
    await expect.poll(async () => (await t.services.users.get(quinn.userId))?.status).toBe('online');

    // The manager watches the Agents page.
    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await adminCtx.newPage();
    await uiLogin(admin, base, 'admin', 'admin-pass-123');
    await admin.getByRole('link', { name: 'Agents' }).click();
    const pamRow = admin.locator('tr[data-agent="pam"]');
    await pamRow.getByText('Available', { exact: true }).waitFor();
    await admin.locator('tr[data-agent="quinn"]').getByText('Available', { exact: true }).waitFor();

    // pam logs out: at once she is not available, live on the Agents page.
    await pamPage.getByRole('button', { name: 'Log out' }).click();
    await pamPage.getByLabel('Username or email').waitFor();
    await pamRow.getByText('Not available', { exact: true }).waitFor();
    await shot(admin, 'agents-presence');
    expect(await t.services.users.get(pam.userId)).toMatchObject({ statusLivechat: 'not-available' });

    // The next visitor (phone width) is routed to quinn, never to pam.
    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Rita Moreno');
    await widget.getByLabel('Email', { exact: true }).fill('rita@example.com');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByLabel('Type your message').fill('Is anyone there?');
    await widget.getByLabel('Type your message').press('Enter');
    await widget.getByText('Chatting with quinn').waitFor();
    await quinnPage.getByRole('link', { name: 'Rita Moreno' }).first().waitFor();
    await shot(quinnPage, 'agent-routed-after-logout-360');
    const rooms = await t.services.db.selectFrom('rooms').select('served_by_id').where('open', '=', 1).execute();
    expect(rooms.map((r) => r.served_by_id)).toEqual([quinn.userId]);
    await quinnPage.getByRole('button', { name: 'Log out' }).click();
    await quinnPage.getByLabel('Username or email').waitFor();
    await Promise.all([pamCtx.close(), quinnCtx.close(), adminCtx.close(), visitorCtx.close()]);
  });

  it('with nobody connected the widget shows the offline form', { timeout: 60_000 }, async () => {
    const { t, base } = server;
    // Agents marked available, with no console open anywhere: nobody would read a chat.
    await t.services.db.updateTable('users').set({ status_livechat: 'available', online: 0 }).execute();
    const cfg = await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
    expect((cfg.body.config as { online: boolean }).online).toBe(false); // what the Rocket.Chat widget reads too
    for (const width of [360, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 740 } });
      const page = await ctx.newPage();
      await page.goto(`${base}/widget`);
      const widget = page.frameLocator('iframe[title="Livechat"]');
      await widget.getByLabel('Message', { exact: true }).waitFor();
      await expect(widget.getByRole('button', { name: 'Start chat' }).count()).resolves.toBe(0);
      await shot(page, `widget-offline-nobody-connected-${width}`);
      await ctx.close();
    }
    // The Agents page tells "marked available, nobody connected" (away) from available.
    const adminCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const admin = await adminCtx.newPage();
    await uiLogin(admin, base, 'admin', 'admin-pass-123');
    await admin.getByRole('link', { name: 'Agents' }).click();
    await admin.locator('tr[data-agent="pam"]').getByText('Away', { exact: true }).waitFor();
    await admin.getByTestId('available-count').getByText('0 of 2 available').waitFor();
    await shot(admin, 'agents-away');
    await adminCtx.close();
  });
});
