import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { CATALOGUE, UNDESCRIBED_ANSWERS } from '../../src/http/openapi/catalogue/index.ts';

interface Operation {
  summary?: string;
  description?: string;
  requestBody?: unknown;
  security?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Doc {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content?: Record<string, { schema?: unknown }>; headers?: unknown }>;
  };
}

describe('OpenAPI', () => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await makeApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Doc;
  });
  afterAll(async () => t.close());

  it('is generated from the route schemas and browsable at /api/docs', async () => {
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

  it('validates as an OpenAPI document', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)?.slice(0, 4000)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every operation: summary, description, success and error answers', () => {
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const gaps: string[] = [];
        if (!op.summary) gaps.push('summary');
        if (!op.description) gaps.push('description');
        const responses = op.responses ?? {};
        const success = Object.entries(responses).find(([status]) => /^2/.test(status))?.[1];
        if (!success?.content || success.description === 'Default Response') gaps.push('success response schema');
        if (!responses['401'] || !responses['503']) gaps.push('error responses (401, 503)');
        if (op.security && !responses['403']) gaps.push('403');
        if (path.includes('{') && !responses['404']) gaps.push('404');
        if (gaps.length > 0) missing.push(`${key}: ${gaps.join(', ')}`);
      }
    }
    expect(
      missing,
      `Operations missing documentation. Add an entry to src/http/openapi/catalogue/ (keyed "METHOD url") ` +
        `or declare summary, description and response in the route's schema:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
  });

  it('has words for every answer the catalogue declares, and no entry for a route that is gone', () => {
    expect(UNDESCRIBED_ANSWERS, 'add these keys to an area file of src/http/openapi/catalogue/').toEqual([]);
    const operations = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const stale = Object.keys(CATALOGUE).filter((key) => !operations.has(key));
    expect(stale, 'catalogue entries (src/http/openapi/catalogue/) for routes that do not exist').toEqual([]);
  });

  it('describes errors in the error handler shape, named once as components', () => {
    expect(doc.components.schemas).toHaveProperty('ErrorBody');
    expect(doc.components.schemas).toHaveProperty('UnauthorizedBody');
    // the answers most routes share are named once under components.responses
    const me = doc.paths['/api/v1/me']?.get?.responses ?? {};
    expect(me['401']).toEqual({ $ref: '#/components/responses/Unauthorized' });
    expect(doc.components.responses.Unauthorized?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/UnauthorizedBody',
    });
    expect(doc.components.responses.Unavailable).toHaveProperty(['headers', 'retry-after']);
    const endpoint = doc.paths['/api/v1/webhooks/endpoints/{_id}']?.get?.responses ?? {};
    expect(endpoint['404']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(doc.paths['/api/v1/login']?.post?.responses).toHaveProperty('429');
    for (const name of ['Endpoint', 'Delivery', 'Room', 'Message', 'StaffUser']) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
  });

  it("carries Omnihook's name and logo, not Fastify's", async () => {
    expect(doc.info.title).toBe('Omnihook API');
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Omnihook API</title>');
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    // the logo is our own SVG (Swagger UI's default is a PNG of Fastify's)
    expect(init.body).toContain('data:image/svg+xml;base64,');
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(init.body)?.[1] ?? '', 'base64');
    expect(svg.toString()).toContain('Omnihook');
  });

  it('answers /api/info once ready', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/info' });
    expect(r.json()).toMatchObject({ success: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
