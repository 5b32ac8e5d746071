/**
 * Issue 15, the end of a chat from the visitor's side, in Chromium at 360 px with a German
 * browser, so the widget speaks German (the agent's console is English): the visitor waits and sees
 * their place in the queue, then the agent who takes the chat; asks for the transcript during the
 * chat, then ends it after a confirmation that asks for it again; both arrive at a local SMTP
 * server; rates the chat. The header
 * stops claiming a conversation once it ended. Focus: the composer after registering, and when a
 * returning visitor opens the widget from the launcher; the agent's composer after Take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call } from '../helpers/app.ts';
import { availableAgent, setSetting } from '../helpers/livechat.ts';
import { startSmtp, useSmtp } from '../helpers/smtp.ts';
import type { LocalSmtp } from '../helpers/smtp.ts';

const skip = browserMissing();

/** True when the element has the focus in its own document (the widget's frame, or the console). */
function hasFocus(el: unknown): boolean {
  const e = el as { ownerDocument: { activeElement: unknown } };
  return e.ownerDocument.activeElement === e;
}

describe.skipIf(skip)('visitor ends the chat (Omnihook widget)', () => {
  let server: UiServer;
  let browser: Browser;
  let smtp: LocalSmtp;
  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    smtp = await startSmtp();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('queue position, agent, end with transcript, rating, header after close', { timeout: 180_000 }, async () => {
    const { t, base } = server;
    await useSmtp(t, smtp);
    await setSetting(t, 'Livechat_enable_transcript', true);
    // Manual routing: the chat waits in the queue although an agent is online.
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const agent = await availableAgent(t, 'tess');

    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
    const visitor = await ctx.newPage();
    const pageErrors: string[] = [];
    visitor.on('pageerror', (e) => pageErrors.push(e.message));
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Vera Visitor');
    await widget.getByLabel('E-Mail', { exact: true }).fill('vera@example.com');
    await widget.getByRole('button', { name: 'Chat beginnen' }).click();
    const composer = widget.getByLabel('Nachricht eingeben');
    await composer.waitFor();
    // Focus lands in the composer once it appears: the visitor types straight away.
    await expect.poll(() => composer.evaluate(hasFocus), { timeout: 15_000 }).toBe(true);
    await composer.fill('Where is my parcel?');
    await composer.press('Enter');

    const status = widget.getByTestId('queue-status');
    await status.getByText('Ihr Platz in der Warteschlange: 1').waitFor();
    await widget.getByTestId('widget-status').getByText('Warten auf einen Agenten …').waitFor();
    await shot(visitor, 'widget-queue-position-360');

    const rid = (await t.services.db.selectFrom('rooms').select('_id').where('open', '=', 1).executeTakeFirstOrThrow())
      ._id;
    // The agent takes the chat in the console; focus lands in their composer to answer.
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const console_ = await agentCtx.newPage();
    await uiLogin(console_, base, 'tess', 'tess-pass-123');
    await console_.goto(`${base}/omnichannel/current`);
    await console_.getByRole('button', { name: 'Take chat with Vera Visitor' }).click();
    await console_.waitForURL(`**/omnichannel/chats/${rid}`);
    const agentComposer = console_.locator('#agent-message');
    await expect.poll(() => agentComposer.evaluate(hasFocus), { timeout: 15_000 }).toBe(true);
    await widget.getByText('Chat mit tess').waitFor();
    await status.waitFor({ state: 'detached' });
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg: 'It left our depot this morning.' } },
    });
    await widget.getByText('It left our depot this morning.').waitFor();

    // On request during the chat: the options menu sends the transcript so far.
    await widget.getByRole('button', { name: 'Chat-Optionen' }).click();
    await widget.getByRole('menuitem', { name: 'Verlauf per E-Mail an mich' }).waitFor();
    await shot(visitor, 'widget-chat-options-360');
    await widget.getByRole('menuitem', { name: 'Verlauf per E-Mail an mich' }).click();
    const ask = widget.getByRole('dialog', { name: 'Verlauf per E-Mail erhalten' });
    await ask.getByRole('button', { name: 'Verlauf senden' }).click();
    await ask.getByText('Der Verlauf ist auf dem Weg zu vera@example.com.').waitFor();
    await expect.poll(() => smtp.inbox.length, { timeout: 30_000 }).toBe(1);
    await ask.getByRole('button', { name: 'Schließen' }).click();
    await ask.waitFor({ state: 'detached' });

    // End the chat: the options menu, then a confirmation that can also ask for the transcript.
    await widget.getByRole('button', { name: 'Chat-Optionen' }).click();
    await widget.getByRole('menuitem', { name: 'Chat beenden' }).click();
    const confirm = widget.getByRole('dialog', { name: 'Diesen Chat beenden?' });
    await confirm.waitFor();
    await confirm.getByLabel('Verlauf per E-Mail an mich').check();
    expect(await confirm.getByLabel('E-Mail-Adresse').inputValue()).toBe('vera@example.com');
    await shot(visitor, 'widget-end-chat-confirm-360');
    await confirm.getByRole('button', { name: 'Chat beenden' }).click();
    await confirm.waitFor({ state: 'detached' });

    // After the close: no "Chatting with", the survey, and the transcript in the mailbox.
    await widget.getByTestId('widget-status').getByText('Chat beendet').waitFor();
    expect(await widget.getByText('Chat mit tess').count()).toBe(0);
    const room = await t.services.db
      .selectFrom('rooms')
      .select(['open', 'closer'])
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(room).toEqual({ open: 0, closer: 'visitor' });
    await expect.poll(() => smtp.inbox.length, { timeout: 30_000 }).toBe(2);
    const mail = smtp.inbox[1]!;
    expect(mail.to).toEqual(['vera@example.com']);
    expect(mail.data).toContain('Where is my parcel?');
    expect(mail.data).toContain('It left our depot this morning.');

    const form = widget.getByRole('form', { name: 'Diesen Chat bewerten' });
    await form.waitFor();
    await form.getByLabel('4 – Zufrieden').check({ force: true });
    await shot(visitor, 'widget-chat-ended-360');
    await form.getByRole('button', { name: 'Bewertung senden' }).click();
    await widget.getByText('Vielen Dank für Ihr Feedback.').waitFor();
    const stored = await t.services.db
      .selectFrom('rooms')
      .select('survey_feedback')
      .where('_id', '=', rid)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.survey_feedback ?? 'null')).toEqual({ satisfaction: '4' });
    // After the chat the transcript is on offer, here already sent with the close.
    await widget
      .getByTestId('transcript-after')
      .getByText('Der Verlauf ist auf dem Weg zu vera@example.com.')
      .waitFor();
    expect(pageErrors).toEqual([]);

    // A returning visitor opens the widget from the launcher: focus goes into the composer.
    const page = await ctx.newPage();
    await page.goto(`${base}/widget`);
    // The demo page opens the widget at once; embed it again the way a shop does, closed.
    await page.evaluate(
      `document.querySelector('#omnihook-widget').remove(); window.__omnihookWidget = false;
       const s = document.createElement('script'); s.src = ${JSON.stringify(`${base}/widget/embed.js`)};
       document.body.appendChild(s);`,
    );
    const frame = page.frameLocator('iframe[title="Livechat"]');
    const again = frame.getByLabel('Nachricht eingeben');
    await again.waitFor({ state: 'attached' });
    await page.locator('#omnihook-widget').getByRole('button', { name: 'Chat öffnen' }).click();
    await again.waitFor();
    await expect.poll(() => again.evaluate(hasFocus), { timeout: 15_000 }).toBe(true);
    await Promise.all([ctx.close(), agentCtx.close()]);
  });
});
