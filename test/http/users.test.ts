/**
 * The users.* routes: administration, deactivation effects, the last admin, one's own account.
 * On both dialects (PostgreSQL when a server answers; test/helpers/db.ts says when it is skipped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASS, call, createStaff, login, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

type U = { _id: string; username: string; name: string; roles: string[]; active: boolean; statusLivechat: string };

const dialects = [
  { dialect: 'sqlite' as const },
  ...((await postgresAvailable()) ? [{ dialect: 'postgres' as const }] : []),
];

describe.each(dialects)('users administration ($dialect)', ({ dialect }) => {
  let t: TestApp;
  let manager: Session;
  let agent: Session & { username: string };
  beforeAll(async () => {
    t = await makeApp({ dialect });
    manager = await createStaff(t, 'mona', ['livechat-manager']);
    agent = await createStaff(t, 'abe', ['livechat-agent']);
  });
  afterAll(async () => t.close());

  const userRow = (id: string) =>
    t.services.db.selectFrom('users').selectAll().where('_id', '=', id).executeTakeFirst();
  const canLogin = async (user: string, password: string) =>
    (await call(t, { method: 'POST', url: '/api/v1/login', payload: { user, password } })).status === 200;

  it('creates, finds and lists users (text over username, name and e-mail; total and paging)', async () => {
    const c = await call(t, {
      method: 'POST',
      url: '/api/v1/users.create',
      as: t.admin,
      payload: {
        username: 'zoe',
        password: 'zoe-pass-123',
        name: 'Zoë Quinn',
        email: 'zq@corp.test',
        roles: ['livechat-agent'],
      },
    });
    expect(c.status).toBe(200);
    const zoe = c.body.user as U;
    expect(zoe).toMatchObject({ username: 'zoe', name: 'Zoë Quinn', roles: ['livechat-agent'], active: true });
    expect(zoe).not.toHaveProperty('password_hash');
    const byId = await call(t, { method: 'GET', url: `/api/v1/users.info?userId=${zoe._id}`, as: t.admin });
    expect((byId.body.user as U).username).toBe('zoe');
    const byName = await call(t, { method: 'GET', url: '/api/v1/users.info?username=ZOE', as: manager });
    expect((byName.body.user as U)._id).toBe(zoe._id);
    for (const text of ['zo', 'QUINN', 'corp.test']) {
      const l = await call(t, {
        method: 'GET',
        url: `/api/v1/users.list?text=${encodeURIComponent(text)}`,
        as: t.admin,
      });
      expect(
        (l.body.users as U[]).map((u) => u.username),
        text,
      ).toEqual(['zoe']);
    }
    // LIKE wildcards in the text are literal
    const wild = await call(t, { method: 'GET', url: '/api/v1/users.list?text=%25', as: t.admin });
    expect(wild.body.total).toBe(0);
    const all = await call(t, { method: 'GET', url: '/api/v1/users.list?count=2&offset=1', as: t.admin });
    expect(all.body).toMatchObject({ count: 2, offset: 1, total: 4, success: true });
    expect((all.body.users as U[]).map((u) => u.username)).toEqual(['admin', 'mona']);
    const agents = await call(t, { method: 'GET', url: '/api/v1/users.list?role=livechat-agent', as: t.admin });
    expect((agents.body.users as U[]).map((u) => u.username)).toEqual(['abe', 'zoe']);
  });

  it('updates name, username, e-mail and roles; a new password ends the sessions', async () => {
    const s = await createStaff(t, 'ed', ['livechat-agent']);
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/users.update',
      as: t.admin,
      payload: {
        userId: s.userId,
        data: { name: 'Edward', username: 'edward', email: 'edward@corp.test', roles: ['livechat-manager'] },
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ name: 'Edward', username: 'edward', roles: ['livechat-manager'] });
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: s })).status).toBe(200);
    const p = await call(t, {
      method: 'POST',
      url: '/api/v1/users.update',
      as: t.admin,
      payload: { userId: s.userId, data: { password: 'brand-new-pass' } },
    });
    expect(p.status).toBe(200);
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: s })).status).toBe(401);
    expect(await canLogin('edward', 'ed-pass-123')).toBe(false);
    expect(await canLogin('edward', 'brand-new-pass')).toBe(true);
  });

  it('resetPassword generates a password returned once, and ends the sessions', async () => {
    const s = await createStaff(t, 'rita', ['livechat-agent']);
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/users.resetPassword',
      as: t.admin,
      payload: { userId: s.userId },
    });
    expect(r.status).toBe(200);
    const password = r.body.password as string;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: s })).status).toBe(401);
    expect(await canLogin('rita', 'rita-pass-123')).toBe(false);
    expect(await canLogin('rita', password)).toBe(true);
  });

  it('deactivating an agent ends their sessions, stops logins and routing, and queues their open chats', async () => {
    const a = await availableAgent(t, 'dora');
    await newVisitor(t, 'v-dora');
    const { room } = await openRoom(t, 'v-dora');
    expect(room.servedBy?.username).toBe('dora');
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/users.setActiveStatus',
      as: t.admin,
      payload: { userId: a.userId, activeStatus: false },
    });
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ _id: a.userId, active: false });
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: a })).status).toBe(401);
    expect(await canLogin('dora', 'dora-pass-123')).toBe(false);
    const tokens = await t.services.db
      .selectFrom('auth_tokens')
      .select('user_id')
      .where('user_id', '=', a.userId)
      .execute();
    expect(tokens).toEqual([]);
    expect((await userRow(a.userId))?.status_livechat).toBe('not-available');
    const after = await t.services.db
      .selectFrom('rooms')
      .selectAll()
      .where('_id', '=', room._id)
      .executeTakeFirstOrThrow();
    expect(after.served_by_id).toBeNull();
    const inq = await t.services.db
      .selectFrom('inquiries')
      .selectAll()
      .where('rid', '=', room._id)
      .executeTakeFirstOrThrow();
    expect(inq.status).toBe('queued');
    expect((await roomEvents(t, room._id)).map((e) => e.type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionTaken',
      'LivechatSessionQueued',
    ]);
    // reactivated: can log in again, but is not made available by it
    const back = await call(t, {
      method: 'POST',
      url: '/api/v1/users.setActiveStatus',
      as: t.admin,
      payload: { userId: a.userId, activeStatus: true },
    });
    expect(back.body.user).toEqual({ _id: a.userId, active: true });
    expect(await canLogin('dora', 'dora-pass-123')).toBe(true);
    expect((await userRow(a.userId))?.status_livechat).toBe('not-available');
    // the chat left in the queue goes to the next agent who becomes available
    await availableAgent(t, 'dora2');
    const taken = await t.services.db
      .selectFrom('rooms')
      .selectAll()
      .where('_id', '=', room._id)
      .executeTakeFirstOrThrow();
    expect(taken.served_by_username).toBe('dora2');
  });

  it('in auto routing, a deleted agent’s open chat goes straight to another available agent', async () => {
    const first = await availableAgent(t, 'fay');
    await newVisitor(t, 'v-fay');
    const { room } = await openRoom(t, 'v-fay');
    expect(room.servedBy?.username).toBe('fay');
    const other = await availableAgent(t, 'gil');
    await call(t, { method: 'POST', url: '/api/v1/users.delete', as: t.admin, payload: { userId: first.userId } });
    expect(await userRow(first.userId)).toBeUndefined();
    const r = await t.services.db.selectFrom('rooms').selectAll().where('_id', '=', room._id).executeTakeFirstOrThrow();
    expect(r.served_by_id).toBe(other.userId);
    expect((await roomEvents(t, room._id)).map((e) => e.type).slice(-2)).toEqual([
      'LivechatSessionQueued',
      'LivechatSessionTaken',
    ]);
  });

  it('never leaves the app without an active admin', async () => {
    const tries = [
      { url: '/api/v1/users.setActiveStatus', payload: { userId: t.admin.userId, activeStatus: false } },
      { url: '/api/v1/users.delete', payload: { userId: t.admin.userId } },
      { url: '/api/v1/users.update', payload: { userId: t.admin.userId, data: { roles: ['livechat-agent'] } } },
      { url: '/api/v1/users.update', payload: { userId: t.admin.userId, data: { active: false } } },
    ];
    for (const p of tries) {
      const r = await call(t, { method: 'POST', as: t.admin, ...p });
      expect(r.status, p.url).toBe(400);
      expect(r.body.errorType).toBe('error-action-not-allowed');
    }
    const row = await userRow(t.admin.userId);
    expect(row).toMatchObject({ active: 1, roles: JSON.stringify(['admin', 'user']) });
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: t.admin })).status).toBe(200);
    // with a second admin, the first may step down
    const second = await createStaff(t, 'ada', ['admin']);
    const ok = await call(t, {
      method: 'POST',
      url: '/api/v1/users.setActiveStatus',
      as: second,
      payload: { userId: t.admin.userId, activeStatus: false },
    });
    expect(ok.status).toBe(200);
    await call(t, {
      method: 'POST',
      url: '/api/v1/users.setActiveStatus',
      as: second,
      payload: { userId: t.admin.userId, activeStatus: true },
    });
    t.admin = await login(t.app, 'admin', ADMIN_PASS);
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const before = await userRow(agent.userId);
    const bad: [string, Record<string, unknown>, string][] = [
      ['/api/v1/users.update', { data: { name: 'x' } }, 'invalid-params'],
      ['/api/v1/users.update', { userId: agent.userId, data: { roles: ['root'] } }, 'invalid-params'],
      ['/api/v1/users.update', { userId: agent.userId, data: { password: 'short' } }, 'invalid-params'],
      ['/api/v1/users.update', { userId: agent.userId, data: { email: 'not-an-email' } }, 'invalid-params'],
      ['/api/v1/users.update', { userId: agent.userId, data: { username: 'bad name!' } }, 'error-invalid-user'],
      ['/api/v1/users.update', { userId: agent.userId, data: { username: 'MONA' } }, 'error-username-taken'],
      ['/api/v1/users.update', { userId: agent.userId, data: { email: 'mona@example.com' } }, 'error-email-taken'],
      ['/api/v1/users.update', { userId: agent.userId, data: { name: 'x', services: {} } }, 'invalid-params'],
      ['/api/v1/users.update', { userId: 'nobody', data: { name: 'x' } }, 'error-user-not-found'],
      ['/api/v1/users.setActiveStatus', { userId: agent.userId, activeStatus: 'no' }, 'invalid-params'],
      ['/api/v1/users.setActiveStatus', { userId: 'nobody', activeStatus: false }, 'error-user-not-found'],
      ['/api/v1/users.delete', {}, 'invalid-params'],
      ['/api/v1/users.delete', { userId: 'nobody' }, 'error-user-not-found'],
      ['/api/v1/users.resetPassword', { userId: 'nobody' }, 'error-user-not-found'],
      ['/api/v1/users.create', { username: 'abe', password: 'abe-pass-1234' }, 'error-username-taken'],
    ];
    for (const [url, payload, code] of bad) {
      const r = await call(t, { method: 'POST', url, as: t.admin, payload });
      expect([r.status, r.body.errorType], `${url} ${JSON.stringify(payload)}`).toEqual([400, code]);
    }
    for (const q of ['', '?userId=nobody', '?username=nobody', '?userId=a%20b']) {
      const r = await call(t, { method: 'GET', url: `/api/v1/users.info${q}`, as: t.admin });
      expect(r.status, q).toBe(400);
      expect(r.body.errorType).toBe(q.includes('nobody') ? 'error-user-not-found' : 'invalid-params');
    }
    const l = await call(t, { method: 'GET', url: '/api/v1/users.list?count=-1', as: t.admin });
    expect(l.body.errorType).toBe('invalid-params');
    expect(await userRow(agent.userId)).toEqual(before);
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: agent })).status).toBe(200);
  });

  it('permission matrix: admins write, managers read, agents and anonymous callers get nothing', async () => {
    const target = await createStaff(t, 'pm-target', ['livechat-agent']);
    const routes: { method: 'GET' | 'POST'; url: string; payload?: unknown; managerReads?: boolean }[] = [
      { method: 'GET', url: '/api/v1/users.list', managerReads: true },
      { method: 'GET', url: `/api/v1/users.info?userId=${target.userId}`, managerReads: true },
      { method: 'POST', url: '/api/v1/users.create', payload: { username: 'pm-new', password: 'pm-new-pass-1' } },
      { method: 'POST', url: '/api/v1/users.update', payload: { userId: target.userId, data: { name: 'changed' } } },
      { method: 'POST', url: '/api/v1/users.setActiveStatus', payload: { userId: target.userId, activeStatus: false } },
      { method: 'POST', url: '/api/v1/users.resetPassword', payload: { userId: target.userId } },
      { method: 'POST', url: '/api/v1/users.delete', payload: { userId: target.userId } },
    ];
    for (const r of routes) {
      const anon = await call(t, { method: r.method, url: r.url, payload: r.payload as object });
      expect([r.url, anon.status, anon.body.errorType]).toEqual([r.url, 401, 'unauthorized']);
      const ag = await call(t, { method: r.method, url: r.url, payload: r.payload as object, as: agent });
      expect([r.url, ag.status, ag.body.errorType]).toEqual([r.url, 403, 'error-unauthorized']);
      const mg = await call(t, { method: r.method, url: r.url, payload: r.payload as object, as: manager });
      expect([r.url, mg.status]).toEqual([r.url, r.managerReads ? 200 : 403]);
    }
    // nothing the refused callers sent took effect
    expect(await userRow(target.userId)).toMatchObject({ name: 'pm-target', active: 1 });
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: target })).status).toBe(200);
    for (const r of routes) {
      const ad = await call(t, { method: r.method, url: r.url, payload: r.payload as object, as: t.admin });
      expect([r.url, ad.status]).toEqual([r.url, 200]);
    }
    expect(await userRow(target.userId)).toBeUndefined();
  });

  it('updateOwnBasicInfo: anyone changes their name; a new password needs the current one', async () => {
    const me = await createStaff(t, 'olga', ['livechat-agent']);
    const other = await login(t.app, 'olga', 'olga-pass-123');
    const own = (data: Record<string, unknown>, as: Session = me) =>
      call(t, { method: 'POST', url: '/api/v1/users.updateOwnBasicInfo', as, payload: { data } });
    const named = await own({ name: 'Olga K.' });
    expect(named.status).toBe(200);
    expect((named.body.user as U).name).toBe('Olga K.');
    const before = await userRow(me.userId);
    for (const [data, code] of [
      [{ newPassword: 'olga-new-pass' }, 'error-invalid-password'],
      [{ currentPassword: 'wrong-one', newPassword: 'olga-new-pass' }, 'error-invalid-password'],
      [{ currentPassword: 'olga-pass-123', newPassword: 'short' }, 'invalid-params'],
      [{ currentPassword: 'wrong-one', email: 'olga2@example.com' }, 'error-invalid-password'],
      [{ username: 'olga2' }, 'error-not-allowed'],
      [{ roles: ['admin'] }, 'invalid-params'],
      [{ name: '   ' }, 'invalid-params'],
    ] as const) {
      const r = await own(data);
      expect([JSON.stringify(data), r.status, r.body.errorType]).toEqual([
        JSON.stringify(data),
        code === 'error-not-allowed' ? 403 : 400,
        code,
      ]);
    }
    expect(await userRow(me.userId)).toEqual(before);
    const changed = await own({ currentPassword: 'olga-pass-123', newPassword: 'olga-new-pass' });
    expect(changed.status).toBe(200);
    // this session stays; the other one ends
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: me })).status).toBe(200);
    expect((await call(t, { method: 'GET', url: '/api/v1/me', as: other })).status).toBe(401);
    expect(await canLogin('olga', 'olga-pass-123')).toBe(false);
    expect(await canLogin('olga', 'olga-new-pass')).toBe(true);
    const anon = await call(t, {
      method: 'POST',
      url: '/api/v1/users.updateOwnBasicInfo',
      payload: { data: { name: 'x' } },
    });
    expect(anon.status).toBe(401);
  });
});
