/**
 * Who may call what, over the agents, departments and settings routes. Every row states the exact
 * status for each caller; a "visitor" is a request without staff headers that carries a (made-up)
 * visitor token, which must never count as a login on staff routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';

const CALLERS = ['anonymous', 'visitor', 'agent', 'manager', 'admin'] as const;
type Caller = (typeof CALLERS)[number];
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface Req {
  url: string;
  payload?: Record<string, unknown>;
}
/** A row: the request (built fresh per caller, so each allowed write has its own target) and the statuses in CALLERS order. */
type Row = [string, Method, () => Promise<Req> | Req, [number, number, number, number, number]];

const VISITOR_TOKEN = 'made-up-visitor-token';

describe('permission matrix', () => {
  let t: TestApp;
  const sessions: Partial<Record<Caller, Session>> = {};
  let n = 0;
  const dept = (name: string) => ({ enabled: true, name, showOnRegistration: true, showOnOfflineForm: true });

  beforeAll(async () => {
    t = await makeApp();
    sessions.agent = await createStaff(t, 'agent', ['livechat-agent']);
    sessions.manager = await createStaff(t, 'manager', ['livechat-manager']);
    sessions.admin = t.admin;
  });
  afterAll(async () => t.close());

  /** A fresh user with a role (for add/remove rows). */
  async function user(role?: 'livechat-agent' | 'livechat-manager') {
    const u = await t.services.users.create({
      username: `u${++n}`,
      password: 'password-123',
      roles: role ? [role] : undefined,
    });
    return u;
  }
  async function department(): Promise<string> {
    const { department } = await t.services.departments.create(dept(`d${++n}`));
    return department._id;
  }

  const A = '/api/v1/livechat/users';
  const D = '/api/v1/livechat/department';
  const S = '/api/v1/settings';
  //            anonymous visitor agent manager admin
  const rows: Row[] = [
    ['list agents', 'GET', () => ({ url: `${A}/agent` }), [401, 401, 200, 200, 200]],
    ['list managers', 'GET', () => ({ url: `${A}/manager` }), [401, 401, 403, 200, 200]],
    [
      'add agent',
      'POST',
      async () => ({ url: `${A}/agent`, payload: { username: (await user()).username } }),
      [401, 401, 403, 200, 200],
    ],
    [
      'add manager',
      'POST',
      async () => ({ url: `${A}/manager`, payload: { username: (await user()).username } }),
      [401, 401, 403, 403, 200],
    ],
    [
      'get agent',
      'GET',
      async () => ({ url: `${A}/agent/${(await user('livechat-agent'))._id}` }),
      [401, 401, 403, 200, 200],
    ],
    [
      'get manager',
      'GET',
      async () => ({ url: `${A}/manager/${(await user('livechat-manager'))._id}` }),
      [401, 401, 403, 200, 200],
    ],
    [
      'remove agent',
      'DELETE',
      async () => ({ url: `${A}/agent/${(await user('livechat-agent'))._id}` }),
      [401, 401, 403, 200, 200],
    ],
    [
      'remove manager',
      'DELETE',
      async () => ({ url: `${A}/manager/${(await user('livechat-manager'))._id}` }),
      [401, 401, 403, 403, 200],
    ],
    ['list departments', 'GET', () => ({ url: D }), [401, 401, 200, 200, 200]],
    [
      'create department',
      'POST',
      () => ({ url: D, payload: { department: dept(`new${++n}`) } }),
      [401, 401, 403, 200, 200],
    ],
    ['get department', 'GET', async () => ({ url: `${D}/${await department()}` }), [401, 401, 200, 200, 200]],
    [
      'update department',
      'PUT',
      async () => ({ url: `${D}/${await department()}`, payload: { department: dept('renamed') } }),
      [401, 401, 403, 200, 200],
    ],
    ['delete department', 'DELETE', async () => ({ url: `${D}/${await department()}` }), [401, 401, 403, 200, 200]],
    ['department agents', 'GET', async () => ({ url: `${D}/${await department()}/agents` }), [401, 401, 200, 200, 200]],
    [
      'save department agents',
      'POST',
      async () => ({
        url: `${D}/${await department()}/agents`,
        payload: { upsert: [{ agentId: (await user('livechat-agent'))._id }], remove: [] },
      }),
      [401, 401, 403, 200, 200],
    ],
    ['read public setting', 'GET', () => ({ url: `${S}/Livechat_title` }), [200, 200, 200, 200, 200]],
    ['read setting', 'GET', () => ({ url: `${S}/Livechat_webhookUrl` }), [401, 401, 403, 200, 200]],
    ['read secret setting', 'GET', () => ({ url: `${S}/Livechat_secret_token` }), [401, 401, 403, 403, 200]],
    [
      'write setting',
      'POST',
      () => ({ url: `${S}/Livechat_title`, payload: { value: 'Help' } }),
      [401, 401, 403, 403, 200],
    ],
    ['list settings', 'GET', () => ({ url: S }), [401, 401, 200, 200, 200]],
    ['list public settings', 'GET', () => ({ url: `${S}.public` }), [200, 200, 200, 200, 200]],
  ];

  it.each(rows)('%s (%s)', async (_name, method, make, expected) => {
    const got: number[] = [];
    for (const caller of CALLERS) {
      const req = await make();
      const opts: InjectOptions = { method, url: req.url };
      if (caller === 'visitor') {
        // the token rides where visitor routes look for it: the query, and the body for writes
        opts.url = `${req.url}${req.url.includes('?') ? '&' : '?'}token=${VISITOR_TOKEN}`;
        if (req.payload || method === 'POST' || method === 'PUT')
          opts.payload = { ...req.payload, token: VISITOR_TOKEN };
      } else if (req.payload) {
        opts.payload = req.payload;
      }
      const r = await call(t, { ...opts, as: sessions[caller] });
      got.push(r.status);
      if (r.status === 401) expect(r.body).toMatchObject({ success: false, errorType: 'unauthorized' });
      if (r.status === 403) expect(r.body).toMatchObject({ success: false, errorType: 'error-unauthorized' });
      if (r.status === 200) expect(r.body.success).toBe(true);
    }
    expect(Object.fromEntries(CALLERS.map((c, i) => [c, got[i]]))).toEqual(
      Object.fromEntries(CALLERS.map((c, i) => [c, expected[i]])),
    );
  });
});
