/**
 * The official Rocket.Chat widget in Debian's Chromium: Omnihook on one loopback port, a host page
 * that embeds the documented snippet (docs/rocketchat-widget.md, 'Embedding') on another port (another origin), and a real webhook
 * receiver. Screenshots go to test-artifacts/rc-widget/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { makeApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';
import type { TestApp } from '../helpers/app.ts';
import { startWorker } from '../../src/delivery/start.ts';
import { buildWorkerDeps } from '../../src/main.ts';

export const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/rc-widget');

/** Skip (loudly) only outside CI: in CI a missing Chromium must fail the run. */
export function chromiumMissing(): boolean {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return false;
  process.stderr.write(
    `\n${'!'.repeat(72)}\n!! SKIPPING Rocket.Chat widget browser tests: ${CHROMIUM} is missing\n${'!'.repeat(72)}\n\n`,
  );
  return true;
}

export function snippetPage(server: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Customer site</title></head><body>
<h1>Customer site</h1>
<script type="text/javascript">
(function(w, d, s, u) {
  w.RocketChat = function(c) { w.RocketChat._.push(c) }; w.RocketChat._ = []; w.RocketChat.url = u;
  var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
  j.async = true; j.src = '${server}/livechat/rocketchat-livechat.min.js?_=201903270000';
  h.parentNode.insertBefore(j, h);
})(window, document, 'script', '${server}/livechat');
RocketChat(function() { this.setTheme({ color: '#04436A', title: 'Welcome' }); });
</script>
</body></html>`;
}

export interface WidgetEnv {
  t: TestApp;
  server: string;
  hostUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWidgetEnv(): Promise<WidgetEnv> {
  const t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const server = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  const worker = startWorker(buildWorkerDeps(t.services, t.app.log), { pollMs: 100 });
  const html = snippetPage(server);
  const host: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', () => r()));
  const hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}/`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    t,
    server,
    hostUrl,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((r) => host.close(() => r()));
      await worker.stop();
      await t.close();
    },
  };
}

export function widget(page: Page): FrameLocator {
  return page.frameLocator('#rocketchat-iframe');
}

/** Opens the minimized widget (the chat button inside the iframe). */
export async function openWidget(page: Page, hostUrl: string): Promise<FrameLocator> {
  await page.goto(hostUrl);
  const w = widget(page);
  await w.locator('[class*="screen__chat-button"]').click({ timeout: 15_000 });
  return w;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/**
 * Watches the widget's realtime connection: `subscribed(rid)` resolves once the widget has asked
 * for the room's message stream. A message sent before that reaches the widget only with its next
 * history load (as on Rocket.Chat), so a test that expects it live waits for the subscription.
 * Call before the page opens the widget.
 */
export function watchRoomStreams(page: Page): { subscribed(rid: string, timeoutMs?: number): Promise<void> } {
  const sent: string[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
  return {
    subscribed: (rid, timeoutMs) =>
      until(
        `the widget's subscription to room ${rid}'s messages`,
        () => sent.some((p) => p.includes('stream-room-messages') && p.includes(rid)),
        timeoutMs,
      ),
  };
}
