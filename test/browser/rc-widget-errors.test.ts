/**
 * Issue 15: "the Rocket.Chat widget page logs no errors across a whole chat". The unmodified
 * Rocket.Chat widget 1.13.3, embedded by the documented snippet on a page of another origin, goes
 * through a whole chat (register, the visitor's message, the agent's reply, which plays the
 * notification sound, the visitor ending the chat from the widget's options, the finished screen
 * or survey, a new chat) and neither the page nor the widget's frame logs a console error, a
 * failed request, an HTTP error answer or a page error. Then, with manual routing, a queued
 * visitor's widget shows "Your spot is #2" (DDP queueData) and "#1" once the chat ahead ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call } from '../helpers/app.ts';
import { availableAgent, setSetting } from '../helpers/livechat.ts';
import { chromiumMissing, openWidget, shot, startWidgetEnv, watchRoomStreams } from './rc-widget-helpers.ts';
import type { WidgetEnv } from './rc-widget-helpers.ts';

const skip = chromiumMissing();

/** Everything the page and its frames report as going wrong, from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('requestfailed', (r) => {
    // A stream the widget closes itself (a reload, leaving) is aborted by the browser: not an error.
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.resourceType() !== 'document') return;
    errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

describe.skipIf(skip)('Rocket.Chat widget: no errors across a whole chat', () => {
  let env: WidgetEnv;
  beforeAll(async () => {
    env = await startWidgetEnv();
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('register, message, reply, the visitor ends the chat: the page logs nothing', { timeout: 120_000 }, async () => {
    const agent = await availableAgent(env.t, 'erin');
    const page = await env.browser.newPage({ viewport: { width: 360, height: 740 } });
    const errors = collectErrors(page);
    const streams = watchRoomStreams(page);
    const w = await openWidget(page, env.hostUrl);
    await w.locator('input[name="name"]').fill('Nora Noerror');
    await w.locator('input[name="email"]').fill('nora@example.com');
    await w.locator('button[type="submit"]').click();
    const composer = w.locator('[class*="composer__input"]');
    await composer.click();
    await page.keyboard.type('Hello, is anyone there?');
    await page.keyboard.press('Enter');
    await w.getByText('Hello, is anyone there?').waitFor();
    await w.getByText('erin').first().waitFor();

    const rid = (
      await env.t.services.db
        .selectFrom('rooms')
        .select('_id')
        .where('open', '=', 1)
        .where('served_by_id', '=', agent.userId)
        .executeTakeFirstOrThrow()
    )._id;
    await streams.subscribed(rid);
    const sent = await call(env.t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg: 'Yes, Erin here. How can I help?' } },
    });
    expect(sent.status).toBe(200);
    await w.getByText('Yes, Erin here. How can I help?').waitFor();
    await composer.click();
    await page.keyboard.type('All good, thanks!');
    await page.keyboard.press('Enter');
    await w.getByText('All good, thanks!').waitFor();

    // The visitor ends the chat from the widget's options menu ("Finish this chat"), and confirms.
    // (packages/livechat/src/routes/Chat/component.js: the footer's "Options" popover, then a confirmation)
    await w.locator('button[class*="footer__options"]').click();
    await w.getByText('Finish this chat').click();
    await w.getByRole('button', { name: 'Yes', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await env.t.services.db.selectFrom('rooms').select('open').where('_id', '=', rid).executeTakeFirst())?.open,
        { timeout: 30_000 },
      )
      .toBe(0);
    // Rocket.Chat's widget then shows its survey (when it has one to show) or the finished screen.
    await w.locator('[class*="chat-finished"], [class*="survey"], form').first().waitFor({ timeout: 30_000 });
    await shot(page, '08-visitor-finished');
    // ... and a new chat from there (the widget's own "New Chat" button) starts a fresh room.
    await w.getByRole('button', { name: 'New Chat' }).click();
    await w.locator('[class*="composer__input"]').click();
    await page.keyboard.type('One more question');
    await page.keyboard.press('Enter');
    await w.getByText('One more question').waitFor();
    await expect
      .poll(
        async () =>
          (
            await env.t.services.db
              .selectFrom('rooms')
              .select('_id')
              .where('open', '=', 1)
              .where('_id', '!=', rid)
              .execute()
          ).length,
        { timeout: 30_000 },
      )
      .toBe(1);
    // the widget's streams keep running a moment after the close: give late errors a chance to show
    await w.getByText('Hello, is anyone there?').count();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    expect(errors).toEqual([]);
    await page.close();
  });

  it(
    'a queued visitor sees their spot over DDP, and moves up when the chat ahead ends',
    { timeout: 120_000 },
    async () => {
      await setSetting(env.t, 'Livechat_Routing_Method', 'Manual_Selection');
      try {
        await availableAgent(env.t, 'quinn'); // someone online, but nobody is given the chats
        const visit = async (name: string, text: string) => {
          const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
          const page = await ctx.newPage();
          const errors = collectErrors(page);
          const w = await openWidget(page, env.hostUrl);
          await w.locator('input[name="name"]').fill(name);
          await w.locator('input[name="email"]').fill(`${name.toLowerCase().replace(/\W/g, '')}@example.com`);
          await w.locator('button[type="submit"]').click();
          await w.locator('[class*="composer__input"]').click();
          await page.keyboard.type(text);
          await page.keyboard.press('Enter');
          await w.getByText(text).waitFor();
          return { ctx, page, w, errors };
        };
        const first = await visit('Ada First', 'I was here first');
        await first.w.getByText('Your spot is #1').waitFor({ timeout: 30_000 });
        const second = await visit('Ben Second', 'Me too');
        await second.w.getByText('Your spot is #2').waitFor({ timeout: 30_000 });
        await shot(second.page, '09-queue-spot');
        const ahead = (
          await env.t.services.db
            .selectFrom('rooms')
            .select('_id')
            .where('open', '=', 1)
            .where('fname', '=', 'Ada First')
            .executeTakeFirstOrThrow()
        )._id;
        // The visitor ahead leaves; Rocket.Chat's widget behind hears its new spot at once.
        const left = await call(env.t, {
          method: 'POST',
          url: '/api/v1/livechat/room.closeByUser',
          as: env.t.admin,
          payload: { rid: ahead },
        });
        expect(left.status).toBe(200);
        await second.w.getByText('Your spot is #1').waitFor({ timeout: 30_000 });
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
        await Promise.all([first.ctx.close(), second.ctx.close()]);
      } finally {
        await setSetting(env.t, 'Livechat_Routing_Method', 'Auto_Selection');
      }
    },
  );
});
