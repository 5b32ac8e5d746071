/**
 * The Dashboard in Chromium: a manager keeps it open while a visitor starts a chat and waits, an
 * agent takes it, answers and closes it; every step shows on the page without a reload (the live
 * stream, well before the page's 30 s timer). At desktop and phone width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';

const skip = browserMissing();
/** Much less than the page's slow timer: a pass means the live stream did it. */
const LIVE = { timeout: 8000, interval: 200 };

describe.skipIf(skip)('dashboard in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let agent: Session & { username: string };

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    await createStaff(server.t, 'dashmgr', ['livechat-manager']);
    agent = await createStaff(server.t, 'dashagent', ['livechat-agent']);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const stat = (page: Page, name: string) => page.locator(`[data-stat="${name}"]`);
  const num = async (page: Page, name: string) => Number(await stat(page, name).innerText());
  const tileText = (page: Page, label: string) => page.getByRole('group', { name: label }).innerText();

  for (const width of [1280, 360]) {
    it(`a manager watches a chat wait, get answered and close (${width} px)`, { timeout: 120_000 }, async () => {
      const t = server.t;
      const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 900 : 800 } });
      const page = await ctx.newPage();
      await uiLogin(page, server.base, 'dashmgr', 'dashmgr-pass-123');
      await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await stat(page, 'waiting').waitFor();
      await expect.poll(() => page.getByText(/updated/).count()).toBe(1);
      // numbers, never blanks, even before anything happened
      for (const s of ['started', 'waiting', 'open', 'first-response', 'duration', 'available'])
        expect((await stat(page, s).innerText()).trim()).toMatch(/^\d/);
      const started = await num(page, 'started');
      const waiting = await num(page, 'waiting');

      // a visitor starts a chat: no agent is available, so it waits
      const token = `dash-${width}`;
      await newVisitor(t, token);
      const rid = (await openRoom(t, token)).room._id;
      await expect.poll(() => num(page, 'waiting'), LIVE).toBe(waiting + 1);
      expect(await num(page, 'started')).toBe(started + 1);
      expect(await tileText(page, 'Waiting now')).toMatch(/oldest \d+s/);
      const noDep = page.locator('tr[data-department="No department"]');
      await expect.poll(async () => (await noDep.innerText()).split(/\s+/).at(-1), LIVE).toBe(String(waiting + 1));
      await shot(page, `dashboard-waiting-${width}`);

      // the agent takes it and answers: the queue empties, the agent's load shows
      const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: agent });
      const inquiry = (q.body.inquiries as { _id: string; rid: string }[]).find((i) => i.rid === rid);
      const take = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/inquiries.take',
        as: agent,
        payload: { inquiryId: inquiry?._id },
      });
      expect(take.status).toBe(200);
      await expect.poll(() => num(page, 'waiting'), LIVE).toBe(waiting);
      const row = page.locator('tr[data-agent="dashagent"]');
      await expect.poll(async () => (await row.innerText()).trim().split(/\s+/).at(-1), LIVE).toBe('1');
      const reply = await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: agent,
        payload: { message: { rid, msg: 'Hello, how can I help?' } },
      });
      expect(reply.status).toBe(200);
      await expect.poll(() => tileText(page, 'Avg first response'), LIVE).toMatch(/[1-9]\d* answered today/);

      // the agent closes it: closed today counts it, the load goes back down
      const closedBefore = Number((await tileText(page, 'Chats today')).match(/(\d+) closed/)?.[1]);
      const close = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: agent,
        payload: { rid, comment: 'done' },
      });
      expect(close.status).toBe(200);
      await expect.poll(() => tileText(page, 'Chats today'), LIVE).toContain(`${closedBefore + 1} closed`);
      await expect.poll(async () => (await row.innerText()).trim().split(/\s+/).at(-1), LIVE).toBe('0');
      // nothing is cut off or scrolls sideways at this width
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, `dashboard-${width}`);
      await ctx.close();
    });
  }
});
