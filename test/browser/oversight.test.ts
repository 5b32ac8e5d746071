/**
 * Oversight in Chromium (issue 13): a manager finds a closed chat by a word its visitor wrote and
 * opens it; joins an open chat, sees a forward line naming both agents, and takes the chat over;
 * an agent's "My chats" lists their own closed chat. At desktop width and at 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';

const skip = browserMissing();

describe.skipIf(skip)('oversight: all chats, join, take over (console)', () => {
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

  it('a manager finds a closed chat by text, joins and takes over an open one', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const alice = await availableAgent(t, 'alice');
    const bob = await availableAgent(t, 'bob');
    await createStaff(t, 'mona', ['livechat-manager', 'livechat-agent']);
    const take = async (agent: Session, rid: string) => {
      const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: agent });
      const inquiry = (q.body.inquiries as { _id: string; rid: string }[]).find((i) => i.rid === rid);
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/inquiries.take',
        as: agent,
        payload: { inquiryId: inquiry?._id },
      });
      expect(r.status).toBe(200);
    };
    const say = (token: string, rid: string, msg: string) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: { token, rid, msg } });

    // a closed chat of alice's, and an open one bob serves
    await newVisitor(t, 'zed', { name: 'Zed Closed', email: 'zed@example.com' });
    const closedRid = (await openRoom(t, 'zed')).room._id;
    await say('zed', closedRid, 'My parcel never arrived');
    await take(alice, closedRid);
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: alice,
      payload: { rid: closedRid, comment: 'resent', tags: ['shipping'] },
    });
    await newVisitor(t, 'olga', { name: 'Olga Open' });
    const openRid = (await openRoom(t, 'olga')).room._id;
    await say('olga', openRid, 'Can I change my order?');
    await take(bob, openRid);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await uiLogin(page, base, 'mona', 'mona-pass-123');
    await page
      .getByRole('navigation', { name: 'Omnichannel' })
      .getByRole('link', { name: 'Chats', exact: true })
      .click();
    await page.getByRole('link', { name: 'Open chat with Olga Open' }).waitFor();
    await page.getByLabel('Search').fill('parcel');
    await expect.poll(() => page.locator('tr[data-room]').count()).toBe(1);
    const row = page.locator(`tr[data-room="${closedRid}"]`);
    expect(await row.textContent()).toContain('Closed');
    expect(await row.textContent()).toContain('alice');
    expect(await row.textContent()).toContain('shipping');
    await shot(page, 'all-chats-search');
    // the date filters fold away; closed today finds the same chat without the text
    await page.getByLabel('Search').fill('');
    await expect.poll(() => page.locator('tr[data-room]').count()).toBe(2);
    await page.getByText('Dates', { exact: true }).click();
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Closed from').fill(today);
    await expect.poll(() => page.locator('tr[data-room]').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('tr[data-room]').count()).toBe(2);
    await page.getByLabel('Search').fill('parcel');
    await expect.poll(() => page.locator('tr[data-room]').count()).toBe(1);
    await page.getByRole('link', { name: 'Open chat with Zed Closed' }).click();
    await page.getByText('My parcel never arrived').waitFor();
    await page.getByText('alice closed the chat: resent').waitFor();
    // a closed chat offers no join or take over
    expect(await page.getByRole('button', { name: 'Take over' }).count()).toBe(0);

    // the open chat: join, a forward between two agents, then take over
    await page.getByRole('link', { name: 'Back to Chats' }).click();
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('link', { name: 'Open chat with Olga Open' }).click();
    await page.getByText('Can I change my order?').waitFor();
    await page.getByText('Served by bob').waitFor();
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.getByText('mona joined the chat').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Join', exact: true }).count()).toBe(0);

    const fwd = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: bob,
      payload: { roomId: openRid, userId: alice.userId, comment: 'knows the orders' },
    });
    expect(fwd.status).toBe(200);
    await page.getByText('bob forwarded the chat to alice: knows the orders').waitFor();
    await page.getByText('Served by alice').waitFor();
    await page.getByRole('button', { name: 'Take over' }).click();
    await page.getByText('mona took over the chat').waitFor();
    await page.getByText('You now serve this chat.').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Take over' }).count()).toBe(0);
    await shot(page, 'manager-took-over');
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${openRid}`, as: t.admin });
    expect((info.body.room as { servedBy: { username: string } }).servedBy.username).toBe('mona');

    // 360 px: the filters wrap and the table scrolls instead of overflowing the page
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const small = await phone.newPage();
    await uiLogin(small, base, 'mona', 'mona-pass-123');
    await small.goto(`${base}/omnichannel/chats`);
    await small.getByRole('link', { name: 'Open chat with Zed Closed' }).waitFor();
    const overflow = await small.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(small, 'all-chats-360');

    // alice's own history: her closed chat is there, the chat she passed on is not hers now
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentCtx.newPage();
    await uiLogin(agent, base, 'alice', 'alice-pass-123');
    await agent.getByRole('link', { name: 'My chats', exact: true }).click();
    await agent.getByRole('link', { name: 'Open chat with Zed Closed' }).waitFor();
    await expect.poll(() => agent.locator('tr[data-room]').count()).toBe(1);
    await Promise.all([ctx.close(), phone.close(), agentCtx.close()]);
  });
});
