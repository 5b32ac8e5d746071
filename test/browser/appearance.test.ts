/// <reference lib="dom" />
/**
 * Issue 15, the widget's appearance, in Chromium: a manager sets the title, the header colour, the
 * registration fields and a message limit on the Appearance page and sees the preview follow;
 * Omnihook's widget (embedded with embed.js on another origin, at 360 px) and Rocket.Chat's widget
 * at /livechat then show them. The launcher takes the colour, counts an agent's message while
 * minimised and previews it; neither page logs an error, the notification sound included.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { availableAgent } from '../helpers/livechat.ts';
import { snippetPage } from './rc-widget-helpers.ts';

const skip = browserMissing();
const GREEN = 'rgb(10, 123, 69)'; // #0a7b45

/** Errors a page logs (console.error, uncaught exceptions), from every frame. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

describe.skipIf(skip)('appearance: the Appearance page, both widgets and the launcher', () => {
  let server: UiServer;
  let browser: Browser;
  let host: Server;
  let hostUrl: string;
  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    const rcPage = snippetPage(server.base).replace(/RocketChat\(function\(\) \{ this\.setTheme[^\n]*\n/, '');
    const omniPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Shop</h1><script src="${server.base}/widget/embed.js" async></script></body></html>`;
    host = createServer((req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(req.url === '/rc' ? rcPage : omniPage),
    );
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (host ? host.close(() => r()) : r()));
    await server?.close();
  });

  it(
    'the manager sets it in the UI; the preview, our widget, the launcher and Rocket.Chat widget follow',
    { timeout: 120_000 },
    async () => {
      const { t, base } = server;
      const nora = await createStaff(t, 'nora', ['livechat-manager']);
      // a public visitor field: shown at registration by both widgets
      const field = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/custom-fields.save',
        as: nora,
        payload: {
          customFieldId: null,
          customFieldData: {
            field: 'order',
            label: 'Order number',
            scope: 'visitor',
            visibility: 'visible',
            public: true,
          },
        },
      });
      expect(field.status).toBe(200);
      const managerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const manager = await managerCtx.newPage();
      const managerErrors = errorsOf(manager);
      await uiLogin(manager, base, 'nora', 'nora-pass-123');
      await manager.getByRole('navigation', { name: 'Omnichannel' }).getByRole('link', { name: 'Appearance' }).click();
      await manager.getByRole('heading', { name: 'Appearance' }).waitFor();

      const preview = manager.getByTestId('appearance-preview');
      await manager.getByLabel('Title', { exact: true }).fill('Acme Help');
      await manager.getByLabel('Header colour', { exact: true }).fill('#0a7b45');
      await preview.locator('.wheader h1', { hasText: 'Acme Help' }).waitFor(); // aria-hidden: no roles
      expect(await preview.locator('.wheader').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(GREEN);
      await manager.getByLabel('Limit the length of visitor messages').check();
      await manager.getByLabel('Character limit').fill('40');
      await manager.getByLabel('Name', { exact: true }).selectOption('optional');
      await manager.getByLabel('Email', { exact: true }).selectOption('off');
      await manager.getByLabel('Phone', { exact: true }).selectOption('required');
      await manager.getByLabel('Preview screen').selectOption('registration');
      await preview.getByText('Phone').waitFor();
      await preview.getByText('Order number').waitFor();
      await manager.getByRole('listitem').filter({ hasText: 'Order number' }).waitFor();
      expect(await preview.getByText('Email').count()).toBe(0);
      await shot(manager, 'manager-appearance');
      await manager.getByRole('button', { name: 'Save', exact: true }).click();
      await manager.getByText('Saved').waitFor();
      expect(t.services.settings.get('Livechat_title')).toBe('Acme Help');
      expect(t.services.settings.get('Livechat_email_field_registration_form')).toBe(false);

      // --- Omnihook's widget, embedded on a shop's page (another origin), at 360 px ---
      const agent = await availableAgent(t, 'omar');
      const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const visitor = await visitorCtx.newPage();
      const visitorErrors = errorsOf(visitor);
      await visitor.goto(`${hostUrl}/`);
      const launcher = visitor.locator('#omnihook-widget button.launcher');
      await launcher.waitFor();
      await expect
        .poll(() => launcher.evaluate((e) => getComputedStyle(e).backgroundColor), { timeout: 15_000 })
        .toBe(GREEN);
      expect(await launcher.locator('svg').count()).toBe(1); // an inline icon, not an emoji
      await launcher.click();
      const w = visitor.frameLocator('iframe[title="Livechat"]');
      await w.getByRole('heading', { name: 'Acme Help' }).waitFor();
      expect(await w.locator('.wheader').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(GREEN);
      // the registration form obeys its settings: name optional, no email, phone required
      await w.getByLabel(/^Phone/).waitFor();
      expect(await w.getByLabel(/^Email/).count()).toBe(0);
      expect(await w.getByLabel(/^Name/).getAttribute('required')).toBeNull();
      expect(await w.getByLabel(/^Phone/).getAttribute('required')).not.toBeNull();
      // opening moved the focus into the widget
      await expect
        .poll(() =>
          w
            .locator('input')
            .first()
            .evaluate((e) => e === document.activeElement),
        )
        .toBe(true);
      await w.getByLabel(/^Name/).fill('Pia Phone');
      await w.getByLabel(/^Phone/).fill('+49 30 1234567');
      await w.getByLabel(/^Order number/).fill('A-1001');
      await w.getByRole('button', { name: 'Start chat' }).click();
      const composer = w.getByLabel('Type your message');
      await composer.waitFor();
      expect(await composer.getAttribute('maxlength')).toBe('40');
      await composer.fill('Do you ship to Berlin?');
      await w.getByText('22/40').waitFor();
      await composer.press('Enter');
      await w.getByText('Chatting with omar').waitFor();
      await shot(visitor, 'widget-appearance-360');
      const stored = await t.services.db
        .selectFrom('visitors')
        .selectAll()
        .where('name', '=', 'Pia Phone')
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).toContain('1234567');
      expect(JSON.stringify(stored)).toContain('A-1001');

      // minimised, an agent's message: a badge with the count and a preview beside the launcher
      // at 360 px the open chat covers the page, launcher included: the header's button minimises it
      await w.getByRole('button', { name: 'Minimize chat' }).click();
      await visitor.locator('#omnihook-widget iframe').waitFor({ state: 'hidden' });
      // and the focus goes back to the launcher
      expect(await launcher.evaluate((e) => e === (e.getRootNode() as ShadowRoot).activeElement)).toBe(true);
      const rid = (
        await t.services.db.selectFrom('rooms').select('_id').where('open', '=', 1).executeTakeFirstOrThrow()
      )._id;
      const sent = await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: agent,
        payload: { message: { rid, msg: 'Yes, in two days!' } },
      });
      expect(sent.status).toBe(200);
      const badge = visitor.locator('#omnihook-widget .badge');
      await badge.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await badge.textContent()).toBe('1');
      expect(await launcher.getAttribute('aria-label')).toBe('Open chat, 1 unread message');
      await visitor.locator('#omnihook-widget .preview').getByText('Yes, in two days!').waitFor();
      await shot(visitor, 'widget-launcher-unread-360');
      await launcher.click();
      await w.getByText('Yes, in two days!').waitFor();
      expect(await badge.isHidden()).toBe(true);
      // the mute control: pressed, and still pressed after a reload (localStorage)
      await w.getByRole('button', { name: 'Turn notification sound off' }).click();
      expect(await w.getByRole('button', { name: 'Turn notification sound on' }).getAttribute('aria-pressed')).toBe(
        'true',
      );
      await visitor.reload();
      await launcher.click();
      await w.getByRole('button', { name: 'Turn notification sound on' }).waitFor();
      expect(visitorErrors).toEqual([]);

      // --- Rocket.Chat's widget at /livechat, unmodified: the same title and colour, and its sound ---
      const rcCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const rc = await rcCtx.newPage();
      const rcErrors = errorsOf(rc);
      await rc.goto(`${hostUrl}/rc`);
      const rw = rc.frameLocator('#rocketchat-iframe');
      await rw.locator('[class*="screen__chat-button"]').click({ timeout: 15_000 });
      const header = rw.locator('header').first();
      await header.getByText('Acme Help').waitFor();
      expect(await header.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(GREEN);
      // its registration form: Livechat_email_field_registration_form is off, so no email field
      await rw.locator('input[name="name"]').fill('Rolf Rocket');
      expect(await rw.locator('input[name="email"]').count()).toBe(0);
      await rw.locator('button[type="submit"]').click();
      await rw.locator('[class*="composer__input"]').click();
      await rc.keyboard.type('Hello from Rocket.Chat');
      await rc.keyboard.press('Enter');
      await rw.getByText('Hello from Rocket.Chat').waitFor();
      const rooms = await call(t, { method: 'GET', url: '/api/v1/livechat/rooms?open=true', as: t.admin });
      const rcRid = (rooms.body.rooms as { _id: string; fname?: string }[]).find((r) => r.fname === 'Rolf Rocket')!._id;
      await call(t, {
        method: 'POST',
        url: '/api/v1/chat.sendMessage',
        as: agent,
        payload: { message: { rid: rcRid, msg: 'Hi Rolf!' } },
      });
      await rw.getByText('Hi Rolf!').waitFor();
      // it played (a missing sound made play() fail with "The element has no supported sources")
      await expect
        .poll(() => rw.locator('audio').evaluate((a: HTMLAudioElement) => a.played.length), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0);
      // the widget's <audio> points at our sound, which the server serves
      const src = await rw.locator('audio').getAttribute('src');
      expect(src).toBe(`${base}/widget/notification.wav`);
      const wav = await fetch(src!);
      expect([wav.status, wav.headers.get('content-type')]).toEqual([200, 'audio/wav']);
      await shot(rc, 'rc-widget-appearance-360');
      expect(rcErrors).toEqual([]);
      expect(managerErrors).toEqual([]);
    },
  );
});
