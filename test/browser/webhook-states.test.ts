/**
 * Issue 17 in a real browser, at 1280 and 360 px: the webhook side says what needs attention. A
 * loopback or private URL is flagged before the save; a failing endpoint shows "N failed, needs
 * attention" (row and menu) and the link filters the log; a held delivery names the one it waits
 * for; a paused endpoint says why and offers "Resume now"; a chat's deliveries are listed and a
 * selection resent; and no manager page scrolls sideways at 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { startReceiver } from '../helpers/receiver.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { insertRoom, roomEvent } from '../helpers/deliveries.ts';

const skip = browserMissing();

describe.skipIf(skip)('webhook states in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let rx: Receiver;
  let page: Page;
  let manager: Session;
  let epA: string;
  let epC: string;
  let rid: string;
  const contexts: BrowserContext[] = [];

  const newPage = async (width: number, height: number) => {
    const ctx = await browser.newContext({ viewport: { width, height } });
    contexts.push(ctx);
    const p = await ctx.newPage();
    await uiLogin(p, server.base, 'manny', 'manny-pass-123');
    return p;
  };

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    rx = await startReceiver();
    rx.route = (req) => (req.path === '/a' ? { status: 500, body: 'CRM is down' } : undefined);
    browser = await launchBrowser();
    manager = await createStaff(server.t, 'manny', ['livechat-manager']);
    const t = server.t;
    const create = async (path: string, description: string) => {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/webhooks/endpoints',
        as: manager,
        payload: {
          url: `${rx.url}${path}`,
          description,
          events: ['LivechatSessionStart', 'LivechatSessionQueued'],
          retry: { kind: 'list', delaysMs: [0] },
        },
      });
      expect(r.status).toBe(200);
      return (r.body.endpoint as { _id: string })._id;
    };
    epA = await create('/a', 'Failing CRM');
    epC = await create('/c', 'Paused CRM');
    // C is paused by its breaker; its last attempt was refused by the egress policy
    const now = Date.now();
    await t.services.db
      .updateTable('endpoints')
      .set({ paused_until: now + 3_600_000, consecutive_failures: 6, failing_since: now - 60_000 })
      .where('_id', '=', epC)
      .execute();
    await t.services.db
      .insertInto('attempts')
      .values({
        delivery_id: 'earlier',
        endpoint_id: epC,
        attempt: 1,
        started_at: now - 1000,
        duration_ms: 1,
        status_code: null,
        error_class: 'ssrf',
        error_message: 'refused to connect to 10.0.0.7: private address (EGRESS_ALLOWLIST does not include it)',
        request_headers: '{}',
        response_headers: null,
        response_body: null,
      })
      .execute();
    rid = (await insertRoom(t.services, { fname: 'Ada Lovelace' })).rid;
    await roomEvent(t.services, rid, 'LivechatSessionStart');
    await roomEvent(t.services, rid, 'LivechatSessionQueued');
    page = await newPage(1280, 900);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await rx?.close();
  });

  it('the staff console and the API docs carry our favicon', { timeout: 30_000 }, async () => {
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await fetch(`${server.base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<title>Omnihook</title>');
    // pages that name no icon get it through /favicon.ico
    const ico = await fetch(`${server.base}/favicon.ico`, { redirect: 'manual' });
    expect(ico.status).toBe(301);
    expect(ico.headers.get('location')).toBe('/favicon.svg');
  });

  it('flags a loopback or private URL next to the field before saving', { timeout: 60_000 }, async () => {
    await page.goto(`${server.base}/omnichannel/endpoints/new`);
    const url = page.getByLabel('URL', { exact: true });
    await url.fill('http://10.1.2.3/hooks');
    const flag = page.getByTestId('egress-flag');
    await flag.waitFor();
    expect(await flag.innerText()).toContain('EGRESS_ALLOWLIST');
    await shot(page, 'webhook-egress-flag');
    // the server's allowlist admits the loopback receiver: no flag
    await url.fill(`${rx.url}/ok`);
    await flag.waitFor({ state: 'detached' });
    // the Webhooks page's URL too
    await page.goto(`${server.base}/omnichannel/webhooks`);
    await page.getByLabel('Webhook URL').fill('http://[::1]:8080/hook');
    await page.getByTestId('egress-flag').waitFor();
  });

  it(
    'a failing endpoint needs attention; the link filters the log to its failed deliveries',
    { timeout: 90_000 },
    async () => {
      await page.goto(`${server.base}/omnichannel/endpoints`);
      const row = page.locator(`tr[data-endpoint="${epA}"]`);
      const attention = row.getByRole('link', { name: /failed, needs attention/ });
      await attention.waitFor({ timeout: 30_000 });
      await row.getByRole('link', { name: '2 failed, needs attention' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('menu-failed').getByText('2 failed, needs attention').waitFor({ timeout: 15_000 });
      await shot(page, 'webhook-endpoints-attention');
      await attention.click();
      await page.getByRole('heading', { name: 'Deliveries' }).waitFor();
      expect(new URL(page.url()).searchParams.get('status')).toBe('failed');
      expect(await page.getByLabel('Status').inputValue()).toBe('failed');
      expect(await page.getByLabel('Endpoint', { exact: true }).inputValue()).toBe(epA);
      const rows = page.locator('tr[data-delivery]');
      await page.getByText('2 deliveries').waitFor();
      expect(await rows.count()).toBe(2);
      for (const text of await rows.allInnerTexts()) expect(text).toContain('Failed');
    },
  );

  it('a held delivery names the one it waits for', { timeout: 60_000 }, async () => {
    await page.goto(`${server.base}/omnichannel/deliveries?endpointId=${epC}`);
    const waiting = page.getByTestId('waiting-for');
    await waiting.waitFor();
    const head = await waiting.innerText();
    await page.getByText(`waiting for delivery ${head} of this room`).waitFor();
    await waiting.click();
    const detail = page.getByRole('complementary', { name: 'Delivery' });
    await detail.getByText(head, { exact: true }).waitFor();
    await shot(page, 'webhook-held-delivery');
  });

  it('a paused endpoint says why and resumes now', { timeout: 60_000 }, async () => {
    await page.goto(`${server.base}/omnichannel/endpoints`);
    const row = page.locator(`tr[data-endpoint="${epC}"]`);
    await row.getByText(/Paused until/).waitFor();
    await row.getByText(/after 6 consecutive failures/).waitFor();
    await row.getByText('Blocked by egress policy').waitFor();
    await shot(page, 'webhook-endpoint-paused');
    await row.getByRole('button', { name: 'Resume now' }).click();
    await page.getByText(/Resumed; \d+ deliveries due now/).waitFor();
    await row.getByText(/Paused until/).waitFor({ state: 'detached' });
    await expect
      .poll(() => rx.requests.filter((r) => r.path === '/c').length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
  });

  it(
    "a chat's deliveries panel lists every endpoint's deliveries and resends a selection",
    { timeout: 60_000 },
    async () => {
      await page.goto(`${server.base}/omnichannel/chats/${rid}`);
      await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Deliveries', exact: true }).click();
      await page.getByRole('heading', { name: 'Deliveries of a conversation' }).waitFor();
      const rows = page.locator('tr[data-delivery]');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
      const text = (await rows.allInnerTexts()).join('\n');
      expect(text).toContain('Failing CRM');
      expect(text).toContain('Paused CRM');
      await page.getByRole('button', { name: 'Select failed' }).click();
      const resend = page.getByRole('button', { name: 'Resend selected (2)' });
      await resend.waitFor();
      await shot(page, 'webhook-room-deliveries');
      const before = rx.requests.filter((r) => r.path === '/a').length;
      await resend.click();
      await page.getByText('2 deliveries queued again').waitFor();
      await expect
        .poll(() => rx.requests.filter((r) => r.path === '/a').length, { timeout: 20_000 })
        .toBeGreaterThan(before);
    },
  );

  it('manager pages fit 360 px without sideways scrolling', { timeout: 120_000 }, async () => {
    const phone = await newPage(360, 740);
    const fits = async (name: string) => {
      await phone.waitForLoadState('networkidle').catch(() => undefined);
      const width = Number(await phone.evaluate('document.documentElement.scrollWidth'));
      await shot(phone, `webhook-360-${name}`);
      expect(width, name).toBeLessThanOrEqual(360);
    };
    await phone.goto(`${server.base}/omnichannel/endpoints`);
    await phone
      .locator(`tr[data-endpoint="${epA}"]`)
      .getByText(/failed, needs attention/)
      .waitFor();
    await fits('endpoints');
    await phone.goto(`${server.base}/omnichannel/endpoints/new`);
    await phone.getByLabel('URL', { exact: true }).fill('http://127.0.0.2/a-rather-long-path/for/the/receiver');
    await phone.getByTestId('egress-flag').waitFor();
    await fits('endpoint-edit');
    await phone.goto(`${server.base}/omnichannel/endpoints/${epA}`);
    await phone.getByRole('heading', { name: 'Edit endpoint' }).waitFor();
    await fits('endpoint-edit-existing');
    await phone.goto(`${server.base}/omnichannel/deliveries`);
    await phone.locator('tr[data-delivery]').first().waitFor();
    await fits('deliveries');
    await phone.locator('tr[data-delivery]').first().getByRole('button').first().click();
    await phone.getByRole('complementary', { name: 'Delivery' }).getByText('Event id (webhook-id)').waitFor();
    await fits('delivery-detail');
    await phone.goto(`${server.base}/omnichannel/webhooks`);
    await phone.getByRole('heading', { name: 'Webhooks' }).waitFor();
    await fits('webhooks');
    await phone.goto(`${server.base}/omnichannel/room-deliveries?roomId=${rid}`);
    await phone.locator('tr[data-delivery]').first().waitFor();
    await fits('room-deliveries');
  });
});
