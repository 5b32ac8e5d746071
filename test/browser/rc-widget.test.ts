/**
 * The unmodified Rocket.Chat Livechat widget 1.13.3 against Omnihook, in Chromium, embedded by the
 * documented snippet (docs/rocketchat-widget.md, 'Embedding') on a page of another origin: offline form to a CRM webhook; then register, chat
 * live both ways, agent typing, a reload, a forward and the agent closing the chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/app.ts';
import { availableAgent, setSetting } from '../helpers/livechat.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { chromiumMissing, openWidget, shot, startWidgetEnv, widget } from './rc-widget-helpers.ts';
import type { WidgetEnv } from './rc-widget-helpers.ts';

const skip = chromiumMissing();

describe.skipIf(skip)('Rocket.Chat widget in Chromium', () => {
  let env: WidgetEnv;
  let rx: Receiver;
  beforeAll(async () => {
    env = await startWidgetEnv();
    rx = await startReceiver();
    await setSetting(env.t, 'Livechat_webhookUrl', `${rx.url}/crm`);
    await setSetting(env.t, 'Livechat_webhook_on_offline_msg', true);
    await setSetting(env.t, 'Livechat_webhook_on_visitor_message', true);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await rx?.close();
  });

  it('serves the widget to a page of another origin; with no agent online the offline form reaches the CRM', async () => {
    const page = await env.browser.newPage();
    const w = await openWidget(page, env.hostUrl);
    await w.locator('textarea[name="message"]').waitFor();
    await shot(page, '01-offline-form');
    await w.locator('input[name="name"]').fill('Olga Offline');
    await w.locator('input[name="email"]').fill('olga@example.com');
    await w.locator('textarea[name="message"]').fill('Call me back, please');
    await w.locator('button[type="submit"]').click();
    const [req] = await rx.waitFor(1, 15_000);
    const body = JSON.parse(req!.body) as Record<string, unknown>;
    expect(body.type).toBe('LivechatOfflineMessage');
    expect(body.message).toBe('Call me back, please');
    expect(body.visitor).toEqual({ name: 'Olga Offline', email: 'olga@example.com' });
    await shot(page, '02-offline-sent');
    await page.close();
  });

  let attempts = 0;
  // Seen once to stall under a full CI load (30 s, step unknown; never alone or under a heavy
  // partial load): a longer budget and one retry while the cause is looked for (session note).
  it(
    'chats live with an agent: register, messages both ways, typing, an upload, reload, forward, close',
    { timeout: 90_000, retry: 1 },
    async () => {
      // a retry runs with agents of its own (the first attempt's users and room still exist)
      const suffix = attempts++ === 0 ? '' : `${attempts}`;
      const alice = await availableAgent(env.t, `alice${suffix}`);
      const page = await env.browser.newPage();
      const w = await openWidget(page, env.hostUrl);
      await w.locator('input[name="name"]').fill('Vera Visitor');
      await w.locator('input[name="email"]').fill('vera@example.com');
      await w.locator('button[type="submit"]').click();
      const composer = w.locator('[class*="composer__input"]');
      await composer.click();
      await page.keyboard.type('Hello from the widget');
      await page.keyboard.press('Enter');
      await w.getByText('Hello from the widget').waitFor();
      await w.getByText('alice').first().waitFor(); // header: the agent routing assigned

      const rooms = await call(env.t, { method: 'GET', url: '/api/v1/livechat/rooms?open=true', as: env.t.admin });
      const rid = (rooms.body.rooms as { _id: string; servedBy?: { _id: string } }[]).find(
        (r) => r.servedBy?._id === alice.userId,
      )!._id;
      await call(env.t, { method: 'POST', url: '/api/v1/livechat/typing', as: alice, payload: { rid, typing: true } });
      await w.locator('div[class^="typing-dots__"]').waitFor();
      await shot(page, '03-agent-typing');
      const sent = await call(env.t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: alice,
        payload: { message: { rid, msg: 'Hi Vera, how can I help?' } },
      });
      expect(sent.status).toBe(200);
      await call(env.t, { method: 'POST', url: '/api/v1/livechat/typing', as: alice, payload: { rid, typing: false } });
      await w.getByText('Hi Vera, how can I help?').waitFor();
      await w.locator('div[class^="typing-dots__"]').waitFor({ state: 'detached' });
      await shot(page, '04-agent-reply');

      // an upload: stored, and the file message comes back over the stream as an image
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      await w
        .locator('input[type="file"]')
        .first()
        .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
      const img = w.locator('img[src*="/file-upload/"]');
      await img.waitFor({ state: 'attached' });
      // the browser fetched it with the widget's cookies (rc_rid/rc_token): the image actually loaded
      await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);

      await page.reload();
      await widget(page).locator('[class*="screen__chat-button"]').click();
      await w.getByText('Hello from the widget').waitFor();
      await w.getByText('Hi Vera, how can I help?').waitFor();
      await shot(page, '05-after-reload');

      const bob = await availableAgent(env.t, `bob${suffix}`);
      const fwd = await call(env.t, {
        method: 'POST',
        url: '/api/v1/livechat/room.forward',
        as: alice,
        payload: { roomId: rid, userId: bob.userId },
      });
      expect(fwd.status).toBe(200);
      await w.locator('header').getByText('bob').waitFor();
      await shot(page, '06-forwarded');
      await call(env.t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: bob,
        payload: { message: { rid, msg: 'Bob here, taking over' } },
      });
      await w.getByText('Bob here, taking over').waitFor();

      const closed = await call(env.t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: bob,
        payload: { rid },
      });
      expect(closed.status).toBe(200);
      await w.locator('[class*="chat-finished"]').first().waitFor();
      await w.getByText('Thanks for talking with us').waitFor();
      await shot(page, '07-chat-finished');
      // the CRM saw the visitor's message too
      const messages = rx.requests
        .map((r) => JSON.parse(r.body) as { type: string })
        .filter((b) => b.type === 'Message');
      expect(messages.length).toBeGreaterThan(0);
      await page.close();
    },
  );
});
