/**
 * In a real browser: a visitor starts a chat in the embedded widget, an agent takes it from the
 * queue, they exchange messages live both ways, the agent forwards it to another agent, who
 * closes it with a comment and tags. Then, with nobody available, the widget shows the offline form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { setSetting } from '../helpers/livechat.ts';

const skip = browserMissing();

describe.skipIf(skip)('livechat in the browser', () => {
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

  it('visitor chats with an agent who takes, forwards and closes', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const alice = await createStaff(t, 'alice', ['livechat-agent']);
    const bob = await createStaff(t, 'bob', ['livechat-agent']);
    await call(t, { method: 'POST', url: '/api/v1/livechat/agent.status', as: bob, payload: { status: 'available' } });

    // The agent logs in and becomes available in the UI.
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentCtx.newPage();
    await uiLogin(agent, base, 'alice', 'alice-pass-123');
    await agent.getByRole('heading', { name: 'Current Chats' }).waitFor();
    await agent.getByRole('switch').check();
    await expect.poll(async () => (await t.services.users.get(alice.userId))?.statusLivechat).toBe('available');

    // The visitor opens the demo page (widget embedded by one script tag) at phone width.
    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Maria Lopez');
    await widget.getByLabel('Email', { exact: true }).fill('maria@example.com');
    await shot(visitor, 'widget-register');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByLabel('Type your message').fill('Hello, I need help with my order');
    await widget.getByLabel('Type your message').press('Enter');
    await widget.getByRole('list', { name: 'Messages' }).getByText('Hello, I need help with my order').waitFor();
    // by then the composer is empty: the text shows once, in the list
    expect(await widget.getByLabel('Type your message').inputValue()).toBe('');
    await widget.getByText('Waiting for an agent…').waitFor();

    // The inquiry appears live in the agent's queue; the agent takes it.
    await agent.getByRole('button', { name: 'Take chat with Maria Lopez' }).click();
    await agent.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    await agent.getByText('Hello, I need help with my order').waitFor();
    await agent.getByText('maria@example.com').waitFor();
    await widget.getByText('Chatting with alice').waitFor();

    // Messages both ways, live.
    await agent.getByLabel('Message', { exact: true }).fill('Hi Maria! Let me check that for you.');
    await agent.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Hi Maria! Let me check that for you.').waitFor();
    await widget.getByLabel('Type your message').fill('Thanks, it is order 4711');
    await widget.getByRole('button', { name: 'Send' }).click();
    await agent.getByText('Thanks, it is order 4711').waitFor();
    await shot(visitor, 'widget-chat');
    await shot(agent, 'agent-chat');

    // Forward to bob.
    const rid = (
      await t.services.db
        .selectFrom('rooms')
        .select('_id')
        .where('served_by_id', '=', alice.userId)
        .executeTakeFirstOrThrow()
    )._id;
    await agent.getByLabel('Forward to').selectOption({ label: 'bob (available)' });
    await agent.getByLabel('Forward comment').fill('Bob handles orders');
    await agent.getByRole('button', { name: 'Forward', exact: true }).click();
    await agent.getByText('Forwarded to bob.').waitFor();
    await expect
      .poll(
        async () =>
          (
            await t.services.db
              .selectFrom('rooms')
              .select('served_by_username')
              .where('_id', '=', rid)
              .executeTakeFirst()
          )?.served_by_username,
      )
      .toBe('bob');
    await widget.getByText('Chatting with bob').waitFor();

    // Bob finds it in his open chats and closes it with a comment and tags.
    const bobCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const bobPage = await bobCtx.newPage();
    await uiLogin(bobPage, base, 'bob', 'bob-pass-123');
    await shot(bobPage, 'agent-current-chats');
    await bobPage.getByRole('link', { name: 'Maria Lopez' }).click();
    await bobPage.getByText('alice forwarded the chat to bob: Bob handles orders').waitFor();
    // tags come from the managed list (issue 13)
    for (const name of ['orders', 'resolved'])
      await call(t, { method: 'POST', url: '/api/v1/livechat/tags.save', as: t.admin, payload: { tagData: { name } } });
    await bobPage.reload();
    await bobPage.getByLabel('Closing comment').fill('Order found and rescheduled');
    await bobPage.getByRole('button', { name: /^Tags/ }).click();
    await bobPage.getByRole('checkbox', { name: 'orders' }).check();
    await bobPage.getByRole('checkbox', { name: 'resolved' }).check();
    await bobPage.keyboard.press('Escape');
    await bobPage.getByRole('button', { name: 'Close chat' }).click();
    await bobPage.getByText('This conversation is closed.').waitFor();
    await widget.getByText('The chat was closed').waitFor(); // the comment is for colleagues (issue 13)
    const closed = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${rid}`, as: bob });
    expect(closed.body.room).toMatchObject({ open: false, tags: ['orders', 'resolved'] });
    await agentCtx.close();
    await bobCtx.close();
    await visitorCtx.close();
  });

  it('shows the offline form when no agent is available', { timeout: 60_000 }, async () => {
    const { t, base } = server;
    await t.services.db.updateTable('users').set({ status_livechat: 'not-available' }).execute();
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/widget`);
    const widget = page.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Night Owl');
    await widget.getByLabel('Email', { exact: true }).fill('owl@example.com');
    await widget.getByLabel('Message', { exact: true }).fill('Please call me back tomorrow');
    await shot(page, 'widget-offline');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByRole('status').waitFor();
    const ev = await t.services.db
      .selectFrom('events')
      .select('body')
      .where('type', '=', 'LivechatOfflineMessage')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(ev.body)).toMatchObject({
      visitor: { name: 'Night Owl', email: 'owl@example.com' },
      message: 'Please call me back tomorrow',
    });
    await ctx.close();
  });
});
