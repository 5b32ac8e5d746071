/** The server serves the built UI on its own paths only, and leaves /api, /livechat and 404s alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../helpers/browser.ts';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe('web UI serving', () => {
  let t: TestApp;
  beforeAll(async () => {
    buildWeb();
    t = await makeApp();
  }, 120_000);
  afterAll(async () => t?.close());

  it('serves the staff app on its routes and the widget pages', async () => {
    for (const url of ['/', '/login', '/omnichannel/webhooks', '/omnichannel/chats/abc']) {
      const r = await t.app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain('<div id="root">');
    }
    const widget = await t.app.inject({ url: '/widget' });
    expect(widget.body).toContain('/widget/embed.js');
    const frame = await t.app.inject({ url: '/widget/frame' });
    expect(frame.statusCode).toBe(200);
    const embed = await t.app.inject({ url: '/widget/embed.js' });
    expect(embed.headers['content-type']).toContain('javascript');
    expect(embed.body).toContain('/widget/frame');
  });

  it('serves hashed assets for a year and leaves other paths to their owners', async () => {
    const html = (await t.app.inject({ url: '/' })).body;
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const r = await t.app.inject({ url: asset! });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toContain('immutable');
    expect((await t.app.inject({ url: '/assets/nope.js' })).statusCode).toBe(404);
    const api = await t.app.inject({ url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ success: false });
    expect((await t.app.inject({ url: '/api/info' })).statusCode).toBe(200);
  });
});
