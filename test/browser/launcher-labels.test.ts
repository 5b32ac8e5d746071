/**
 * Issue 15, in Chromium at 360 px with a German browser, Omnihook's widget embedded on a shop's
 * page (another origin):
 * - the launcher on the shop's page speaks the visitor's language once the frame has loaded (the
 *   frame posts its labels; English before), for its open/close label, the unread count and the
 *   preview;
 * - the widget's dialogs (End chat's confirmation, the transcript dialog) keep Tab and Shift+Tab
 *   inside while open, close on Escape and give the focus back to the options button.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page, Route } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call } from '../helpers/app.ts';
import { availableAgent, setSetting } from '../helpers/livechat.ts';

const skip = browserMissing();

/** The focused control of the frame, by its accessible words (aria-label, else its label or text). */
function focused(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(body)';
    const id = el.getAttribute('id');
    const label = id ? document.querySelector(`label[for="${id}"]`)?.textContent : el.closest('label')?.textContent;
    return (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim();
  });
}

describe.skipIf(skip)('launcher labels and widget dialogs (German browser)', () => {
  let server: UiServer;
  let browser: Browser;
  let host: Server;
  let hostUrl: string;
  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    const page = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Laden</title></head>
<body><h1>Laden</h1><script src="${server.base}/widget/embed.js" async></script></body></html>`;
    host = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
    hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (host ? host.close(() => r()) : r()));
    await server?.close();
  });

  it('the launcher reads German once the frame loaded; dialogs trap Tab', { timeout: 180_000 }, async () => {
    const { t } = server;
    await setSetting(t, 'Livechat_enable_transcript', true);
    const agent = await availableAgent(t, 'lina');
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
    const visitor: Page = await ctx.newPage();
    const errors: string[] = [];
    visitor.on('pageerror', (e) => errors.push(e.message));
    visitor.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    // Hold the frame back: until it loads, the launcher has only its English words.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    await ctx.route('**/widget/frame*', async (route: Route) => {
      await held;
      await route.continue();
    });
    await visitor.goto(hostUrl, { waitUntil: 'domcontentloaded' }); // "load" would wait for the held frame
    const launcher = visitor.locator('#omnihook-widget .launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-label')).toBe('Open chat');
    release();
    await expect.poll(() => launcher.getAttribute('aria-label'), { timeout: 30_000 }).toBe('Chat öffnen');
    await visitor.getByRole('button', { name: 'Chat öffnen' }).waitFor();
    await shot(visitor, 'widget-launcher-de-360');

    // Open, register, chat with the agent.
    await launcher.click();
    expect(await launcher.getAttribute('aria-label')).toBe('Chat schließen');
    const widget = visitor.frameLocator('#omnihook-widget iframe');
    await widget.getByLabel('Name', { exact: true }).fill('Greta Gast');
    await widget.getByLabel('E-Mail', { exact: true }).fill('greta@example.com');
    await widget.getByRole('button', { name: 'Chat beginnen' }).click();
    const composer = widget.getByLabel('Nachricht eingeben');
    await composer.fill('Hallo, eine Frage zur Lieferung');
    await composer.press('Enter');
    await widget.getByText('Chat mit lina').waitFor({ timeout: 30_000 });
    const rid = (await t.services.db.selectFrom('rooms').select('_id').where('open', '=', 1).executeTakeFirstOrThrow())
      ._id;

    // Minimised, an agent's message: the count and the preview in German.
    await widget.getByRole('button', { name: 'Chat minimieren' }).click();
    await expect.poll(() => launcher.getAttribute('aria-label')).toBe('Chat öffnen');
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg: 'Gern, worum geht es?' } },
    });
    await expect
      .poll(() => launcher.getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('Chat öffnen, 1 ungelesene Nachricht');
    const preview = visitor.locator('#omnihook-widget .preview');
    await preview.getByText('Gern, worum geht es?').waitFor();
    expect(await preview.getAttribute('aria-label')).toBe('Neue Nachricht von lina: Gern, worum geht es?');
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg: 'Ich bin noch da.' } },
    });
    await expect
      .poll(() => launcher.getAttribute('aria-label'), { timeout: 30_000 })
      .toBe('Chat öffnen, 2 ungelesene Nachrichten');
    await shot(visitor, 'widget-launcher-unread-de-360');

    // --- Dialogs, by keyboard only ---
    await launcher.click();
    const frame = visitor.frames().find((f) => f.url().includes('/widget/frame'))!;
    const options = widget.getByRole('button', { name: 'Chat-Optionen' });
    await options.focus();
    await visitor.keyboard.press('Enter');
    await widget.getByRole('menuitem', { name: 'Chat beenden' }).waitFor();
    await visitor.keyboard.press('ArrowDown'); // the transcript item first, then End chat
    expect(await focused(frame)).toBe('Chat beenden');
    await visitor.keyboard.press('Enter');
    const confirm = widget.getByRole('dialog', { name: 'Diesen Chat beenden?' });
    await confirm.waitFor();
    // focus inside; Tab goes round its three controls and never reaches the chat behind
    expect(await focused(frame)).toBe('Verlauf per E-Mail an mich');
    const round: string[] = [];
    for (let i = 0; i < 4; i++) {
      await visitor.keyboard.press('Tab');
      round.push(await focused(frame));
    }
    expect(round).toEqual(['Abbrechen', 'Chat beenden', 'Verlauf per E-Mail an mich', 'Abbrechen']);
    await visitor.keyboard.press('Shift+Tab');
    await visitor.keyboard.press('Shift+Tab');
    expect(await focused(frame)).toBe('Chat beenden'); // from the first control back to the last
    // the checkbox adds the email field to the round
    await visitor.keyboard.press('Tab');
    await visitor.keyboard.press('Space');
    await confirm.getByLabel('E-Mail-Adresse').waitFor();
    await visitor.keyboard.press('Shift+Tab');
    expect(await focused(frame)).toBe('Chat beenden');
    await visitor.keyboard.press('Tab');
    await visitor.keyboard.press('Tab');
    await visitor.keyboard.press('Tab');
    expect(await focused(frame)).toBe('Abbrechen');
    // a click on the backdrop leaves the focus in the dialog
    await widget
      .locator('[role="dialog"]')
      .locator('..')
      .click({ position: { x: 5, y: 5 } });
    await visitor.keyboard.press('Tab');
    expect(['Verlauf per E-Mail an mich', 'E-Mail-Adresse', 'Abbrechen', 'Chat beenden']).toContain(
      await focused(frame),
    );
    await shot(visitor, 'widget-end-chat-dialog-de-360');
    await visitor.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await focused(frame)).toBe('Chat-Optionen'); // back to the opener
    expect(await t.services.db.selectFrom('rooms').select('open').where('_id', '=', rid).executeTakeFirst()).toEqual({
      open: 1,
    });

    // The transcript dialog: the same trap, Escape back to the options button.
    await visitor.keyboard.press('Enter');
    await widget.getByRole('menuitem', { name: 'Verlauf per E-Mail an mich' }).waitFor();
    expect(await focused(frame)).toBe('Verlauf per E-Mail an mich');
    await visitor.keyboard.press('Enter');
    const ask = widget.getByRole('dialog', { name: 'Verlauf per E-Mail erhalten' });
    await ask.waitFor();
    expect(await focused(frame)).toBe('E-Mail-Adresse');
    const round2: string[] = [];
    for (let i = 0; i < 3; i++) {
      await visitor.keyboard.press('Tab');
      round2.push(await focused(frame));
    }
    expect(round2).toEqual(['Verlauf senden', 'Schließen', 'E-Mail-Adresse']);
    await visitor.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await focused(frame)).toBe('Chat-Optionen');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
