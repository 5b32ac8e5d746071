/**
 * Business hours in Chromium at 360 px, English: a manager switches them on and closes every day
 * on the Business hours page, so the visitor's widget shows the offline form although an agent is
 * online; then opens every day 00:00 to 23:59 (open whatever the time), and the widget offers the
 * chat again. Neither schedule depends on the wall clock. Last, a department schedule is added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { ADMIN_PASS } from '../helpers/app.ts';
import { availableAgent } from '../helpers/livechat.ts';

const skip = browserMissing();
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

describe.skipIf(skip)('business hours in the browser', () => {
  let server: UiServer;
  let browser: Browser;

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    await availableAgent(server.t, 'bhagent');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The global schedule's form. */
  const globalForm = (page: Page) => page.getByRole('form', { name: 'Global schedule' });

  it('outside the hours the widget offers the offline form; inside them the chat', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    const page = await ctx.newPage();
    await uiLogin(page, base, 'admin', ADMIN_PASS);
    await page.getByRole('link', { name: 'Business hours', exact: true }).click();
    await page.getByRole('heading', { name: 'Business hours', level: 1 }).waitFor();
    expect(await page.title()).toMatch(/^Business hours/);

    await page.getByLabel('Apply business hours').check();
    await expect.poll(() => t.services.settings.read('Livechat_enable_business_hours')).toBe(true);

    // closed every day
    const form = globalForm(page);
    await form.getByLabel('Time zone').selectOption('Europe/Berlin');
    for (const day of DAYS) await form.getByLabel(`Open on ${day}`).uncheck();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Schedule saved').first().waitFor();
    await shot(page, 'business-hours-360');

    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-US' });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${base}/widget`);
    let widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Message', { exact: true }).waitFor();
    expect(await widget.getByRole('button', { name: 'Start chat' }).count()).toBe(0);
    await shot(visitor, 'business-hours-widget-offline-360');

    // open every day, all day
    for (const day of DAYS) {
      await form.getByLabel(`Open on ${day}`).check();
      await form.getByLabel(`${day} from`).fill('00:00');
      await form.getByLabel(`${day} to`).fill('23:59');
    }
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(async () => (await t.services.businessHours.get(undefined, 'default'))?.workHours.every((w) => w.open))
      .toBe(true);
    expect(await form.getByLabel('Monday to').inputValue()).toBe('23:59');

    await visitor.reload();
    widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByRole('button', { name: 'Start chat' }).waitFor();
    expect(await widget.getByLabel('Message', { exact: true }).count()).toBe(0);
    await shot(visitor, 'business-hours-widget-online-360');

    // a department schedule of its own, listed with a summary of its days
    await page.getByRole('button', { name: 'New department schedule' }).click();
    const custom = page.getByRole('form', { name: 'New department schedule' });
    await custom.getByLabel('Name', { exact: true }).fill('Weekday desk');
    await custom.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('region', { name: 'Department schedules' }).getByRole('row', { name: /Weekday desk/ });
    await row.waitFor();
    expect(await row.innerText()).toContain('Mon–Fri 8:00 AM–8:00 PM');
    await shot(page, 'business-hours-departments-360');
    await visitorCtx.close();
    await ctx.close();
  });

  it('a German console names the days and times in German', { timeout: 60_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
    const page = await ctx.newPage();
    await page.goto(`${server.base}/login`);
    await page.getByLabel('Benutzername oder E-Mail').fill('admin');
    await page.getByLabel('Passwort').fill(ADMIN_PASS);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('navigation', { name: 'Omnichannel' }).waitFor();
    await page.goto(`${server.base}/omnichannel/business-hours`);
    await page.getByRole('heading', { name: 'Geschäftszeiten', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Allgemeiner Zeitplan' });
    await form.getByLabel('Montag geöffnet').waitFor();
    expect(await form.getByRole('row').nth(1).innerText()).toContain('Mo');
    await shot(page, 'business-hours-de-360');
    await ctx.close();
  });
});
