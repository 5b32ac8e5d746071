/**
 * Accessibility, checked by axe-core (WCAG 2.1 A and AA, text contrast included) on every page of
 * the staff console as an admin, and on Omnihook's widget in each of its states (registration,
 * chat with an agent's reply, offline form), at desktop and phone width. Every page also carries
 * a title of its own, so a person with many tabs, or a screen reader, knows where they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { ADMIN_PASS, createStaff } from '../helpers/app.ts';
import { setSetting } from '../helpers/livechat.ts';
import { axeViolations, describeViolations } from '../helpers/axe.ts';

const skip = browserMissing();

const CONSOLE_PAGES = [
  '/omnichannel/current',
  '/omnichannel/chats',
  '/omnichannel/dashboard',
  '/omnichannel/agents',
  '/omnichannel/managers',
  '/omnichannel/departments',
  '/omnichannel/canned-responses',
  '/omnichannel/tags',
  '/omnichannel/custom-fields',
  '/omnichannel/offline-messages',
  '/omnichannel/webhooks',
  '/omnichannel/endpoints',
  '/omnichannel/endpoints/new',
  '/omnichannel/deliveries',
  '/admin/users',
  '/admin/permissions',
  '/account',
];

describe.skipIf(skip)('accessibility', () => {
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

  async function open(width: number): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US' });
    return ctx.newPage();
  }

  for (const width of [1280, 360]) {
    it(`every console page passes axe and has its own title (${width} px)`, { timeout: 180_000 }, async () => {
      const page = await open(width);
      await page.goto(`${server.base}/login`);
      const problems: string[] = [];
      const loginViolations = await axeViolations(page);
      if (loginViolations.length) problems.push(describeViolations('/login', loginViolations));
      await uiLogin(page, server.base, 'admin', ADMIN_PASS);
      const titles = new Map<string, string>();
      for (const path of CONSOLE_PAGES) {
        // the console's own router (history API), as a click on the menu would
        await page.evaluate(
          `history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'))`,
        );
        await page.locator('main h1, main h2').first().waitFor();
        await page.waitForLoadState('networkidle');
        const v = await axeViolations(page);
        if (v.length) problems.push(describeViolations(path, v));
        titles.set(path, await page.title());
      }
      expect(problems.join('\n'), 'axe violations').toBe('');
      const distinct = new Set(titles.values());
      expect(distinct.size, `page titles: ${JSON.stringify([...titles])}`).toBe(titles.size);
    });
  }

  it("Omnihook's widget passes axe offline, at registration and in a chat (360 px)", { timeout: 180_000 }, async () => {
    const { t, base } = server;
    const problems: string[] = [];
    const check = async (page: Page, where: string) => {
      const frame = page.frame({ url: /\/widget\/frame/ });
      if (!frame) throw new Error('no widget frame');
      const v = await axeViolations(frame);
      if (v.length) problems.push(describeViolations(where, v));
    };
    // nobody online: the offline form
    const offline = await open(360);
    await offline.goto(`${base}/widget`);
    const offlineWidget = offline.frameLocator('iframe[title="Livechat"]');
    await offlineWidget.getByRole('button', { name: 'Send' }).waitFor();
    await check(offline, 'widget offline form');

    // an available agent with the console open: the registration form, then a chat
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const agent = await createStaff(t, 'axe-agent', ['livechat-agent']);
    const consolePage = await open(1280);
    await uiLogin(consolePage, base, 'axe-agent', 'axe-agent-pass-123');
    await consolePage.getByRole('switch').check();
    await expect
      .poll(async () => (await t.services.users.get(agent.userId))?.statusLivechat, { timeout: 20_000 })
      .toBe('available');
    const visitor = await open(360);
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByRole('button', { name: 'Start chat' }).waitFor();
    await check(visitor, 'widget registration form');
    await widget.getByLabel('Name', { exact: true }).fill('Axel Visitor');
    await widget.getByLabel('Email', { exact: true }).fill('axel@example.com');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByLabel('Type your message').fill('Hello there');
    await widget.getByLabel('Type your message').press('Enter');
    await widget.getByText('Hello there').waitFor();
    await consolePage.getByRole('button', { name: 'Take chat with Axel Visitor' }).click();
    await consolePage.getByLabel('Message', { exact: true }).fill('Hi Axel, how can I help?');
    await consolePage.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Hi Axel, how can I help?').waitFor();
    await check(visitor, 'widget chat');
    // the console's chat page too, with messages both ways
    const v = await axeViolations(consolePage);
    if (v.length) problems.push(describeViolations('console chat page', v));
    expect(problems.join('\n'), 'axe violations').toBe('');
  });
});
