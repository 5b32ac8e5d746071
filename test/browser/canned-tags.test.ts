/**
 * In a real browser: an agent inserts a canned response by typing `!shortcut` and a space, and a
 * department that requires a tag refuses the close until a tag is picked from the managed list.
 * A manager tags canned responses on their page and filters by tag; an agent on a phone-sized
 * screen finds a response by its tag in the `!` picker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
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

  it(
    'a manager tags responses and filters by tag; an agent finds one by tag at 360 px',
    { timeout: 120_000 },
    async () => {
      const { t, base } = server;
      await createStaff(t, 'tag-boss', ['livechat-manager']);
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      await uiLogin(page, base, 'tag-boss', 'tag-boss-pass-123');
      await page.goto(`${base}/omnichannel/canned-responses`);
      const form = page.getByRole('form', { name: 'New canned response' });
      const add = async (shortcut: string, text: string, tags: string) => {
        await form.getByLabel('Shortcut').fill(shortcut);
        await form.getByLabel('Text').fill(text);
        await form.getByLabel('Tags').fill(tags);
        await form.getByRole('button', { name: 'Add' }).click();
        await page.getByRole('cell', { name: `!${shortcut}`, exact: true }).waitFor();
      };
      await add('invoice', 'Your invoice is attached.', 'billing, documents');
      await add('welcome', 'Welcome! How can I help?', 'greeting');
      // the tags are stored as a list, trimmed
      const stored = await call(t, { method: 'GET', url: '/api/v1/canned-responses?tags=documents', as: t.admin });
      expect((stored.body.cannedResponses as { shortcut: string; tags: string[] }[]).map((c) => c.tags)).toEqual([
        ['billing', 'documents'],
      ]);
      await page.getByLabel('Filter by tag').fill('billing');
      await expect.poll(() => page.getByRole('cell', { name: '!welcome', exact: true }).count()).toBe(0);
      await page.getByRole('cell', { name: '!invoice', exact: true }).waitFor();
      await shot(page, 'canned-tags-filter');
      // edit keeps the tags in the form, and a change is saved
      await page.getByRole('button', { name: 'Edit !invoice' }).click();
      const editForm = page.getByRole('form', { name: 'Edit canned response' });
      await expect.poll(() => editForm.getByLabel('Tags').inputValue()).toBe('billing, documents');
      await editForm.getByLabel('Tags').fill('billing, invoices');
      await editForm.getByRole('button', { name: 'Save' }).click();
      await page.getByText('invoices', { exact: true }).waitFor();
      await page.getByLabel('Filter by tag').fill('nothing-has-this');
      await page.getByText('No canned response has these tags.').waitFor();
      await ctx.close();

      // an agent in a chat, on a phone-sized screen: `!invoi` finds the response through its tag
      const agent = await availableAgent(t, 'tag-agent');
      // a department of its own, so routing cannot hand the chat to the first test's agent
      const docs = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/department',
        as: t.admin,
        payload: {
          department: { enabled: true, name: 'Docs', showOnRegistration: true, showOnOfflineForm: true },
          agents: [{ agentId: agent.userId }],
        },
      });
      await newVisitor(t, 'v-tags', { department: (docs.body.department as { _id: string })._id });
      const { room } = await openRoom(t, 'v-tags');
      expect(room.servedBy?._id).toBe(agent.userId);
      const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const p2 = await phone.newPage();
      await uiLogin(p2, base, 'tag-agent', 'tag-agent-pass-123');
      await p2.goto(`${base}/omnichannel/chats/${room._id}`);
      const box = p2.locator('#agent-message');
      await box.pressSequentially('!invoi');
      const picker = p2.getByRole('group', { name: 'Canned responses' });
      await picker.getByText('!invoice').waitFor();
      await picker.getByText('invoices').waitFor();
      // the picker stays inside the screen
      await shot(p2, 'canned-tags-picker-360');
      const rect = await picker.boundingBox();
      expect(rect).not.toBeNull();
      expect([rect!.x >= 0, rect!.x + rect!.width <= 360, rect]).toEqual([true, true, rect]);
      await picker.getByRole('button', { name: /!invoice/ }).click();
      await expect.poll(() => box.inputValue()).toBe('Your invoice is attached.');
      await phone.close();
    },
  );
});
