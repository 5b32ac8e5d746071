/**
 * Issue 13 in Chromium: a manager opens a chat, the visitor panel shows the current page, the
 * previous chats and the CRM's answer; the phone is edited there; a closed chat's transcript is
 * opened from the panel and downloaded as plain text; an agent reads it too; at 360 px wide.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

const skip = browserMissing();
const TYPED = `Tom & Jerry <b>x</b> "q" it's 5 > 3`;

describe.skipIf(skip)('visitor panel, previous chats and transcripts (console)', () => {
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

  it('manager: panel, phone edit, previous chat transcript downloaded', { timeout: 120_000 }, async () => {
    const { t, base } = server;
    const alice = await availableAgent(t, 'alice');
    const visitor = await newVisitor(t, 'tok-hist-ui', { name: 'Hanna History', email: 'hanna@example.com' });
    const send = (rid: string, msg: string) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: { token: 'tok-hist-ui', rid, msg } });
    const first = (await openRoom(t, 'tok-hist-ui')).room._id;
    // as Rocket.Chat's widget sends it: HTML-escaped
    await send(first, 'Tom &amp; Jerry &lt;b&gt;x&lt;/b&gt; &quot;q&quot; it&#x27;s 5 &gt; 3');
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: alice,
      payload: { message: { rid: first, msg: 'Sorted, thanks!' } },
    });
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: alice, payload: { rid: first } });
    const second = (await openRoom(t, 'tok-hist-ui')).room._id;
    await send(second, 'Back again with another question');
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/page.visited',
      payload: {
        token: 'tok-hist-ui',
        rid: second,
        pageInfo: { change: 'url', title: 'Checkout', location: { href: 'https://shop.test/checkout' } },
      },
    });
    await t.services.db
      .updateTable('rooms')
      .set({ crm_data: JSON.stringify({ crmId: 'LEAD-42', stage: 'qualified' }) })
      .where('_id', '=', second)
      .execute();
    await createStaff(t, 'maria', ['livechat-manager']);

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await uiLogin(page, base, 'maria', 'maria-pass-123');
    await page.goto(`${base}/omnichannel/chats/${second}`);
    const panel = page.getByRole('complementary', { name: 'Visitor' });
    await page.getByText('Back again with another question').waitFor();
    await panel.getByTestId('current-page').getByRole('link', { name: 'Checkout' }).waitFor();
    expect(await panel.getByTestId('current-page').getByRole('link').getAttribute('href')).toBe(
      'https://shop.test/checkout',
    );
    await panel.getByLabel('CRM answer').getByText('LEAD-42').waitFor();
    const previous = panel.getByRole('list', { name: 'Previous chats' });
    await previous.getByText('alice').waitFor();
    expect(await previous.getByRole('listitem').count()).toBe(1);
    expect(await panel.getByRole('link', { name: 'Webhook deliveries of this chat' }).getAttribute('href')).toBe(
      `/omnichannel/deliveries?roomId=${second}`,
    );

    // the phone (lead capture's match) is edited here, through livechat/room.saveInfo
    await panel.getByRole('button', { name: 'Edit contact' }).click();
    await panel.getByLabel('Phone').fill('+1 555 0100');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('+1 555 0100').waitFor();
    const info = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/visitors.info?visitorId=${visitor._id}`,
      as: t.admin,
    });
    expect(info.body.visitor).toMatchObject({ phone: [{ phoneNumber: '+1 555 0100' }], name: 'Hanna History' });
    await shot(page, 'visitor-panel');

    // the previous (closed) chat's transcript, then its download as text
    await previous.getByRole('link').click();
    const transcript = page.getByRole('list', { name: 'Transcript' });
    await transcript.getByText(TYPED, { exact: true }).waitFor();
    await transcript.getByText('The chat was closed').waitFor();
    await shot(page, 'transcript');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download .txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`transcript-${first}.txt`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`Hanna History: ${TYPED}`);
    expect(text).toContain('alice: Sorted, thanks!');

    // at 360 px the panel stacks under the chat and stays usable
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const small = await phone.newPage();
    await uiLogin(small, base, 'alice', 'alice-pass-123');
    await small.goto(`${base}/omnichannel/chats/${second}`);
    const smallPanel = small.getByRole('complementary', { name: 'Visitor' });
    await smallPanel.getByRole('list', { name: 'Previous chats' }).getByText('alice').waitFor();
    await smallPanel.getByRole('button', { name: 'Download HTML' }).scrollIntoViewIfNeeded();
    await shot(small, 'visitor-panel-360');
    // the agent serving the visitor now opens the earlier chat's transcript too
    await smallPanel.getByRole('list', { name: 'Previous chats' }).getByRole('link').click();
    await small.getByRole('list', { name: 'Transcript' }).getByText('Sorted, thanks!').waitFor();
    await shot(small, 'transcript-360');
    await phone.close();
    await ctx.close();
  });
});
