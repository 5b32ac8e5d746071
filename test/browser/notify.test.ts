/**
 * Never miss a message (issue 11), in Chromium at 1280 and 360 px: a new queued chat and a
 * visitor message in a chat not in view raise a desktop Notification (permission granted through
 * the browser context, asked from the "Enable notifications" button) with a tone, and an unread
 * count in the chat list and the tab title; the mute silences both; typing shows both ways; and
 * when the live stream goes down a "Reconnecting…" bar appears, then clears, and a message sent
 * meanwhile shows without a reload.
 *
 * The agent's browser reaches the server through a TCP gate this test opens and closes, so the
 * outage is real (refused connections) while the visitor keeps talking to the server directly.
 */
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { setSetting } from '../helpers/livechat.ts';
import { createStaff } from '../helpers/app.ts';

const skip = browserMissing();

/** A loopback TCP gate in front of the server: `close()` drops every connection and refuses new ones. */
class Gate {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: number) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const addr = server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * Records what the page asks of the browser's Notification and Web Audio APIs, then lets the real
 * ones do their work: the test reads `window.__notes` and `window.__tones`.
 */
const SPY = `
  window.__notes = [];
  window.__tones = 0;
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title, opts) {
      super(title, opts);
      window.__notes.push({ title, body: opts && opts.body });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  Object.defineProperty(Recorded, 'requestPermission', { value: Real.requestPermission.bind(Real) });
  window.Notification = Recorded;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (when) {
    window.__tones += 1;
    return start.call(this, when);
  };
`;

// The test's tsconfig has no DOM types: the page-side code is plain JavaScript text.
const notes = (page: Page) => page.evaluate<{ title: string; body?: string }[]>('window.__notes');
const tones = (page: Page) => page.evaluate<number>('window.__tones');

describe.skipIf(skip)('never miss a message', () => {
  let server: UiServer;
  let browser: Browser;
  let gate: Gate;

  beforeAll(async () => {
    buildWeb();
    server = await startUiServer();
    browser = await launchBrowser();
    gate = new Gate(Number(new URL(server.base).port));
    await gate.open();
    await setSetting(server.t, 'Livechat_Routing_Method', 'Manual_Selection');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gate?.close();
    await server?.close();
  });

  it.each([
    { width: 1280, height: 800, visitorName: 'Maria Lopez' },
    { width: 360, height: 740, visitorName: 'Ken Sato' },
  ])('at $width px', { timeout: 180_000 }, async ({ width, height, visitorName }) => {
    const { t, base } = server;
    const username = `nora${width}`;
    await createStaff(t, username, ['livechat-agent']);
    const agentBase = `http://127.0.0.1:${gate.port}`;

    // The agent logs in (through the gate), enables notifications from the button and goes available.
    const agentCtx = await browser.newContext({ viewport: { width, height } });
    await agentCtx.addInitScript({ content: SPY });
    const agent = await agentCtx.newPage();
    await uiLogin(agent, agentBase, username, `${username}-pass-123`);
    await agent.getByRole('heading', { name: 'Current Chats' }).waitFor();
    const enable = agent.getByRole('button', { name: 'Enable notifications' });
    await enable.waitFor();
    await agentCtx.grantPermissions(['notifications'], { origin: agentBase });
    await enable.click();
    await enable.waitFor({ state: 'detached' });
    await agent.getByRole('switch').check();
    await agent.getByText('Available', { exact: true }).waitFor();
    expect(await agent.title()).toMatch(/^[^(].*Omnihook$/); // no unread count

    // A visitor starts a chat: the agent is told there is a new chat in the queue, with its first message.
    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill(visitorName);
    await widget.getByLabel('Email', { exact: true }).fill(`${username}@visitor.example`);
    await widget.getByRole('button', { name: 'Start chat' }).click();
    const box = widget.getByLabel('Type your message');
    await box.fill('Hello, my parcel never arrived');
    await box.press('Enter');
    await expect
      .poll(() => notes(agent))
      .toContainEqual({ title: `New chat: ${visitorName}`, body: 'Hello, my parcel never arrived' });
    expect(await notes(agent)).toContainEqual({ title: `New chat in queue: ${visitorName}`, body: '' });
    expect(await tones(agent)).toBeGreaterThan(0);
    const queueRow = agent.locator('li', { has: agent.getByRole('button', { name: `Take chat with ${visitorName}` }) });
    await queueRow.getByText('Hello, my parcel never arrived').waitFor();
    await queueRow.getByText(/waiting (less than a minute|\d+ min)/).waitFor();
    await shot(agent, `notify-queue-${width}`);

    // The agent takes it, answers, and goes back to the list: the chat is no longer in view.
    await agent.getByRole('button', { name: `Take chat with ${visitorName}` }).click();
    await agent.getByRole('heading', { name: visitorName }).waitFor();

    // Typing, both ways (the agent's composer, then the visitor's).
    await agent.getByLabel('Message', { exact: true }).fill('Let me look');
    await widget.getByText(`${username} is typing…`).waitFor();
    if (width === 360) await shot(visitor, 'notify-widget-typing'); // the visitor is always on a phone
    await agent.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Let me look').waitFor();
    await widget.getByText(`${username} is typing…`).waitFor({ state: 'detached' });
    await box.fill('It was order 4711');
    await agent.getByText('Visitor is typing…').waitFor();
    await shot(agent, `notify-typing-${width}`);
    await box.press('Enter');
    await agent.getByText('It was order 4711').waitFor();
    await agent.getByText('Visitor is typing…').waitFor({ state: 'detached' });

    const before = (await notes(agent)).length;
    await agent.getByRole('link', { name: 'Back to Current Chats' }).click();
    await agent.getByRole('heading', { name: 'My open chats' }).waitFor();
    await box.fill('Any news?');
    await box.press('Enter');
    await box.fill('Hello?');
    await box.press('Enter');
    await expect.poll(() => agent.title()).toMatch(/^\(2\) .*Omnihook$/);
    expect((await notes(agent)).slice(before)).toEqual([
      { title: visitorName, body: 'Any news?' },
      { title: visitorName, body: 'Hello?' },
    ]);
    const myRow = agent.locator('li', { has: agent.getByRole('link', { name: visitorName }) });
    await myRow.getByLabel('2 unread').waitFor();
    await myRow.getByText('Hello?').waitFor();
    await myRow.getByText(/waiting (less than a minute|\d+ min)/).waitFor();
    await shot(agent, `notify-unread-${width}`);

    // Muted: no notification and no tone, but the count still goes up.
    await agent.getByRole('button', { name: 'Mute notifications' }).click();
    const [n, toneCount] = [(await notes(agent)).length, await tones(agent)];
    await box.fill('Still there?');
    await box.press('Enter');
    await expect.poll(() => agent.title()).toMatch(/^\(3\) .*Omnihook$/);
    expect((await notes(agent)).length).toBe(n);
    expect(await tones(agent)).toBe(toneCount);
    await agent.getByRole('button', { name: 'Mute notifications' }).click();

    // Opening the chat clears the count.
    await myRow.getByRole('link', { name: visitorName }).click();
    await agent.getByText('Still there?').waitFor();
    await expect.poll(() => agent.title()).toMatch(/^[^(].*Omnihook$/);

    // The live stream goes down: the bar shows; a message sent meanwhile appears once it is back.
    await gate.close();
    const bar = agent.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await bar.waitFor();
    await shot(agent, `notify-reconnecting-${width}`);
    await box.fill('I wrote this while you were offline');
    await box.press('Enter');
    await widget.getByText('I wrote this while you were offline').waitFor();
    await gate.open();
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    await agent.getByText('I wrote this while you were offline').waitFor();
    // It arrived while the chat was in view: read, not unread.
    expect(await agent.title()).toMatch(/^[^(].*Omnihook$/); // no unread count

    await agentCtx.close();
    await visitorCtx.close();
  });
});
