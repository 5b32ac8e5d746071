import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe('OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  it('is generated from the route schemas and browsable at /api/docs', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/login',
      '/api/v1/livechat/message',
      '/api/v1/livechat/room',
      '/api/v1/webhooks/endpoints',
      '/api/v1/webhooks/deliveries',
      '/api/v1/omnichannel/integrations',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/v1/livechat/message']?.post?.requestBody).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers /api/info once ready', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/info' });
    expect(r.json()).toMatchObject({ success: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
