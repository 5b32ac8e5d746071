/**
 * Issue 15, proactive triggers, in Chromium at 360 px. A manager defines in the console a trigger
 * "2 seconds on a page matching /shop/pricing, once per visitor"; a shop on another origin embeds
 * Omnihook's widget (embed.js) and tells it the host page's URL. A visitor on the pricing page sees
 * the message (the widget opens by itself); on another page they do not; after a reload the
 * run-once trigger stays quiet. A second trigger, "3 seconds on any page, every visit", is the
 * clock that proves enough time passed before each "did not fire" check, so no check sleeps.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { availableAgent } from '../helpers/livechat.ts';
import { snippetPage, widget as rcWidget } from './rc-widget-helpers.ts';

const skip = browserMissing();
const PRICING_MSG = 'Questions about our prices?';
const EVERY_VISIT_MSG = 'Welcome to the shop!';

/** The shop: any path is a page embedding Omnihook's widget; under /rc/, Rocket.Chat's widget. */
function startShop(base: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (req.url?.startsWith('/rc/')) return void res.end(snippetPage(base));
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>Shop ${req.url}</title></head><body><h1>Shop: ${req.url}</h1>` +
        `<script src="${base}/widget/embed.js" async></script></body></html>`,
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

describe.skipIf(skip)('proactive triggers (console + Omnihook widget)', () => {
  let server: UiServer;
  let browser: Browser;
  let shop: { url: string; server: Server };
  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    shop = await startShop(server.base);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => shop?.server.close(r));
    await server?.close();
  });

  it('time on a matching page fires once; other pages stay quiet', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    await availableAgent(t, 'tina'); // the widget is online: triggers run only then, as in Rocket.Chat
    const boss = await createStaff(t, 'max', ['livechat-manager']);
    const every = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/triggers',
      as: boss,
      payload: {
        name: 'Every visit',
        description: '',
        enabled: true,
        runOnce: false,
        conditions: [{ name: 'time-on-site', value: '3' }],
        actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Shop team', msg: EVERY_VISIT_MSG } }],
      },
    });
    expect(every.status, every.res.body).toBe(200);

    // the manager defines the pricing trigger in the console
    const managerCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const manager = await managerCtx.newPage();
    await uiLogin(manager, base, 'max', 'max-pass-123');
    await manager.goto(`${base}/omnichannel/triggers`);
    await manager.getByRole('button', { name: 'New trigger' }).click();
    const form = manager.getByRole('form', { name: 'New trigger' });
    await form.getByLabel('Run only once for each visitor').check();
    await form.getByLabel('Name').fill('Pricing help');
    await form.getByLabel('Description').fill('Offers help on the pricing page');
    await form.getByLabel('Condition', { exact: true }).selectOption('time-on-site');
    await form.getByLabel('Time in seconds').fill('2');
    await form.getByRole('button', { name: 'Add condition' }).click();
    await form.getByLabel('Condition 2').selectOption('page-url');
    await form.getByLabel('Page URL pattern (a regular expression)').fill('/shop/pricing');
    await form.getByLabel('Sender').selectOption('custom');
    await form.getByLabel('Agent name').fill('Paula');
    await form.getByLabel('Message').fill(PRICING_MSG);
    await form.getByRole('heading', { name: 'New trigger' }).scrollIntoViewIfNeeded();
    await shot(manager, 'manager-trigger-form-360');
    await form.getByRole('button', { name: 'Save' }).scrollIntoViewIfNeeded();
    await shot(manager, 'manager-trigger-form-action-360');
    await form.getByRole('button', { name: 'Save' }).click();
    const row = manager.getByRole('row', { name: /Pricing help/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('page matches /shop/pricing');
    await shot(manager, 'manager-triggers-360');

    const saved = (await call(t, { method: 'GET', url: '/api/v1/livechat/triggers', as: boss })).body
      .triggers as Record<string, unknown>[];
    expect(saved.find((x) => x.name === 'Pricing help')).toMatchObject({
      enabled: true,
      runOnce: true,
      conditions: [
        { name: 'time-on-site', value: '2' },
        { name: 'page-url', value: '/shop/pricing' },
      ],
      actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Paula', msg: PRICING_MSG } }],
    });

    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const visitor = await visitorCtx.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    const frame = visitor.locator('iframe[title="Livechat"]');
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    const pricingMsg = widget.locator('[data-trigger-id]', { hasText: PRICING_MSG });

    // another page: only the every-visit trigger fires (after 3 s, so the 2 s had passed too)
    await visitor.goto(`${shop.url}/shop/about`);
    await widget.getByText(EVERY_VISIT_MSG).waitFor();
    expect(await frame.isVisible()).toBe(true); // a trigger opens the widget
    expect(await pricingMsg.count()).toBe(0);

    // the pricing page: the manager's trigger fires, from Paula
    await visitor.goto(`${shop.url}/shop/pricing?plan=pro`);
    await pricingMsg.waitFor();
    expect(await pricingMsg.locator('.author').textContent()).toBe('Paula');
    await widget.getByText(EVERY_VISIT_MSG).waitFor();
    await shot(visitor, 'widget-trigger-360');

    // a reload: run once means once; the every-visit trigger fires again (the clock for this check)
    await visitor.reload();
    await widget.getByText(EVERY_VISIT_MSG).waitFor();
    expect(await pricingMsg.count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await managerCtx.close();
    await visitorCtx.close();
  });

  it('Rocket.Chat’s own widget runs the same triggers from livechat/config', { timeout: 120_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${shop.url}/rc/pricing`);
    // its widget opens by itself on a fired trigger and shows the message from the custom sender
    await rcWidget(page).getByText(EVERY_VISIT_MSG).first().waitFor();
    await shot(page, 'rc-widget-trigger-360');
    await ctx.close();
  });
});
