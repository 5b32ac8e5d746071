/**
 * Issue 15, the satisfaction survey, in Chromium at 360 px: once the agent closes the chat,
 * Omnihook's widget asks for a 1-5 rating and a comment (livechat/room.survey); a manager then
 * sees the answers in the chat's visitor panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { availableAgent } from '../helpers/livechat.ts';

const skip = browserMissing();

describe.skipIf(skip)('satisfaction survey (Omnihook widget + console)', () => {
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

  it('a visitor rates 5 after the close; the manager sees it in the panel', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    const agent = await availableAgent(t, 'sara');
    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const visitor = await visitorCtx.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Rita Rater');
    await widget.getByLabel('Email', { exact: true }).fill('rita@example.com');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByLabel('Type your message').fill('Where is my parcel?');
    await widget.getByLabel('Type your message').press('Enter');
    await widget.getByText('Chatting with sara').waitFor();
    // no survey while the chat is open
    expect(await widget.getByRole('form', { name: 'Rate this chat' }).count()).toBe(0);

    const rid = (await t.services.db.selectFrom('rooms').select('_id').where('open', '=', 1).executeTakeFirstOrThrow())
      ._id;
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: agent, payload: { rid } });
    const form = widget.getByRole('form', { name: 'Rate this chat' });
    await form.waitFor();
    const send = form.getByRole('button', { name: 'Send rating' });
    expect(await send.isDisabled()).toBe(true); // nothing to send before a rating is chosen
    await form.getByLabel('5 – Very satisfied').check({ force: true });
    await form.getByText('Very satisfied', { exact: true }).waitFor();
    await form.getByLabel('Comment (optional)').fill('Sara found it in a minute, thanks!');
    await shot(visitor, 'widget-survey-360');
    await send.click();
    await widget.getByText('Thank you for your feedback.').waitFor();
    await shot(visitor, 'widget-survey-thanks-360');

    const stored = await t.services.db
      .selectFrom('rooms')
      .select('survey_feedback')
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.survey_feedback ?? 'null')).toEqual({
      satisfaction: '5',
      additionalFeedback: 'Sara found it in a minute, thanks!',
    });

    await createStaff(t, 'mia', ['livechat-manager']);
    const managerCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const manager = await managerCtx.newPage();
    await uiLogin(manager, base, 'mia', 'mia-pass-123');
    await manager.goto(`${base}/omnichannel/chats/${rid}`);
    const facts = manager.getByRole('region', { name: 'Survey' });
    await facts.getByLabel('Satisfaction 5 out of 5').waitFor();
    await facts.getByText('Sara found it in a minute, thanks!').waitFor();
    await facts.scrollIntoViewIfNeeded();
    await shot(manager, 'manager-survey-360');
    expect(pageErrors).toEqual([]);
    await Promise.all([visitorCtx.close(), managerCtx.close()]);
  });
});
