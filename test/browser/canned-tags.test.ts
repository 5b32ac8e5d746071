/**
 * In a real browser: an agent inserts a canned response by typing `!shortcut` and a space, and a
 * department that requires a tag refuses the close until a tag is picked from the managed list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

const skip = browserMissing();

describe.skipIf(skip)('canned responses and tags in the browser', () => {
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

  it('inserts !shortcut and enforces a required tag', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    const agent = await availableAgent(t, 'ann');
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: {
        department: {
          enabled: true,
          name: 'Billing',
          showOnRegistration: true,
          showOnOfflineForm: true,
          requestTagBeforeClosingChat: true,
        },
        agents: [{ agentId: agent.userId }],
      },
    });
    const depId = (dep.body.department as { _id: string })._id;
    await call(t, {
      method: 'POST',
      url: '/api/v1/canned-responses',
      as: t.admin,
      payload: { shortcut: 'refund', text: 'Your refund is on its way.', scope: 'department', departmentId: depId },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/tags.save',
      as: t.admin,
      payload: { tagData: { name: 'refund' } },
    });
    await newVisitor(t, 'v-canned', { department: depId });
    const { room } = await openRoom(t, 'v-canned');
    expect(room.servedBy?._id).toBe(agent.userId);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await uiLogin(page, base, 'ann', 'ann-pass-123');
    await page.goto(`${base}/omnichannel/chats/${room._id}`);
    const box = page.locator('#agent-message');
    await box.pressSequentially('!ref');
    await page.getByRole('group', { name: 'Canned responses' }).getByText('!refund').waitFor();
    await shot(page, 'canned-picker');
    await box.pressSequentially('und ');
    await expect.poll(() => box.inputValue()).toBe('Your refund is on its way.');
    await box.press('Enter');
    await expect
      .poll(async () =>
        (await t.services.db.selectFrom('messages').select('msg').where('rid', '=', room._id).execute()).map(
          (m) => m.msg,
        ),
      )
      .toContain('Your refund is on its way.');

    // no tag: refused with Rocket.Chat's error, the chat stays open
    await page.getByRole('button', { name: 'Close chat' }).click();
    await page.getByText('Tag(s) must be assigned before closing the chat').waitFor();
    expect(
      (await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: agent })).body.room,
    ).toMatchObject({
      open: true,
    });
    await page.getByRole('button', { name: /Tags \(required\)/ }).click();
    await page.getByRole('checkbox', { name: 'refund' }).check();
    await page.keyboard.press('Escape');
    await shot(page, 'close-required-tag');
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect
      .poll(
        async () =>
          (await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: agent })).body.room,
      )
      .toMatchObject({ open: false, tags: ['refund'] });
    await ctx.close();
  });
});
