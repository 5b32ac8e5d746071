/**
 * The Recover form in a real browser (issue 17): recovering parked deliveries says how many of
 * them will arrive after newer events of their chat (the server's `arriveLate`), in the UI's
 * language; with none late it says only how many were recovered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { browserMissing, buildWeb, launchBrowser, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { call, createStaff } from '../helpers/app.ts';
import { insertRoom, roomEvent } from '../helpers/deliveries.ts';

const skip = browserMissing();
const ROOT = resolve(import.meta.dirname, '../..');
mkdirSync(join(ROOT, 'test-artifacts/screenshots'), { recursive: true });

describe.skipIf(skip)('the Recover form in the browser', () => {
  let server: UiServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    const t = server.t;
    const manager = await createStaff(t, 'rita', ['livechat-manager']);
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: manager,
      payload: { url: 'http://127.0.0.1:9/crm', description: 'Late CRM', events: ['LivechatSessionStart', 'Message'] },
    });
    expect(r.status).toBe(200);
    const endpointId = (r.body.endpoint as { _id: string })._id;
    // paused by its breaker, so this server's worker leaves its deliveries alone while the test
    // sets their states (recover does not look at the pause)
    await t.services.db
      .updateTable('endpoints')
      .set({ paused_until: Date.now() + 3_600_000 })
      .where('_id', '=', endpointId)
      .execute();
    // one chat, two events: the older one parked as failed, the newer one already delivered
    const { rid } = await insertRoom(t.services);
    await roomEvent(t.services, rid, 'LivechatSessionStart');
    await roomEvent(t.services, rid, 'Message');
    const rows = await t.services.db
      .selectFrom('deliveries')
      .select(['_id'])
      .where('endpoint_id', '=', endpointId)
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(2);
    const now = Date.now();
    const set = (id: string, status: 'failed' | 'succeeded') =>
      t.services.db.updateTable('deliveries').set({ status, completed_at: now }).where('_id', '=', id).execute();
    await set(rows[0]!._id, 'failed');
    await set(rows[1]!._id, 'succeeded');

    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await ctx.newPage();
    await uiLogin(page, server.base, 'rita', 'rita-pass-123');
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const recover = async () => {
    await page.goto(`${server.base}/omnichannel/deliveries`);
    await page.getByLabel('Endpoint to recover').selectOption({ label: 'Late CRM (http://127.0.0.1:9/crm)' });
    await page.getByLabel('Failed since').fill('2000-01-01T00:00');
    await page.getByRole('button', { name: 'Recover', exact: true }).click();
  };

  it('says how many recovered deliveries arrive after newer events of their chat', async () => {
    await recover();
    const toast = page.locator('.toast').filter({ hasText: 'Recovered 1 failed deliveries' });
    await expect
      .poll(async () => toast.textContent(), { timeout: 30_000 })
      .toBe('Recovered 1 failed deliveries; 1 of them will arrive after newer events of its chat');
    // the toast itself is the subject here (shot() hides toasts)
    await page.screenshot({ path: join(ROOT, 'test-artifacts/screenshots/recover-arrive-late.png') });
  });

  it('with nothing late (nothing left to recover) it says only how many were recovered', async () => {
    await recover();
    await expect
      .poll(async () => page.locator('.toast').filter({ hasText: 'Recovered 0 failed deliveries' }).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    expect(await page.locator('.toast').filter({ hasText: 'Recovered 0' }).first().textContent()).toBe(
      'Recovered 0 failed deliveries',
    );
  });
});
