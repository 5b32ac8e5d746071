/**
 * Issue 13, "Files both ways", in Chromium: the visitor sends an image from Omnihook's widget (the
 * paperclip) and a file by dropping it on the chat, the agent sees a thumbnail that opens full
 * size; the agent sends a PDF with a description from the composer and the visitor gets a named
 * link with its size that saves the file; files refused by the upload settings say why, in words,
 * on both sides (before the upload, and from the server's answer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserMissing, buildWeb, launchBrowser, shot, startUiServer, uiLogin } from '../helpers/browser.ts';
import type { UiServer } from '../helpers/browser.ts';
import { availableAgent, setSetting } from '../helpers/livechat.ts';

const skip = browserMissing();

/** A real picture to look at in the screenshots, drawn by the browser itself. */
async function drawPng(page: Page): Promise<Buffer> {
  // a string: the test project has no DOM types, the page runs it
  const dataUrl = await page.evaluate<string>(`(() => {
    const c = document.createElement('canvas');
    c.width = 480;
    c.height = 320;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 480, 320);
    grad.addColorStop(0, '#1d74f5');
    grad.addColorStop(1, '#158d65');
    g.fillStyle = grad;
    g.fillRect(0, 0, 480, 320);
    g.fillStyle = '#fff';
    g.font = 'bold 44px sans-serif';
    g.fillText('Broken router', 70, 175);
    return c.toDataURL('image/png');
  })()`);
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

describe.skipIf(skip)('files both ways (console + Omnihook widget)', () => {
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

  it('an image to the agent, a PDF to the visitor, refusals in words', { timeout: 150_000 }, async () => {
    const { t, base } = server;
    await availableAgent(t, 'alice');
    const visitorCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, acceptDownloads: true });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${base}/widget`);
    const widget = visitor.frameLocator('iframe[title="Livechat"]');
    await widget.getByLabel('Name', { exact: true }).fill('Fiona File');
    await widget.getByLabel('Email', { exact: true }).fill('fiona@example.com');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByLabel('Type your message').fill('My router is broken, see the photo');
    await widget.getByLabel('Type your message').press('Enter');
    await widget.getByText('Chatting with alice').waitFor();

    // the visitor: paperclip -> an image
    const png = await drawPng(visitor);
    await widget.getByRole('button', { name: 'Attach a file' }).waitFor();
    await widget.getByLabel('File to attach').setInputFiles({ name: 'router.png', mimeType: 'image/png', buffer: png });
    const visitorThumb = widget.getByRole('button', { name: 'Open router.png full size' });
    await visitorThumb.locator('img').waitFor();

    // ...and a text file dropped on the chat
    const frame = visitor.frames().find((f) => f.url().includes('/widget/frame'))!;
    const dropped = await frame.evaluateHandle(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['serial: RT-4411\\n'], 'serial.txt', { type: 'text/plain' }));
      return dt;
    })()`);
    await widget.locator('.widget').dispatchEvent('dragover', { dataTransfer: dropped });
    await widget.getByText('Drop the file to send it').waitFor();
    await widget.locator('.widget').dispatchEvent('drop', { dataTransfer: dropped });
    await widget.getByRole('link', { name: /serial\.txt · 16 B/ }).waitFor();

    // the agent sees the thumbnail (the real bytes, read with the staff session) and opens it full size
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const agent = await agentCtx.newPage();
    await uiLogin(agent, base, 'alice', 'alice-pass-123');
    await agent.getByRole('link', { name: 'Fiona File' }).click();
    const thumb = agent.getByRole('button', { name: 'Open router.png full size' });
    await thumb.locator('img').waitFor();
    await expect
      .poll(() => thumb.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(480);
    await agent.getByRole('link', { name: /serial\.txt · 16 B/ }).waitFor();
    await thumb.click();
    const box = agent.getByRole('dialog', { name: 'router.png' });
    await box.waitFor();
    await shot(agent, 'files-agent-lightbox');
    await agent.keyboard.press('Escape');
    await box.waitFor({ state: 'detached' });

    // the agent: paperclip -> a PDF, with a description
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(120 * 1024 - 9, 0x20)]);
    await agent
      .getByLabel('File to attach')
      .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf });
    await agent.getByRole('group', { name: 'Selected file' }).getByText('report.pdf').waitFor();
    await agent.getByLabel('Description').fill('Your repair report');
    await shot(agent, 'files-agent-composer');
    await agent.getByRole('button', { name: 'Send file' }).click();
    await agent.getByRole('link', { name: 'report.pdf · 120 KB' }).waitFor();
    await shot(agent, 'files-agent-chat');

    // the visitor gets a named link with its size, and the description; the link saves the file
    const link = widget.getByRole('link', { name: 'report.pdf · 120 KB' });
    await link.waitFor();
    await widget.getByText('Your repair report').waitFor();
    const [download] = await Promise.all([visitor.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('report.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of saved) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(pdf)).toBe(true);
    await shot(visitor, 'files-widget');

    // full size in the widget too
    await visitorThumb.click();
    await widget.getByRole('dialog', { name: 'router.png' }).waitFor();
    await shot(visitor, 'files-widget-lightbox');
    await widget.getByRole('button', { name: 'Close' }).click();

    // refusals, said before any byte goes: type and size (the settings' default 10 MB)
    await widget.getByLabel('File to attach').setInputFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<p>hi</p>'),
    });
    await widget.getByRole('alert').filter({ hasText: 'page.html: This file type is not allowed' }).waitFor();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    await widget.getByLabel('File to attach').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: big });
    await widget.getByRole('alert').filter({ hasText: 'huge.png: File too large (max 10 MB)' }).waitFor();
    await shot(visitor, 'files-widget-too-large');
    await agent
      .getByLabel('File to attach')
      .setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: big });
    await agent.locator('.toast-error').filter({ hasText: 'huge.pdf: File too large (max 10 MB)' }).waitFor();
    await expect.poll(() => agent.getByRole('group', { name: 'Selected file' }).count()).toBe(0);

    // ...and from the server's answer, when the limit changed after the page loaded
    await setSetting(t, 'FileUpload_MaxFileSize', 100 * 1024);
    await widget.getByLabel('File to attach').setInputFiles({ name: 'photo2.png', mimeType: 'image/png', buffer: pdf });
    await widget.getByRole('alert').filter({ hasText: 'photo2.png: File too large (max 100 KB)' }).waitFor();
    await agent
      .getByLabel('File to attach')
      .setInputFiles({ name: 'again.pdf', mimeType: 'application/pdf', buffer: pdf });
    await agent.getByRole('button', { name: 'Send file' }).click();
    await agent.locator('.toast-error').filter({ hasText: 'again.pdf: File too large (max 100 KB)' }).waitFor();
    // nothing of the refused files reached the chat
    expect(await widget.locator('ol.messages').textContent()).not.toMatch(/huge|photo2|again|page\.html/);

    // the console at phone width
    await agent.setViewportSize({ width: 360, height: 740 });
    await agent.getByRole('link', { name: 'report.pdf · 120 KB' }).scrollIntoViewIfNeeded();
    await shot(agent, 'files-agent-360');
    await Promise.all([agentCtx.close(), visitorCtx.close()]);
  });
});
