/** /livechat served like Rocket.Chat serves it: the page with SERVER_URL, every build file, CSP framing. */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { setSetting } from '../helpers/livechat.ts';
import { WIDGET_BUILD_DIR, frameAncestors } from '../../src/http/routes/livechat-widget.ts';

describe('serving the Rocket.Chat widget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('serves index.html at /livechat with SERVER_URL defined right after <body>, frameable by anyone by default', async () => {
    const r = await call(t, { method: 'GET', url: '/livechat' });
    expect(r.status).toBe(200);
    expect(r.res.headers['content-type']).toContain('text/html');
    expect(r.res.body).toMatch(/<body><script>SERVER_URL = window\.location\.origin/);
    expect(r.res.body).toContain('<script src="livechat/bundle.31a95.js"></script>');
    expect(r.res.headers['x-frame-options']).toBeUndefined();
    expect(r.res.headers['content-security-policy']).toBeUndefined();
    // popout mode keeps working: the query string is the widget's business
    expect((await call(t, { method: 'GET', url: '/livechat?mode=popout' })).status).toBe(200);
    const slash = await call(t, { method: 'GET', url: '/livechat/?mode=popout' });
    expect(slash.status).toBe(301);
    expect(slash.res.headers.location).toBe('/livechat?mode=popout');
  });

  it('the injected script computes the server URL from the page address', async () => {
    const page = (await call(t, { method: 'GET', url: '/livechat' })).res.body;
    const script = /<script>(SERVER_URL = [^<]*)<\/script>/.exec(page)![1]!;
    const run = (origin: string, pathname: string) =>
      new Function('window', `let SERVER_URL; ${script}; return SERVER_URL;`)({
        location: { origin, pathname },
      }) as string;
    expect(run('https://chat.example.com', '/livechat')).toBe('https://chat.example.com');
    expect(run('https://example.com', '/support/livechat')).toBe('https://example.com/support');
  });

  it('serves every file of build/ at /livechat/<file> with its MIME type', async () => {
    const files = readdirSync(WIDGET_BUILD_DIR);
    expect(files).toContain('rocketchat-livechat.min.js');
    for (const f of files) {
      const r = await call(t, { method: 'GET', url: `/livechat/${f}` });
      expect(r.status, f).toBe(200);
      if (f.endsWith('.js')) expect(r.res.headers['content-type'], f).toContain('application/javascript');
      if (f.endsWith('.css')) expect(r.res.headers['content-type'], f).toContain('text/css');
    }
    const png = files.find((f) => f.endsWith('.png'))!;
    expect((await call(t, { method: 'GET', url: `/livechat/livechat/${png}` })).status).toBe(200);
  });

  it('answers unknown files and API routes with JSON 404s', async () => {
    for (const url of [
      '/livechat/nope.js',
      '/livechat/..%2Fpackage.json',
      '/api/v1/livechat/nope',
      '/api/v1/livechat/agent.next',
    ]) {
      const r = await call(t, { method: 'GET', url });
      expect(r.status, url).toBe(404);
      expect(r.body).toMatchObject({ success: false, errorType: 'error-not-found' });
    }
  });

  it('restricts framing to Livechat_AllowedDomainsList', async () => {
    await setSetting(t, 'Livechat_AllowedDomainsList', 'shop.example.com, https://*.example.org:8443');
    try {
      const r = await call(t, { method: 'GET', url: '/livechat' });
      expect(r.res.headers['content-security-policy']).toBe(
        "frame-ancestors 'self' shop.example.com https://*.example.org:8443",
      );
    } finally {
      await setSetting(t, 'Livechat_AllowedDomainsList', '');
    }
    // nothing but source expressions reaches the header
    expect(frameAncestors('evil.com; script-src *, ok.com')).toBe("frame-ancestors 'self' ok.com");
    expect(frameAncestors('  ')).toBeUndefined();
  });

  it('serves an avatar for any username', async () => {
    const r = await call(t, { method: 'GET', url: '/avatar/alice' });
    expect(r.status).toBe(200);
    expect(r.res.headers['content-type']).toBe('image/svg+xml');
    expect(r.res.body).toContain('>A</text>');
  });
});
