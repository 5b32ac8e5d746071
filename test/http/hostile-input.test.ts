/**
 * Hostile input over every documented route: the rule is that bad input (malformed JSON, wrong
 * types, oversized bodies, unknown ids, hostile URLs, header injection) gets a clear 4xx with a
 * stable error code, the server never answers 500 to input and never loses stored data.
 *
 * The route list comes from the generated OpenAPI document, so a new route is covered the day it
 * is added. For each route a battery of requests is sent as admin (with the visitor token where
 * the route takes one); every violation is collected and the test fails once with the full list.
 * It runs on SQLite and, when a server answers, on PostgreSQL (which refuses NUL in text).
 * Also: every setting with wrong-typed values, hostile multipart uploads, cookie/query auth, and
 * DDP frames naming hostile rooms. The stored fixtures are checked afterwards.
 *
 * HOSTILE_STATS=/tmp/x writes every request's status, case and body excerpt to /tmp/x.<dialect>.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASS, call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';
import { ddpConnect, listen } from '../e2e/ddp-helpers.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
}

interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

type Doc = { paths: Record<string, Record<string, Operation>> };

interface Case {
  name: string;
  url: string;
  method: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** An exact status this case must get (besides the general rules). */
  expectStatus?: number;
  /** The case must be refused (4xx). */
  expect4xx?: boolean;
}

interface Violation {
  method: string;
  url: string;
  case: string;
  status: number;
  body: string;
}

const SKIP = [/^\/api\/docs/, /^\/metrics$/, /^\/api\/v1\/stream$/, /^\/livechat(\/|$)/, /^\/websocket/];
const LONG = 'a'.repeat(100_000);
const CRLF_NUL = 'a\r\nX-Injected: 1\r\n\r\n<x>\u0000b';
const UNICODE = '\u202e\u{1d54f}\ud800\ufeff';
const HOSTILE_URLS = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]:22/',
  'http://0x7f000002/',
  'http://user:pw@127.0.0.1:9/',
  'http://127.0.0.1:9/a\r\nHost: evil',
  'http://%00/',
  'http://999.999.999.999/',
  'http://127.0.0.1:99999/',
  'http://xn--/',
  `http://${'a'.repeat(3000)}.example/`,
];

/** Merges allOf and picks the first non-null anyOf/oneOf variant (objects first). */
function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.allOf) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf.map(resolve)) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
      if (part.additionalProperties !== undefined) merged.additionalProperties = part.additionalProperties;
    }
    return merged;
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const nonNull = variants.filter((v) => v.type !== 'null');
    const obj = nonNull.find((v) => resolve(v).type === 'object');
    return resolve(obj ?? nonNull[0] ?? variants[0]);
  }
  return schema;
}

function typeOf(schema: Schema): string | undefined {
  const s = resolve(schema);
  if (s.const !== undefined) return typeof s.const;
  if (s.enum) return typeof s.enum[0];
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

const pgUp = await postgresAvailable();

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('hostile input on every route ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let agentId: string;
  let agentName: string;
  /** The user the user-administration routes act on: updating or deleting it is what they do. */
  let subjectId: string;
  let token: string;
  let visitorId: string;
  let roomId: string;
  let messageId: string;
  let departmentId: string;
  let endpointId: string;
  let deliveryId = 'nodelivery1';
  let seq = 0;

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect, env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    const agent = await availableAgent(t, 'hq-agent');
    agentId = agent.userId;
    agentName = agent.username;
    subjectId = (await createStaff(t, 'hq-subject', ['livechat-agent'])).userId;
    token = 'hq-visitor-token';
    visitorId = (await newVisitor(t, token))._id;
    roomId = (await openRoom(t, token)).room._id;
    const msg = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token, rid: roomId, msg: 'hello there' },
    });
    if (msg.status !== 200) throw new Error(`message: ${msg.res.body}`);
    messageId = (msg.body.message as { _id: string })._id;
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: {
        department: { enabled: true, name: 'HQ Sales', showOnRegistration: true, showOnOfflineForm: true },
        agents: [{ agentId }],
      },
    });
    if (dep.status !== 200) throw new Error(`department: ${dep.res.body}`);
    departmentId = (dep.body.department as { _id: string })._id;
    const ep = await call(t, {
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: t.admin,
      payload: { url: 'http://127.0.0.1:9/hook', events: ['Message', 'LivechatSessionStart'], description: 'hq' },
    });
    if (ep.status !== 200) throw new Error(`endpoint: ${ep.res.body}`);
    endpointId = (ep.body.endpoint as { _id: string })._id;
    await call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: { token, rid: roomId, msg: 'second' } });
    const deliveries = await call(t, { method: 'GET', url: '/api/v1/webhooks/deliveries', as: t.admin });
    const first = (deliveries.body.deliveries as { _id: string }[] | undefined)?.[0];
    if (first) deliveryId = first._id;
  });
  afterAll(async () => t?.close());

  /** A plausible valid value for a field, by its name first, then by its schema. */
  function sample(schema: Schema | undefined, name: string, route: string): unknown {
    const s = resolve(schema);
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[0];
    const type = typeOf(s);
    if (type === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key], key, route);
      return out;
    }
    if (type === 'array') {
      if (name === 'events') return ['Message'];
      return (s.minItems ?? 0) > 0 ? [sample(s.items, name, route)] : [];
    }
    if (type === 'integer' || type === 'number') {
      const min = s.minimum ?? 1;
      return Math.max(min, Math.min(s.maximum ?? 1, 1));
    }
    if (type === 'boolean') return false;
    // strings
    switch (name) {
      case 'token':
        return token;
      case 'rid':
      case 'roomId':
      case 'roomData._id':
        return roomId;
      case 'guestData._id':
        return visitorId;
      case 'agentId':
      case 'userId':
        return /users\.(update|delete|setActiveStatus|resetPassword)/.test(route) ? subjectId : agentId;
      case 'department':
      case 'departmentId':
        return departmentId;
      case 'username':
        return route.includes('users.create') ? `hq-user-${++seq}` : agentName;
      case 'password':
        return route.includes('login') ? 'not-the-password' : 'hostile-pass-123';
      case 'url':
        return 'http://127.0.0.1:9/hook';
      case 'email':
        return 'someone@example.com';
      case 'msg':
      case 'message':
        return 'hello';
    }
    if (s.format === 'date-time') return new Date(0).toISOString();
    if (s.format === 'email' || /email/i.test(name)) return 'someone@example.com';
    return 'x'.repeat(Math.max(3, s.minLength ?? 0));
  }

  /** The sample body with `value` placed at `path` (intermediate objects sampled). */
  function build(
    schema: Schema | undefined,
    path: (string | number)[],
    value: unknown,
    route: string,
    name = '',
  ): unknown {
    if (path.length === 0) return value;
    const s = resolve(schema);
    const [key, ...rest] = path;
    if (typeof key === 'number') return [build(s.items, rest, value, route, name)];
    const base = (sample(s, name, route) ?? {}) as Record<string, unknown>;
    const childName = name ? `${name}.${key}` : key!;
    const known = ['roomData._id', 'guestData._id'].includes(childName) ? childName : key!;
    base[key!] = build(s.properties?.[key!], rest, value, route, known);
    return base;
  }

  /** Every leaf under an object schema, as paths (arrays of objects step into item 0). */
  function leaves(schema: Schema, depth = 0): { path: (string | number)[]; schema: Schema }[] {
    const s = resolve(schema);
    const out: { path: (string | number)[]; schema: Schema }[] = [];
    if (depth > 3) return out;
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      out.push({ path: [key], schema: child });
      const c = resolve(child);
      if (typeOf(c) === 'object' && c.properties) {
        for (const l of leaves(c, depth + 1)) out.push({ path: [key, ...l.path], schema: l.schema });
      } else if (typeOf(c) === 'array' && c.items && typeOf(c.items) === 'object' && resolve(c.items).properties) {
        for (const l of leaves(c.items, depth + 1)) out.push({ path: [key, 0, ...l.path], schema: l.schema });
      }
    }
    return out;
  }

  /** Wrong-type and hostile values for one field. */
  function mutations(schema: Schema, name: string): [string, unknown][] {
    const type = typeOf(schema);
    const out: [string, unknown][] = [
      ['null', null],
      ['array', ['a', 1]],
      ['long-string', LONG],
      ['empty-string', ''],
      ['crlf-nul', CRLF_NUL],
      ['unicode', UNICODE],
    ];
    if (type === 'string') out.push(['number-for-string', 12345], ['object-for-string', { $gt: '' }]);
    if (/url/i.test(name)) out.push(...HOSTILE_URLS.map((u, i): [string, unknown] => [`hostile-url-${i}`, u]));
    if (type === 'integer' || type === 'number')
      out.push(['object-for-number', { a: 1 }], ['huge-number', 1e300], ['negative', -1], ['fraction', 0.5]);
    if (type === 'boolean') out.push(['string-for-boolean', 'yes'], ['number-for-boolean', 1]);
    if (type === 'array')
      out.push(
        ['object-for-array', { 0: 'a' }],
        ['nested-arrays', [[['a']]]],
        ['many-items', Array.from({ length: 5000 }, () => 'a')],
      );
    if (type === 'object')
      out.push(['string-for-object', 'str'], ['record-crlf', { 'x\r\ny': CRLF_NUL, '': '', ['a'.repeat(1000)]: 1 }]);
    return out;
  }

  /** JSON with real __proto__ / constructor keys (a JS literal would set the prototype instead). */
  function withProtoKeys(body: unknown): string {
    const obj = {
      ...(typeof body === 'object' && body && !Array.isArray(body) ? body : {}),
      PROTO_KEY: { polluted: 1 },
      constructor: { prototype: { polluted: 1 } },
    };
    return JSON.stringify(obj).replace('"PROTO_KEY"', '"__proto__"');
  }

  function pathValue(route: string, method: string, name: string): string {
    if (name === 'type') return 'agent';
    // DELETE only ever names ids nobody stored: the battery must not delete the fixtures.
    if (method === 'DELETE') return name === 'token' ? 'unknown-visitor-token' : 'unknownid123';
    if (name === 'token') return token;
    if (name === 'rid') return roomId;
    if (name === 'tmid') return messageId;
    if (name === 'name') return 'file.txt';
    if (name === '_id') {
      if (route.includes('/department/')) return departmentId;
      if (route.includes('/webhooks/endpoints/')) return endpointId;
      if (route.includes('/webhooks/deliveries/')) return deliveryId;
      if (route.includes('/settings/')) return 'Livechat_title';
      if (route.includes('/livechat/users/')) return agentId;
      if (route.includes('/livechat/message/')) return messageId;
    }
    return 'unknownid123';
  }

  const HOSTILE_PATH: [string, string][] = [
    ['unknown-id', 'zzUnknown42'],
    ['very-long', 'a'.repeat(10_000)],
    ['dot-dot-slash', '..%2F..%2F..%2Fetc%2Fpasswd'],
    ['raw-dot-dot', '..'],
    ['nul', 'x%00y'],
    ['crlf', 'x%0D%0ASet-Cookie%3A%20a%3Db'],
    ['unicode', '%E2%80%AE%F0%9D%95%8F'],
    ['bad-percent', '%ZZ%'],
    ['proto', '__proto__'],
    ['constructor', 'constructor'],
  ];

  const HOSTILE_QUERY: [string, (k: string) => string][] = [
    ['empty', (k) => `${k}=`],
    ['wrong-type', (k) => `${k}=not-a-number-or-bool`],
    ['long', (k) => `${k}=${'a'.repeat(100_000)}`],
    ['crlf-nul', (k) => `${k}=${encodeURIComponent(CRLF_NUL)}`],
    ['repeated', (k) => `${k}=a&${k}=b&${k}=1`],
    ['bad-percent', (k) => `${k}=%ZZ%E0%A4%A`],
    ['json-object', (k) => `${k}=${encodeURIComponent('{"$gt":""}')}`],
    ['bracket-object', (k) => `${k}[a]=1`],
    ['unicode', (k) => `${k}=${encodeURIComponent('\u202e\u{1d54f}')}`],
  ];

  function casesFor(route: string, method: string, op: Operation): Case[] {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    const takesBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);

    const url = (pathOverride: Record<string, string> = {}, query?: string) => {
      let u = route;
      for (const p of pathParams) {
        const v = pathOverride[p.name] ?? encodeURIComponent(pathValue(route, method, p.name));
        u = u.replace(`{${p.name}}`, v);
      }
      const base = queryParams
        .filter((p) => p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name, route)))}`);
      const q = [
        ...base.filter((b) => !query || !query.startsWith(`${b.split('=')[0]}=`)),
        ...(query ? [query] : []),
      ].join('&');
      return q ? `${u}?${q}` : u;
    };
    const validBody = bodySchema ? sample(bodySchema, '', route) : {};
    const json = { 'content-type': 'application/json' };
    const cases: Case[] = [];
    const add = (c: Omit<Case, 'method'>) => cases.push({ method, ...c });

    // path parameters
    for (const p of pathParams) {
      for (const [name, value] of HOSTILE_PATH) {
        add({
          name: `path ${p.name}: ${name}`,
          url: url({ [p.name]: value }),
          ...(takesBody ? { headers: json, payload: JSON.stringify(validBody) } : {}),
        });
      }
    }
    // query parameters
    for (const p of queryParams) {
      for (const [name, q] of HOSTILE_QUERY) add({ name: `query ${p.name}: ${name}`, url: url({}, q(p.name)) });
    }
    for (const [name, q] of [
      ['unknown', 'zzUnknown=1'],
      ['__proto__', '__proto__=1&__proto__[polluted]=1'],
      ['constructor', 'constructor=1&constructor[prototype][polluted]=1'],
      ['garbage', '&&==&%&=%'],
    ] as const) {
      add({ name: `query ${name}`, url: url({}, q) });
    }
    // headers (auth and visitor headers with hostile values; Node refuses CR/LF in headers itself)
    add({ name: 'header long auth token', url: url(), headers: { 'x-auth-token-override': '1' } });
    add({
      name: 'header bad cookie',
      url: url(),
      headers: { cookie: `rc_token=%ZZ; rc_uid=${'a'.repeat(5000)}; rc_rid=%00` },
    });

    if (!takesBody) return cases;

    // whole-body cases
    add({ name: 'malformed JSON', url: url(), headers: json, payload: '{"a":', expect4xx: true });
    add({ name: 'body: JSON array', url: url(), headers: json, payload: '[]', expect4xx: !!bodySchema });
    add({ name: 'body: JSON string', url: url(), headers: json, payload: '"str"', expect4xx: !!bodySchema });
    add({ name: 'body: JSON null', url: url(), headers: json, payload: 'null', expect4xx: !!bodySchema });
    add({ name: 'body: JSON number', url: url(), headers: json, payload: '42' });
    add({ name: 'body: empty with JSON content-type', url: url(), headers: json, payload: '' });
    add({
      name: 'body: deep nesting',
      url: url(),
      headers: json,
      payload: `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
    });
    add({
      name: 'body: 2 MB',
      url: url(),
      headers: json,
      payload: JSON.stringify({ pad: 'a'.repeat(2 * 1024 * 1024) }),
      expectStatus: 413,
    });
    add({ name: 'body: prototype pollution keys', url: url(), headers: json, payload: withProtoKeys(validBody) });
    add({
      name: 'body: extra unknown property',
      url: url(),
      headers: json,
      payload: JSON.stringify({ ...(validBody as object), zzUnknown: { a: 1 } }),
    });
    add({
      name: 'content-type text/plain',
      url: url(),
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify(validBody),
      expect4xx: !!bodySchema,
    });
    add({
      name: 'content-type multipart without boundary',
      url: url(),
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'garbage',
    });
    add({
      name: 'content-type unknown',
      url: url(),
      headers: { 'content-type': 'application/x-evil' },
      payload: 'garbage',
      expect4xx: true,
    });
    add({
      name: 'content-type json utf-16',
      url: url(),
      headers: { 'content-type': 'application/json; charset=utf-16' },
      payload: Buffer.from(JSON.stringify(validBody), 'utf16le'),
    });
    add({
      name: 'body: invalid UTF-8',
      url: url(),
      headers: json,
      payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });

    if (!bodySchema) return cases;
    // each declared property (and nested ones), one hostile value at a time
    for (const leaf of leaves(bodySchema)) {
      const label = leaf.path.join('.');
      for (const [name, value] of mutations(leaf.schema, String(leaf.path.at(-1)))) {
        add({
          name: `body ${label}: ${name}`,
          url: url(),
          headers: json,
          payload: JSON.stringify(build(bodySchema, leaf.path, value, route)),
        });
      }
      // prototype keys inside nested objects
      if (typeOf(leaf.schema) === 'object') {
        const inner = build(bodySchema, leaf.path, '__INNER__', route);
        const innerValue = withProtoKeys(sample(leaf.schema, String(leaf.path.at(-1)), route));
        add({
          name: `body ${label}: prototype keys`,
          url: url(),
          headers: json,
          payload: JSON.stringify(inner).replace('"__INNER__"', innerValue),
        });
      }
    }
    return cases;
  }

  it.skipIf(!run)('answers hostile DDP subscriptions and methods (NUL, long ids) with an error frame', async () => {
    const ddp = await ddpConnect(await listen(t));
    try {
      await ddp.handshake(token);
      const hostile: [string, string][] = [
        ['nul-rid', `${roomId}\u0000`],
        ['long-rid', 'r'.repeat(10_000)],
        ['unicode-rid', '\u202e\ud800'],
      ];
      for (const [name, rid] of hostile) {
        ddp.sub(`s-${name}`, 'stream-room-messages', rid, token);
        await ddp.waitFor((f) => f.msg === 'nosub' && f.id === `s-${name}`);
        ddp.sub(`t-${name}`, 'stream-room-messages', roomId, `${token}\u0000`);
        await ddp.waitFor((f) => f.msg === 'nosub' && f.id === `t-${name}`);
        ddp.send({
          msg: 'method',
          method: 'stream-notify-room',
          params: [`${rid}/typing`, 'guest', true, { token }],
          id: `m-${name}`,
        });
        await ddp.waitFor((f) => f.msg === 'result' && f.id === `m-${name}`);
      }
      // the connection still serves the real room
      ddp.sub('ok', 'stream-room-messages', roomId, token);
      await ddp.waitFor((f) => f.msg === 'ready' && Array.isArray(f.subs) && f.subs.includes('ok'));
    } finally {
      ddp.close();
    }
  });

  it.skipIf(!run)(
    'answers every hostile request with a JSON 4xx (never 5xx) and keeps the stored data',
    async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Doc;
      const violations: Violation[] = [];
      const stats: string[] = [];
      let sent = 0;
      let routesCovered = 0;
      const logoutVictimPass = 'hq-logout-pass-123';
      await call(t, {
        method: 'POST',
        url: '/api/v1/users.create',
        as: t.admin,
        payload: { username: 'hq-logout', password: logoutVictimPass, roles: ['user'] },
      });

      async function send(c: Case, route: string): Promise<void> {
        let session: Session = t.admin;
        if (route === '/api/v1/logout') {
          // logging out is what this route does: use a throwaway session, never the admin's
          const { user, authToken } = await t.services.users.login('hq-logout', logoutVictimPass, '10.99.0.1');
          session = { userId: user._id, authToken, headers: { 'x-user-id': user._id, 'x-auth-token': authToken } };
        }
        const noSession = c.headers?.['x-no-session'] !== undefined;
        const headers: Record<string, string> = { ...(noSession ? {} : session.headers), ...(c.headers ?? {}) };
        delete headers['x-no-session'];
        if (headers['x-auth-token-override']) {
          delete headers['x-auth-token-override'];
          headers['x-auth-token'] = 'a'.repeat(10_000);
        }
        if (route.includes('/livechat/upload/'))
          headers['x-visitor-token'] = headers['x-visitor-token-override'] ?? token;
        delete headers['x-visitor-token-override'];
        let status: number;
        let text: string;
        try {
          const res = await t.app.inject({
            method: c.method as 'GET',
            url: c.url,
            headers,
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
          });
          status = res.statusCode;
          text = res.body;
        } catch (err) {
          status = -1;
          text = `inject threw: ${(err as Error).message}`;
        }
        sent++;
        if (process.env.HOSTILE_STATS)
          stats.push(`${status}\t${c.method} ${route}\t${c.name}\t${text.slice(0, 160).replace(/\s+/g, ' ')}`);
        const problems: string[] = [];
        if (status < 0 || status >= 500) problems.push('5xx or crash');
        if (c.expectStatus !== undefined && status !== c.expectStatus) problems.push(`expected ${c.expectStatus}`);
        if (c.expect4xx && (status < 400 || status >= 500)) problems.push('expected a 4xx');
        if (status >= 400) {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          const b = body as { success?: unknown; errorType?: unknown } | undefined;
          if (!b || b.success !== false || typeof b.errorType !== 'string')
            problems.push('error body is not { success: false, errorType }');
        }
        if (problems.length > 0) {
          violations.push({
            method: c.method,
            url: c.url.length > 160 ? `${c.url.slice(0, 160)}…` : c.url,
            case: `${c.name} [${problems.join('; ')}]`,
            status,
            body: text.slice(0, 240),
          });
        }
      }

      // uploads: hostile multipart parts, names, types and visitor tokens
      const multipart = (name: string, type: string, body = 'hello', field = 'file') => {
        const boundary = '----hostile';
        const payload = Buffer.concat([
          Buffer.from(
            `--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${name}"\r\ncontent-type: ${type}\r\n\r\n`,
          ),
          Buffer.from(body),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload };
      };
      const upload = `/api/v1/livechat/upload/${roomId}`;
      const stored = await t.app.inject({
        method: 'POST',
        url: upload,
        headers: { ...multipart('a.txt', 'text/plain').headers, 'x-visitor-token': token },
        payload: multipart('a.txt', 'text/plain').payload,
      });
      const fileId = (stored.json() as { message?: { file?: { _id: string } } }).message?.file?._id;
      expect(fileId, stored.body).toBeTypeOf('string');
      const uploadCases: [string, { headers: Record<string, string>; payload: Buffer }][] = [
        ['upload: NUL in file name', multipart('a\u0000b.txt', 'text/plain')],
        ['upload: CR/LF and path in file name', multipart('../../etc/passwd\r\nx.txt', 'text/plain')],
        ['upload: very long file name', multipart(`${'n'.repeat(5000)}.txt`, 'text/plain')],
        ['upload: NUL in content type', multipart('a.txt', 'text/plain\u0000; x=1')],
        ['upload: very long content type', multipart('a.txt', `text/${'p'.repeat(5000)}`)],
        ['upload: other field name', multipart('a.txt', 'text/plain', 'x', 'zz')],
        [
          'upload: truncated multipart',
          {
            headers: { 'content-type': 'multipart/form-data; boundary=zz' },
            payload: Buffer.from('--zz\r\ncontent-disposition: form-data; name="file"; filename="a"\r\n\r\nabc'),
          },
        ],
      ];
      for (const [name, c] of uploadCases)
        await send({ method: 'POST', name, url: upload, ...c }, '/api/v1/livechat/upload/{rid}');
      for (const [name, tok] of [
        ['NUL', 'a\u0000b'],
        ['long', 'a'.repeat(10_000)],
        ['unicode', '\u202e'],
      ] as const) {
        await send(
          {
            method: 'POST',
            name: `upload: visitor token ${name}`,
            url: upload,
            ...multipart('a.txt', 'text/plain'),
            headers: { ...multipart('a.txt', 'text/plain').headers, 'x-visitor-token-override': tok },
          },
          '/api/v1/livechat/upload/{rid}',
        );
      }
      // query auth (EventSource-style) and cookie auth with hostile values
      for (const [name, q] of [
        ['NUL user id', 'userId=a%00b&authToken=x'],
        ['NUL token', `userId=${agentId}&authToken=a%00b`],
        ['long values', `userId=${'a'.repeat(5000)}&authToken=${'b'.repeat(5000)}`],
      ] as const) {
        await send(
          {
            method: 'GET',
            name: `file-upload query auth: ${name}`,
            url: `/file-upload/${fileId!}/a.txt?${q}`,
            headers: { 'x-no-session': '1' },
          },
          '/file-upload/{id}/{name}',
        );
      }
      for (const [name, cookie] of [
        ['NUL uid', 'rc_uid=a%00b; rc_token=x'],
        ['NUL visitor', `rc_token=a%00b; rc_rid=${roomId}`],
        ['garbage', 'rc_uid; ;;=; rc_token=%'],
      ] as const) {
        await send(
          {
            method: 'GET',
            name: `file-upload cookie auth: ${name}`,
            url: `/file-upload/${fileId!}/a.txt`,
            headers: { 'x-no-session': '1', cookie },
          },
          '/file-upload/{id}/{name}',
        );
      }
      // staff headers with hostile values
      for (const [name, h] of [
        ['NUL user id', { 'x-user-id': 'a\u0000b', 'x-auth-token': 'x' }],
        ['NUL token', { 'x-user-id': 'abc', 'x-auth-token': 'a\u0000b' }],
        ['only a user id', { 'x-user-id': 'abc' }],
        ['array-like', { 'x-user-id': 'a, b', 'x-auth-token': 'a, b' }],
      ] as const) {
        await send(
          { method: 'GET', name: `staff headers: ${name}`, url: '/api/v1/me', headers: { 'x-no-session': '1', ...h } },
          '/api/v1/me',
        );
      }

      for (const [route, ops] of Object.entries(doc.paths)) {
        if (SKIP.some((re) => re.test(route))) continue;
        for (const [m, op] of Object.entries(ops)) {
          routesCovered++;
          for (const c of casesFor(route, m.toUpperCase(), op)) await send(c, route);
        }
      }

      // every setting, with values of every wrong type (the generic pass above only uses one id)
      const before = new Map<string, unknown>();
      const listed = await call(t, { method: 'GET', url: '/api/v1/settings?count=1000', as: t.admin });
      const ids = (listed.body.settings as { _id: string; value: unknown }[]).map((x) => {
        before.set(x._id, x.value);
        return x._id;
      });
      const settingValues: [string, unknown][] = [
        ['string', 'abc'],
        ['number', 12345],
        ['negative', -1],
        ['huge', 1e300],
        ['fraction', 0.5],
        ['boolean', true],
        ['empty', ''],
        ['crlf-nul', CRLF_NUL],
        ['max-length', 'a'.repeat(4096)],
        ['hostile-url', 'javascript:alert(1)'],
        ['metadata-url', 'http://169.254.169.254/'],
      ];
      for (const id of ids) {
        for (const [name, value] of settingValues) {
          await send(
            {
              method: 'POST',
              name: `setting ${id}: ${name}`,
              url: `/api/v1/settings/${id}`,
              headers: { 'content-type': 'application/json' },
              payload: JSON.stringify({ value }),
            },
            '/api/v1/settings/{_id}',
          );
        }
      }
      for (const [id, value] of before) await t.services.settings.set(id, value);

      // no prototype was polluted along the way
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();

      // the stored data is still there
      const visitor = await call(t, { method: 'GET', url: `/api/v1/livechat/visitor/${token}` });
      const kept = {
        visitor: visitor.status,
        message: (
          await t.services.db.selectFrom('messages').select('_id').where('_id', '=', messageId).executeTakeFirst()
        )?._id,
        room: (await t.services.db.selectFrom('rooms').select('_id').where('_id', '=', roomId).executeTakeFirst())?._id,
        department: (
          (await call(t, { method: 'GET', url: `/api/v1/livechat/department/${departmentId}`, as: t.admin })).body
            .department as { _id?: string } | null
        )?._id,
        endpoint: (await call(t, { method: 'GET', url: `/api/v1/webhooks/endpoints/${endpointId}`, as: t.admin }))
          .status,
        agentRole: ((await t.services.users.get(agentId))?.roles ?? []).includes('livechat-agent'),
        adminLogsIn: (await t.services.users.login('admin', ADMIN_PASS, '10.99.0.2')).user.username,
      };
      expect(kept).toEqual({
        visitor: 200,
        message: messageId,
        room: roomId,
        department: departmentId,
        endpoint: 200,
        agentRole: true,
        adminLogsIn: 'admin',
      });

      if (process.env.HOSTILE_STATS) writeFileSync(`${process.env.HOSTILE_STATS}.${dialect}`, stats.join('\n'));
      expect(routesCovered).toBeGreaterThan(50);
      const report = violations
        .map((v) => `${v.method} ${v.url}\n    case: ${v.case}\n    status: ${v.status}\n    body: ${v.body}`)
        .join('\n');
      expect(
        violations,
        `${violations.length} violation(s) in ${sent} requests over ${routesCovered} routes:\n${report}`,
      ).toEqual([]);
    },
    120_000,
  );
});
