/**
 * Issue 15, business hours closing while Omnihook's widget is open (Chromium, 360 px, English):
 * the visitor registered while the shop was open; the hours close; their first message is refused
 * by the server (`no-agent-online`), and the widget re-reads livechat/config and shows the offline
 * form with the shop's offline text instead of an error. Neither schedule depends on the wall clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call } from '../helpers/app.ts';
import { availableAgent, setSetting } from '../helpers/livechat.ts';
import { WEEKDAYS } from '../../src/domain/business-hours.ts';

const skip = browserMissing();
const OFFLINE_TEXT = 'We are closed now. Leave us a note and we will write back tomorrow.';

describe.skipIf(skip)('business hours close while the widget is open', () => {
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

  it('the first message after closing shows the offline form, not an error', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    await availableAgent(t, 'hcagent');
    await setSetting(t, 'Livechat_offline_message', OFFLINE_TEXT);
    await setSetting(t, 'Livechat_enable_business_hours', true);
    const current = await call(t, { method: 'GET', url: '/api/v1/livechat/business-hour', as: t.admin });
    const id = (current.body.businessHour as { _id: string })._id;
    const schedule = (open: boolean) =>
      call(t, {
        method: 'POST',
        url: '/api/v1/livechat/business-hours.save',
        as: t.admin,
        payload: {
          _id: id,
          type: 'default',
          name: '',
          timezoneName: 'Europe/Berlin',
          workHours: WEEKDAYS.map((day) => ({ day, open, start: '00:00', finish: '23:59' })),
        },
      });
    expect((await schedule(true)).status).toBe(200); // open all day, every day

    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    const visitor = await ctx.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Olaf Late');
    await widget.getByLabel('Email', { exact: true }).fill('olaf@example.com');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    const composer = widget.getByLabel('Type your message');
    await composer.waitFor();

    // The shop closes while the widget is open.
    expect((await schedule(false)).status).toBe(200);
    const cfg = await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
    expect((cfg.body.config as { online: boolean }).online).toBe(false);

    await composer.fill('Are you still there?');
    await composer.press('Enter');
    await widget.getByText(OFFLINE_TEXT).waitFor({ timeout: 30_000 });
    await widget.getByLabel('Message', { exact: true }).waitFor();
    expect(await composer.count()).toBe(0);
    expect(await widget.getByRole('alert').count()).toBe(0); // no "Sorry, no online agents"
    // nothing was left behind: the refused chat was undone
    const open = await t.services.db.selectFrom('rooms').select('_id').where('open', '=', 1).execute();
    expect(open).toEqual([]);
    // focus moved into the offline form, where the visitor can go on
    expect(
      await widget
        .locator('.wbody')
        .evaluate(
          (body) => body.contains(body.ownerDocument.activeElement) && body.ownerDocument.activeElement !== body,
        ),
    ).toBe(true);
    await shot(visitor, 'widget-hours-closed-offline-form-360');

    // The offline form works from there.
    await widget.getByLabel('Name', { exact: true }).fill('Olaf Late');
    await widget.getByLabel('Email', { exact: true }).fill('olaf@example.com');
    await widget.getByLabel('Message', { exact: true }).fill('Please call me back about my order.');
    await widget.getByRole('button', { name: 'Send', exact: true }).click();
    await expect
      .poll(async () => (await t.services.db.selectFrom('offline_messages').select('message').execute()).length, {
        timeout: 30_000,
      })
      .toBe(1);
    expect(pageErrors).toEqual([]);
    await ctx.close();
  });
});
