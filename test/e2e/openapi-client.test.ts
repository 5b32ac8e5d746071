/**
 * A client generated from the OpenAPI document (types: web/src/api-schema.gen.ts, calls:
 * openapi-fetch) compiles against the document and talks to a real listening server: log in,
 * manage webhook endpoints, and a visitor's livechat calls, with typed answers and typed errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createClient from 'openapi-fetch';
import type { Middleware } from 'openapi-fetch';
import type { paths } from '../../web/src/api-schema.gen.ts';
import { ADMIN_PASS, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';

describe('a client generated from the OpenAPI document', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => t.close());

  it('logs in, manages webhook endpoints and makes livechat calls', async () => {
    const client = createClient<paths>({ baseUrl });

    const login = await client.POST('/api/v1/login', { body: { user: 'admin', password: ADMIN_PASS } });
    expect(login.response.status).toBe(200);
    // typed: data.data.userId is a string, me is the StaffUser component
    const { userId, authToken, me } = login.data!.data;
    expect(me.username).toBe('admin');

    const refused = await client.POST('/api/v1/login', { body: { user: 'admin', password: 'not-it' } });
    expect(refused.response.status).toBe(401);
    // typed error: the UnauthorizedBody component
    expect(refused.error?.errorType).toBe('error-login-failed');

    const staff = createClient<paths>({ baseUrl });
    const auth: Middleware = {
      onRequest({ request }) {
        request.headers.set('X-User-Id', userId);
        request.headers.set('X-Auth-Token', authToken);
        return request;
      },
    };
    staff.use(auth);

    const whoami = await staff.GET('/api/v1/me');
    expect(whoami.data?.roles).toContain('admin');

    const created = await staff.POST('/api/v1/webhooks/endpoints', {
      body: { url: 'http://127.0.0.1:9/crm', events: ['Message', 'LivechatSession'], description: 'CRM' },
    });
    expect(created.response.status, JSON.stringify(created.error)).toBe(200);
    const endpointId = String((created.data as { endpoint?: { _id?: unknown } } | undefined)?.endpoint?._id);

    const list = await staff.GET('/api/v1/webhooks/endpoints');
    expect(list.response.status).toBe(200);
    const listed = (list.data as { endpoints?: Array<{ _id: string; description?: string }> } | undefined)?.endpoints;
    expect(listed?.find((e) => e._id === endpointId)?.description).toBe('CRM');

    const missing = await staff.GET('/api/v1/webhooks/endpoints/{_id}', { params: { path: { _id: 'no-such-id' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.errorType).toBe('error-invalid-endpoint');

    const deliveries = await staff.GET('/api/v1/webhooks/deliveries', { params: { query: { count: 10 } } });
    expect(deliveries.response.status).toBe(200);
    expect(deliveries.data?.success).toBe(true);

    // a visitor's calls: register, open a room, send a message, read the history
    const visitor = await client.POST('/api/v1/livechat/visitor', {
      body: { visitor: { token: 'client-visitor', name: 'Client Visitor' } },
    });
    expect(visitor.response.status).toBe(200);
    const room = await client.GET('/api/v1/livechat/room', { params: { query: { token: 'client-visitor' } } });
    expect(room.response.status).toBe(200);
    const rid = room.data!.room._id;
    expect(room.data!.newRoom).toBe(true);
    const sent = await client.POST('/api/v1/livechat/message', {
      body: { token: 'client-visitor', rid, msg: 'Hello from a generated client' },
    });
    expect(sent.data?.message.msg).toBe('Hello from a generated client');
    const history = await client.GET('/api/v1/livechat/messages.history/{rid}', {
      params: { path: { rid }, query: { token: 'client-visitor' } },
    });
    expect(history.data?.messages.map((m) => m.msg)).toContain('Hello from a generated client');

    const invalid = await client.POST('/api/v1/livechat/message', {
      // @ts-expect-error the generated types know msg is required; the server refuses it too
      body: { token: 'client-visitor', rid },
    });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.errorType).toBe('invalid-params');
  });
});
