/**
 * The response schemas document the answers; they must neither change them nor lie about them:
 * - the bytes on the wire are exactly JSON.stringify of what the handler returned (no field
 *   dropped, no null coerced), because Rocket.Chat clients read those bytes;
 * - real answers of a wide sample of routes validate against the schemas the document declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/index.ts';
import { createServices } from '../../src/services/container.ts';
import type { Services } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { buildApp } from '../../src/http/app.ts';
import { openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import { ADMIN_PASS, createStaff, login } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Answer {
  content?: Record<string, { schema: unknown }>;
}
interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
  components: { responses: Record<string, Answer> };
}

describe('response schemas', () => {
  let ts: TestStore;
  let services: Services;
  let app: FastifyInstance;
  let t: TestApp;
  let admin: Session;
  /** What each handler returned, serialized the plain way, by request id. */
  const returned = new Map<string, string>();
  let doc: Doc;
  let ajv: Ajv;
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    ts = await openTestStore('sqlite');
    const config = loadConfig({
      ADMIN_USERNAME: 'admin',
      ADMIN_PASS,
      LOG_LEVEL: 'silent',
      EGRESS_ALLOWLIST: '127.0.0.1/32',
    });
    services = await createServices(config, ts.store, new Hub());
    await services.users.ensureAdmin(config.admin);
    app = await buildApp(services);
    app.addHook('preSerialization', async (request, _reply, payload) => {
      returned.set(request.id, JSON.stringify(payload));
      return payload;
    });
    await app.ready();
    admin = await login(app, 'admin', ADMIN_PASS);
    t = { app, services, admin, databaseUrl: ts.url, close: async () => undefined };
    doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Doc;
    // the document itself is the schema root: answers are checked against what clients read
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...(doc as object), $id: 'doc' });
  });
  afterAll(async () => {
    await app?.close();
    services?.settings.stop();
    await ts?.cleanup();
  });

  /** The document's path template a concrete URL falls under (literal segments win over {params}). */
  function templateOf(method: string, url: string): string {
    const candidates = Object.keys(doc.paths)
      .filter((p) => doc.paths[p]?.[method])
      .filter((p) => new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(url))
      .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
    return candidates[0] ?? url;
  }

  /** The declared schema of one answer, as a JSON pointer into the document. */
  function validatorFor(path: string, method: string, status: number): ValidateFunction | undefined {
    const key = `${method} ${path} ${status}`;
    const cached = validators.get(key);
    if (cached) return cached;
    const responses = doc.paths[path]?.[method]?.responses ?? {};
    const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
    let entry = responses[String(status)];
    let at = `/paths/${escape(path)}/${method}/responses/${status}`;
    // shared error answers are named once under components.responses
    const shared = (entry as { $ref?: string } | undefined)?.$ref;
    if (shared) {
      at = shared.slice(1);
      entry = doc.components.responses[shared.split('/').pop()!];
    }
    if (!entry?.content?.['application/json']) return undefined;
    const pointer = `doc#${at}/content/${escape('application/json')}/schema`;
    const v = ajv.compile({ $ref: pointer });
    validators.set(key, v);
    return v;
  }

  /** Calls a route and checks its answer against the document; answers the parsed body. */
  async function check(
    method: string,
    url: string,
    opts: { as?: Session; payload?: unknown; headers?: Record<string, string>; status?: number } = {},
  ): Promise<Record<string, unknown>> {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...(opts.headers ?? {}), ...(opts.as?.headers ?? {}) },
      ...(opts.payload === undefined ? {} : { payload: opts.payload as object }),
    });
    const path = templateOf(method.toLowerCase(), url.split('?')[0]!);
    if (opts.status !== undefined) expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(opts.status);
    const responses = doc.paths[path]?.[method.toLowerCase()]?.responses ?? {};
    expect(Object.keys(responses), `${method} ${path} documents status ${res.statusCode}`).toContain(
      String(res.statusCode),
    );
    const validate = validatorFor(path, method.toLowerCase(), res.statusCode);
    expect(validate, `${method} ${path} ${res.statusCode} has a JSON schema`).toBeDefined();
    const body = res.json() as Record<string, unknown>;
    const ok = validate!(body);
    expect(
      ok,
      `${method} ${url} ${res.statusCode} against its schema: ${JSON.stringify(validate!.errors)}\n${res.body.slice(0, 600)}`,
    ).toBe(true);
    return body;
  }

  it('sends exactly the bytes the handler returned (JSON.stringify), with every field and null kept', async () => {
    const visitor = await newVisitor(t, 'bytes-visitor', { email: 'b@example.com' });
    const { room } = await openRoom(t, visitor.token);
    const samples: Array<{ url: string; headers?: Record<string, string> }> = [
      { url: '/api/v1/me', headers: admin.headers },
      { url: '/api/v1/webhooks/endpoints', headers: admin.headers },
      { url: '/api/v1/users.list', headers: admin.headers },
      { url: '/api/health/live' },
      { url: '/api/info' },
      { url: `/api/v1/livechat/room?token=${visitor.token}` },
      { url: `/api/v1/rooms.info?roomId=${room._id}`, headers: admin.headers },
      { url: '/api/v1/livechat/dashboard', headers: admin.headers },
    ];
    let sawNull = false;
    for (const s of samples) {
      const res = await app.inject({ method: 'GET', url: s.url, headers: s.headers ?? {} });
      expect(res.statusCode, `${s.url}: ${res.body}`).toBe(200);
      const plain = [...returned.values()].includes(res.body);
      expect(plain, `${s.url}: the wire bytes equal JSON.stringify of the handler's value`).toBe(true);
      if (res.body.includes(':null')) sawNull = true;
    }
    // nulls reached the wire as null (fast-json-stringify would have made some of them "")
    expect(sawNull).toBe(true);
    // a field no schema declares still reaches the client (/me's createdAt is not in StaffUser)
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: admin.headers });
    expect(me.json()).toHaveProperty('createdAt');
  });

  it('schemas refuse answers of the wrong shape (the check can fail)', () => {
    const me = validatorFor('/api/v1/me', 'get', 200)!;
    expect(me({ success: true })).toBe(false);
    const endpoint = validatorFor('/api/v1/webhooks/deliveries/{_id}', 'get', 404)!;
    expect(endpoint({ success: false, error: 'x', errorType: 'no-such-code' })).toBe(false);
    expect(endpoint({ success: false, error: 'x [error-invalid-delivery]', errorType: 'error-invalid-delivery' })).toBe(
      true,
    );
  });

  it('answers what the document declares, on a sample of routes', async () => {
    const agent = await availableAgent(t, 'schema-agent');
    const manager = await createStaff(t, 'schema-manager', ['livechat-manager']);
    const visitor = await newVisitor(t, 'schema-visitor', { email: 'v@example.com' });
    const { room } = await openRoom(t, visitor.token);
    const sent = await check('POST', '/api/v1/livechat/message', {
      payload: { token: visitor.token, rid: room._id, msg: 'hello' },
      status: 200,
    });
    expect(sent).toHaveProperty('message');
    await check('POST', '/api/v1/login', { payload: { user: 'admin', password: ADMIN_PASS }, status: 200 });
    await check('POST', '/api/v1/login', { payload: { user: 'admin', password: 'wrong-password' }, status: 401 });
    await check('GET', '/api/v1/me', { as: agent, status: 200 });
    await check('GET', '/api/v1/me', { status: 401 });
    await check('GET', '/api/v1/users.list', { as: admin, status: 200 });
    await check('GET', '/api/v1/users.list', { as: agent, status: 403 });
    await check('GET', `/api/v1/users.info?userId=${agent.userId}`, { as: admin, status: 200 });
    await check('GET', '/api/v1/livechat/department', { as: manager, status: 200 });
    await check('GET', '/api/v1/livechat/users/agent', { as: manager, status: 200 });
    await check('GET', '/api/v1/livechat/rooms', { as: manager, status: 200 });
    await check('GET', '/api/v1/livechat/inquiries.queued', { as: agent, status: 200 });
    await check('GET', `/api/v1/rooms.info?roomId=${room._id}`, { as: admin, status: 200 });
    await check('GET', `/api/v1/livechat/messages.history/${room._id}?token=${visitor.token}`, { status: 200 });
    await check('GET', `/api/v1/livechat/room?token=${visitor.token}`, { status: 200 });
    await check('GET', `/api/v1/livechat/transcript/${room._id}`, { as: admin, status: 200 });
    await check('POST', '/api/v1/livechat/message', { payload: { token: visitor.token }, status: 400 });
    await check('POST', '/api/v1/livechat/visitor', {
      payload: { visitor: { token: 'schema-visitor-2' } },
      status: 200,
    });
    await check('GET', `/api/v1/livechat/visitor/${visitor.token}`, { status: 200 });
    await check('GET', `/api/v1/livechat/visitors.info?visitorId=${visitor._id}`, { as: admin, status: 200 });
    await check('GET', `/api/v1/livechat/visitor/${visitor.token}/room`, { as: admin, status: 200 });
    await check('GET', `/api/v1/livechat/${room._id}/messages`, { as: admin, status: 200 });
    await check('GET', `/api/v1/livechat/inquiries.getOne?roomId=${room._id}`, { as: admin, status: 200 });
    await check('GET', '/api/v1/livechat/department/no-such-department', { as: admin, status: 200 });
    await check('GET', '/api/v1/settings/Livechat_enabled', { as: admin, status: 200 });
    await check('POST', '/api/v1/settings/Livechat_enabled', { as: admin, payload: { value: true }, status: 200 });
    await check('GET', `/api/v1/users.getStatus?userId=${agent.userId}`, { as: admin, status: 200 });
    await check('GET', `/api/v1/livechat/users/agent/${agent.userId}`, { as: admin, status: 200 });
    await check('GET', '/api/v1/livechat/tags/no-such-tag', { as: admin, status: 200 });
    await check('GET', `/api/v1/livechat/visitors.searchChats/room/${room._id}/visitor/${visitor._id}`, {
      as: admin,
      status: 200,
    });
    await check('POST', '/api/v1/livechat/page.visited', {
      payload: {
        token: visitor.token,
        rid: room._id,
        pageInfo: { title: 'Home', location: { href: 'https://a.example/' } },
      },
    });
    // writes: whatever status they answer must be documented and match its schema
    await check('POST', '/api/v1/users.update', {
      as: admin,
      payload: { userId: manager.userId, data: { name: 'M' } },
    });
    await check('POST', '/api/v1/users.resetPassword', { as: admin, payload: { userId: manager.userId }, status: 200 });
    await check('POST', '/api/v1/livechat/agent.status', { as: agent, payload: { status: 'available' }, status: 200 });
    await check('POST', '/api/v1/livechat/visitor.status', { payload: { token: visitor.token, status: 'online' } });
    await check('POST', '/api/v1/livechat/custom.field', { payload: { token: visitor.token, key: 'k', value: 'v' } });
    await check('POST', '/api/v1/chat.sendMessage', { as: agent, payload: { message: { rid: room._id, msg: 'hi' } } });
    await check('POST', '/api/v1/livechat/room.note', { as: admin, payload: { rid: room._id, msg: 'a note' } });
    await check('POST', '/api/v1/livechat/messages', {
      as: admin,
      payload: { visitor: { token: 'schema-import' }, messages: [{ msg: 'imported' }] },
    });
    await check('POST', '/api/v1/livechat/transcript', {
      payload: { token: visitor.token, rid: room._id, email: 'v@example.com' },
    });
    const created = await check('POST', '/api/v1/webhooks/endpoints', {
      as: admin,
      payload: { url: 'http://127.0.0.1:9/hook', events: ['Message'] },
      status: 200,
    });
    const endpointId = (created.endpoint as { _id: string })._id;
    await check('GET', `/api/v1/webhooks/endpoints/${endpointId}`, { as: admin, status: 200 });
    await check('GET', '/api/v1/webhooks/endpoints/nope', { as: admin, status: 404 });
    await check('GET', '/api/v1/webhooks/endpoints', { as: admin, status: 200 });
    await check('GET', '/api/v1/webhooks/deliveries', { as: admin, status: 200 });
    await check('GET', `/api/v1/webhooks/endpoints/${endpointId}/secret`, { as: admin, status: 200 });
    await check('GET', '/api/v1/webhooks/deliveries/nope', { as: admin, status: 404 });
    await check('PATCH', `/api/v1/webhooks/endpoints/${endpointId}`, {
      as: admin,
      payload: { description: 'CRM' },
      status: 200,
    });
  });

  it('answers what the document declares on every GET route without path parameters', async () => {
    const skip = new Set(['/api/v1/stream', '/metrics', '/api/docs/json', '/api/docs/yaml']);
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get || path.includes('{') || skip.has(path)) continue;
      // no query: routes that need one answer their documented 400
      await check('GET', path, { as: admin });
      checked.push(path);
    }
    expect(checked.length).toBeGreaterThan(40);
  });
});
