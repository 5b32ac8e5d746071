/**
 * In a real browser, a manager configures the Webhooks page against a real receiver on loopback,
 * sees Send Test succeed (and a receiver failure shown as such), watches the deliveries of live
 * chat events appear in the log, opens one and replays it; then creates a signed endpoint (secret
 * shown once), sends it a test event, and manages agents and departments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { call, createStaff } from '../helpers/app.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';

const skip = browserMissing();

describe.skipIf(skip)('manager pages in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let rx: Receiver;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    rx = await startReceiver();
    browser = await launchBrowser();
    await createStaff(server.t, 'manny', ['livechat-manager']);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await uiLogin(page, server.base, 'manny', 'manny-pass-123');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rx?.close();
  });

  it('Webhooks page: save, Send Test, deliveries in the log, replay', { timeout: 120_000 }, async () => {
    const { t } = server;
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
    const reset = page.getByRole('button', { name: 'Reset' });
    const test = page.getByRole('button', { name: 'Send Test' });
    const save = page.getByRole('button', { name: 'Save' });
    expect(await page.getByLabel('Webhook URL').getAttribute('placeholder')).toBe(
      'https://yourdomain.com/webhook/entrypoint',
    );
    expect(await reset.isDisabled()).toBe(true);
    expect(await test.isDisabled()).toBe(true); // no URL saved yet

    // The server's own error message is shown for a URL it refuses.
    await page.getByLabel('Webhook URL').fill('ftp://example.com/hook');
    await save.click();
    await page.locator('.toast-error').filter({ hasText: 'LivechatWebhookUrl' }).waitFor();

    await page.getByLabel('Webhook URL').fill(`${rx.url}/crm`);
    await page.getByLabel('Secret Token').fill('tok-123');
    await page.getByRole('button', { name: /Send Request on/ }).click();
    const options = page.getByRole('group', { name: 'Send Request on' }).getByRole('checkbox');
    expect(await page.getByRole('group', { name: 'Send Request on' }).locator('label').allInnerTexts()).toEqual([
      'Chat Start',
      'Chat Close',
      'Chat Taken',
      'Chat Queued',
      'Forwarding',
      'Offline Messages',
      'Visitor Messages',
      'Agent Messages',
    ]);
    await options.nth(0).check(); // Chat Start
    await options.nth(6).check(); // Visitor Messages
    await page.keyboard.press('Escape');
    await page.getByLabel('HTTP timeout').fill('3000');
    expect(await reset.isEnabled()).toBe(true);
    expect(await test.isDisabled()).toBe(true); // unsaved changes
    await save.click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(t.services.settings.get('Livechat_webhook_on_visitor_message')).toBe(true);
    expect(t.services.settings.get('Livechat_webhook_on_close')).toBe(false);
    expect(t.services.settings.get('Livechat_http_timeout')).toBe(3000);

    await test.click();
    await page.getByText('It works').waitFor();
    const [sample] = await rx.waitFor(1);
    expect(sample!.headers['x-rocketchat-livechat-token']).toBe('tok-123');
    expect(JSON.parse(sample!.body)).toMatchObject({ type: 'LivechatSession' });
    await shot(page, 'manager-webhooks');

    rx.script({ status: 503, body: 'CRM down for maintenance' });
    await test.click();
    await page.locator('.toast-error').filter({ hasText: 'HTTP 503' }).waitFor();

    // The log is open while a visitor chats: deliveries appear live.
    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
    rx.reset();
    await newVisitor(t, 'browser-visitor-1', { email: 'v1@example.com' });
    const { room } = await openRoom(t, 'browser-visitor-1');
    const sent = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'browser-visitor-1', rid: room._id, msg: 'Do you ship to Lisbon?' },
    });
    expect(sent.status).toBe(200);
    const messageRow = page.locator('tr', { hasText: 'Message' }).filter({ hasText: 'succeeded' });
    await messageRow.first().waitFor({ timeout: 15_000 });
    await page.locator('tr', { hasText: 'LivechatSessionStart' }).first().waitFor();

    // Open the Message delivery: the request sent and the receiver's response.
    await messageRow.first().getByRole('button').click();
    const detail = page.getByRole('complementary', { name: 'Delivery' });
    await detail.getByText('x-rocketchat-livechat-token: [redacted]').waitFor(); // the log never shows the token
    await detail.getByText('Do you ship to Lisbon?').first().waitFor();
    await detail.getByText('#1: HTTP 200').waitFor();
    const before = rx.requests.length;
    await detail.getByRole('button', { name: 'Replay' }).click();
    await page.getByText('Replay queued').waitFor();
    await detail.getByText('#2: HTTP 200').waitFor({ timeout: 15_000 });
    expect(rx.requests.length).toBe(before + 1);
    expect(rx.requests.at(-1)!.body).toContain('Do you ship to Lisbon?');

    // Filters: only failed deliveries -> none.
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No deliveries match.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await messageRow.first().waitFor();
    await shot(page, 'manager-deliveries');
  });

  it('Endpoints: create with a one-time secret, health, send a test event', { timeout: 90_000 }, async () => {
    await page.getByRole('link', { name: 'Endpoints' }).click();
    await page.getByRole('link', { name: 'New endpoint' }).click();
    await page.getByLabel('URL', { exact: true }).fill(`${rx.url}/signed`);
    await page.getByLabel('Description').fill('CRM (signed)');
    await page.getByLabel('LivechatOfflineMessage').check();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Tenant');
    await page.getByLabel('Header 1 value').fill('acme');
    await page.getByLabel('Retry schedule').selectOption('list');
    await page.getByLabel('Retry delays (seconds)').fill('1, 5, 30');
    await page.getByLabel('Rate limit (requests per second)').fill('20');
    await shot(page, 'manager-endpoint-edit');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = await page.getByTestId('secret').innerText();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();

    const row = page.locator('tr', { hasText: 'CRM (signed)' });
    await row.waitFor();
    rx.reset();
    await row.getByLabel('Test event type').selectOption('LivechatOfflineMessage');
    await row.getByRole('button', { name: 'Send test' }).click();
    const [req] = await rx.waitFor(1, 15_000);
    expect(req!.path).toBe('/signed');
    expect(req!.headers['webhook-signature']).toMatch(/^v1,/);
    expect(req!.headers['x-tenant']).toBe('acme');
    await row.getByText('100 %').waitFor({ timeout: 15_000 }); // health updates live
    await shot(page, 'manager-endpoints');
  });

  it('Agents and departments', { timeout: 60_000 }, async () => {
    const { t } = server;
    const doraSession = await createStaff(t, 'dora', ['user']);
    await page.getByRole('link', { name: 'Agents', exact: true }).click();
    // the search finds only existing users
    await page.getByRole('combobox', { name: 'Add agent' }).fill('nobody-here');
    await page
      .getByText(/no (user|match)/i)
      .first()
      .waitFor();
    await page.getByRole('combobox', { name: 'Add agent' }).fill('dora');
    await page.getByRole('option', { name: /dora/ }).click();
    await page.locator('tr[data-agent="dora"]').waitFor();
    const dora = await t.services.users.getByUsername('dora');
    // available to routing needs a connected console too (presence): dora's console connects
    await t.services.presence.connect(dora!._id, doraSession.authToken, () => undefined);
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/agent.status',
      as: t.admin,
      payload: { status: 'available', agentId: dora!._id },
    });
    await page.locator('tr[data-agent="dora"]').getByText('Available', { exact: true }).waitFor(); // live
    await shot(page, 'manager-agents');

    await page.getByRole('link', { name: 'Departments' }).click();
    await page.getByRole('button', { name: 'New department' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Sales');
    await page.getByLabel('dora (available)').check();
    await page.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('tr', { hasText: 'Sales' });
    await row.getByRole('cell', { name: 'dora' }).first().waitFor();
    await shot(page, 'manager-departments');
    await row.getByRole('button', { name: 'Edit Sales' }).click();
    await page.getByLabel('dora (available)').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await row.getByText('none').waitFor();
    expect(
      (
        await t.services.departments.agents(
          (await t.services.departments.list({ count: 10, offset: 0 })).departments[0]!._id,
        )
      ).agents,
    ).toEqual([]);
  });
});
