/**
 * Issue 13 in Chromium: an internal note written in the console shows for staff only, never in
 * Omnihook's widget or Rocket.Chat's; forward and close comments stay with staff while the
 * visitor sees neutral lines; text typed in Rocket.Chat's widget reaches the agent as typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { availableAgent } from '../helpers/livechat.ts';
import { openWidget, startWidgetEnv } from './rc-widget-helpers.ts';
import type { WidgetEnv } from './rc-widget-helpers.ts';

const skip = browserMissing();
const TYPED = `Tom & Jerry <b>x</b> "q" it's 5 > 3`;

describe.skipIf(skip)('notes and what the visitor sees (console + Omnihook widget)', () => {
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

  it(
    'a note shows for staff only; the visitor sees neutral forward and close lines',
    { timeout: 120_000 },
    async () => {
      const { t, base } = server;
      const alice = await availableAgent(t, 'alice');
      const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const visitor = await visitorCtx.newPage();
      await visitor.goto(`${base}/widget`);
      const widget = visitor.frameLocator('iframe[title="Livechat"]');
      await widget.getByLabel('Name', { exact: true }).fill('Nina Note');
      await widget.getByLabel('Email', { exact: true }).fill('nina@example.com');
      await widget.getByRole('button', { name: 'Start chat' }).click();
      await widget.getByLabel('Type your message').fill('Hello, my invoice is wrong');
      await widget.getByLabel('Type your message').press('Enter');
      await widget.getByText('Chatting with alice').waitFor();

      const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const agent = await agentCtx.newPage();
      await uiLogin(agent, base, 'alice', 'alice-pass-123');
      await agent.getByRole('link', { name: 'Nina Note' }).click();
      await agent.getByText('Hello, my invoice is wrong').waitFor();
      // Omnihook's widget: typed text shown as typed on both sides (React escapes; the server's copy is escaped)
      await widget.getByLabel('Type your message').fill(TYPED);
      await widget.getByLabel('Type your message').press('Enter');
      await agent.getByText(TYPED, { exact: true }).waitFor();
      await widget.getByText(TYPED, { exact: true }).waitFor();

      await agent.getByLabel('Note', { exact: true }).check();
      await agent.getByLabel('Internal note').fill('Checked billing: double charge, refund due');
      await agent.getByRole('button', { name: 'Add note' }).click();
      const noteBubble = agent.locator('li.note', { hasText: 'Checked billing: double charge, refund due' });
      await noteBubble.waitFor();
      await expect.poll(() => noteBubble.textContent()).toContain('Internal note · alice');
      await agent.getByLabel('Note', { exact: true }).uncheck();
      await agent.getByLabel('Message', { exact: true }).fill('We are refunding you now.');
      await agent.getByRole('button', { name: 'Send' }).click();
      // messages arrive in order: once the later reply is shown, the note would have been too
      await widget.getByText('We are refunding you now.').waitFor();
      await expect.poll(() => widget.locator('ol.messages').textContent()).not.toContain('double charge');
      await shot(agent, 'agent-note');

      // after a reload (history), still no note, in the console it stays
      await visitor.reload();
      await widget.getByText('We are refunding you now.').waitFor();
      expect(await widget.locator('ol.messages').textContent()).not.toContain('double charge');

      // forward with a comment, then bob closes with a comment: the visitor sees neutral lines only
      const bob = await availableAgent(t, 'bob');
      const rid = (
        await t.services.db.selectFrom('rooms').select('_id').where('open', '=', 1).executeTakeFirstOrThrow()
      )._id;
      await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.forward',
        as: alice,
        payload: { roomId: rid, userId: bob.userId, comment: 'she was double charged' },
      });
      await widget.getByText('Your chat was forwarded').waitFor();
      await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: bob,
        payload: { message: { rid, msg: 'Bob here.' } },
      });
      await widget.getByText('You are now chatting with bob').waitFor();
      await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: bob,
        payload: { rid, comment: 'refund 42 EUR approved' },
      });
      await widget.getByText('The chat was closed').waitFor();
      const seen = await widget.locator('ol.messages').textContent();
      expect(seen).not.toContain('double charged');
      expect(seen).not.toContain('42 EUR');
      await shot(visitor, 'widget-neutral-lines');

      // a manager opening the chat sees the note and both comments
      await createStaff(t, 'mona', ['livechat-manager']);
      const monaCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const mona = await monaCtx.newPage();
      await uiLogin(mona, base, 'mona', 'mona-pass-123');
      await mona.goto(`${base}/omnichannel/chats/${rid}`);
      await mona.getByText('alice forwarded the chat to bob: she was double charged').waitFor();
      await mona.getByText('bob closed the chat: refund 42 EUR approved').waitFor();
      await mona.locator('li.note', { hasText: 'double charge, refund due' }).waitFor();
      await shot(mona, 'manager-note-360');
      await Promise.all([agentCtx.close(), visitorCtx.close(), monaCtx.close()]);
    },
  );
});

describe.skipIf(skip)("Rocket.Chat's widget: text as typed, no notes", () => {
  let env: WidgetEnv;
  beforeAll(async () => {
    env = await startWidgetEnv();
  }, 60_000);
  afterAll(async () => env?.close());

  it('the agent and the CRM payload get what the visitor typed; a note never shows', { timeout: 90_000 }, async () => {
    const alice = await availableAgent(env.t, 'alice');
    const page = await env.browser.newPage();
    const w = await openWidget(page, env.hostUrl);
    await w.locator('input[name="name"]').fill('Tom Typist');
    await w.locator('input[name="email"]').fill('tom@example.com');
    await w.locator('button[type="submit"]').click();
    const composer = w.locator('[class*="composer__input"]');
    await composer.click();
    await page.keyboard.type(TYPED);
    await page.keyboard.press('Enter');
    await w.getByText(TYPED).waitFor();

    const rooms = await call(env.t, { method: 'GET', url: '/api/v1/livechat/rooms?open=true', as: env.t.admin });
    const rid = (rooms.body.rooms as { _id: string }[])[0]!._id;
    const history = await call(env.t, {
      method: 'GET',
      url: `/api/v1/livechat/messages.history/${rid}`,
      as: alice,
    });
    expect((history.body.messages as { msg: string }[]).map((m) => m.msg)).toContain(TYPED);
    const ev = await env.t.services.db
      .selectFrom('events')
      .select('body')
      .where('rid', '=', rid)
      .where('type', '=', 'Message')
      .executeTakeFirstOrThrow();
    expect((JSON.parse(ev.body) as { messages: { msg: string }[] }).messages[0]!.msg).toBe(TYPED);
    expect(await w.locator('[class*="message-text"] b').count()).toBe(0);

    const noted = await call(env.t, {
      method: 'POST',
      url: '/api/v1/livechat/room.note',
      as: alice,
      payload: { rid, msg: 'secret staff note' },
    });
    expect(noted.status).toBe(200);
    await call(env.t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: alice,
      payload: { message: { rid, msg: 'Reply after the note' } },
    });
    await w.getByText('Reply after the note').waitFor();
    expect(await w.getByText('secret staff note').count()).toBe(0);
    await page.reload();
    await w.locator('[class*="screen__chat-button"]').click();
    await w.getByText('Reply after the note').waitFor();
    expect(await w.getByText('secret staff note').count()).toBe(0);
    // from history after the reload: still literal text, no <b> element made of what was typed
    await w.getByText(/Tom & Jerry <b>x<\/b>/).waitFor();
    expect(await w.locator('[class*="message-text"] b').count()).toBe(0);
    await page.close();
  });
});
