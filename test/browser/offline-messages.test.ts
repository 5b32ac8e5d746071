/**
 * Offline messages in Chromium: a visitor leaves one, a local smtp-server receives it, and a
 * manager finds it on the Offline messages page (emailed, with a mailto: reply) and marks it
 * handled. At desktop and phone width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { setSetting } from '../helpers/livechat.ts';

const skip = browserMissing();

describe.skipIf(skip)('offline messages in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let smtp: SMTPServer;
  const inbox: string[] = [];

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData: (stream, _session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push(Buffer.concat(chunks).toString('utf8'));
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const t = server.t;
    await setSetting(t, 'SMTP_Host', '127.0.0.1');
    await setSetting(t, 'SMTP_Port', (smtp.server.address() as { port: number }).port);
    await setSetting(t, 'Livechat_offline_email', 'support@omnihook.test');
    await createStaff(t, 'offmgr', ['livechat-manager']);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (smtp) await new Promise<void>((r) => smtp.close(() => r()));
  });

  for (const width of [1280, 360]) {
    it(
      `a manager sees an emailed offline message and marks it handled (${width} px)`,
      { timeout: 120_000 },
      async () => {
        const name = `Olga ${width}`;
        const r = await call(server.t, {
          method: 'POST',
          url: '/api/v1/livechat/offline.message',
          payload: { name, email: `olga${width}@example.com`, message: `Please call me back (${width})` },
        });
        expect(r.status).toBe(200);
        await server.t.services.offlineMessages.idle();
        expect(inbox.some((m) => m.includes(`Please call me back (${width})`))).toBe(true);

        const ctx = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 800 } });
        const page = await ctx.newPage();
        await uiLogin(page, server.base, 'offmgr', 'offmgr-pass-123');
        await page.getByRole('link', { name: 'Offline messages', exact: true }).click();
        await page.getByRole('heading', { name: 'Offline messages' }).waitFor();
        const row = page.locator('li[data-offline-message]', { hasText: name });
        await row.waitFor();
        expect(await row.innerText()).toContain(`Please call me back (${width})`);
        expect(await row.innerText()).toContain('Emailed');
        expect(await row.getByRole('link', { name: `Reply to ${name}` }).getAttribute('href')).toMatch(
          new RegExp(`^mailto:olga${width}%40example\\.com\\?`),
        );
        await shot(page, `offline-messages-${width}`);
        await row.getByRole('button', { name: `Mark message from ${name} handled` }).click();
        await row.waitFor({ state: 'detached' });
        await page.getByLabel('Show').selectOption('handled');
        const handled = page.locator('li[data-offline-message]', { hasText: name });
        await handled.waitFor();
        expect(await handled.innerText()).toContain('by offmgr');
        await ctx.close();
      },
    );
  }
});
