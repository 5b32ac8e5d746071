/**
 * Rocket.Chat conformance, inquiries and the queue (apps/meteor/app/livechat/imports/server/rest/
 * inquiries.ts and queue.ts, server/api/lib/inquiries.ts and queue.ts, LivechatRooms.getQueueMetrics,
 * rest-typings omnichannel.ts): `livechat/inquiries.list`, `inquiries.queuedForUser`,
 * `inquiries.getOne` and `livechat/queue`. Success shapes, orderings and each rejection, on both
 * dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

const pgUp = await postgresAvailable();
type Staff = Session & { username: string };
type Row = Record<string, unknown>;

const dialects = [
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
];

async function department(t: TestApp, name: string, agents: Staff[]): Promise<string> {
  const r = await call(t, {
    method: 'POST',
    url: '/api/v1/livechat/department',
    as: t.admin,
    payload: {
      department: {
        enabled: true,
        name,
        email: `${name}@example.com`,
        showOnRegistration: true,
        showOnOfflineForm: false,
      },
      agents: agents.map((a, i) => ({ agentId: a.userId, username: a.username, count: 0, order: i })),
    },
  });
  if (r.status !== 200) throw new Error(`department: ${r.res.body}`);
  return (r.body.department as { _id: string })._id;
}

describe.each(dialects)('Rocket.Chat inquiries ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let manager: Staff;
  let dave: Staff; // agent of Sales
  let frank: Staff; // agent of no department
  let plain: Staff;
  let sales: string;
  let support: string;
  let salesRoom: string;
  let publicRoom: string;
  let supportRoom: string;

  const get = (url: string, as: Session | undefined = manager) => call(t, { method: 'GET', url, as });
  const ids = (r: { body: Row }) => (r.body.inquiries as Row[]).map((i) => i.rid);

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    manager = await createStaff(t, 'inq-manager', ['livechat-manager']);
    dave = await createStaff(t, 'inq-dave', ['livechat-agent']);
    const erin = await createStaff(t, 'inq-erin', ['livechat-agent']);
    frank = await createStaff(t, 'inq-frank', ['livechat-agent']);
    plain = await createStaff(t, 'inq-plain', ['user']);
    sales = await department(t, 'Sales', [dave]);
    support = await department(t, 'Support', [erin]);
    // nobody is available: every chat waits in the queue, in this order
    await newVisitor(t, 'tok-q1', { department: 'Sales' });
    salesRoom = (await openRoom(t, 'tok-q1')).room._id;
    await newVisitor(t, 'tok-q2');
    publicRoom = (await openRoom(t, 'tok-q2')).room._id;
    await newVisitor(t, 'tok-q3', { department: support });
    supportRoom = (await openRoom(t, 'tok-q3')).room._id;
  });
  afterAll(async () => {
    if (run) await t.close();
  });

  describe.runIf(run)('inquiries.list', () => {
    it('is for managers (view-livechat-manager)', async () => {
      expect((await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.list' })).status).toBe(401);
      const r = await get('/api/v1/livechat/inquiries.list', dave);
      expect(r.status).toBe(403);
      expect(r.body.errorType).toBe('error-unauthorized');
    });

    it("lists queued inquiries newest first in Rocket.Chat's projection", async () => {
      const r = await get('/api/v1/livechat/inquiries.list');
      expect(r.status).toBe(200);
      expect(ids(r)).toEqual([supportRoom, publicRoom, salesRoom]);
      expect(r.body).toMatchObject({ count: 3, offset: 0, total: 3, success: true });
      const first = (r.body.inquiries as Row[])[0]!;
      expect(Object.keys(first).sort()).toEqual(['_id', 'department', 'name', 'rid', 'status', 'ts']);
      expect(first).toMatchObject({ rid: supportRoom, status: 'queued', department: support });
      expect(Object.keys((r.body.inquiries as Row[])[1]!)).not.toContain('department');
    });

    it('filters by department id or name; an unknown department filters nothing', async () => {
      expect(ids(await get(`/api/v1/livechat/inquiries.list?department=${sales}`))).toEqual([salesRoom]);
      expect(ids(await get('/api/v1/livechat/inquiries.list?department=Sales'))).toEqual([salesRoom]);
      expect((await get('/api/v1/livechat/inquiries.list?department=nowhere')).body.total).toBe(3);
    });

    it('pages, sorts, and refuses unknown parameters and bad sort JSON', async () => {
      const r = await get(`/api/v1/livechat/inquiries.list?count=1&offset=1&sort=${encodeURIComponent('{"ts":1}')}`);
      expect(ids(r)).toEqual([publicRoom]);
      expect(r.body).toMatchObject({ count: 1, offset: 1, total: 3 });
      expect((await get('/api/v1/livechat/inquiries.list?status=taken')).status).toBe(400);
      expect((await get('/api/v1/livechat/inquiries.list?sort=nope')).status).toBe(400);
    });
  });

  describe.runIf(run)('inquiries.queuedForUser', () => {
    it("lists the agent's departments and the public queue, oldest first, full inquiries", async () => {
      const r = await get('/api/v1/livechat/inquiries.queuedForUser', dave);
      expect(r.status).toBe(200);
      expect(ids(r)).toEqual([salesRoom, publicRoom]);
      expect(r.body).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
      expect((r.body.inquiries as Row[])[0]).toMatchObject({
        rid: salesRoom,
        status: 'queued',
        department: sales,
        t: 'l',
        v: { token: 'tok-q1' },
      });
      expect(typeof (r.body.inquiries as Row[])[0]!.queuedAt).toBe('string');
    });

    it("keeps Rocket.Chat's queue order over a sort on the same key", async () => {
      // Rocket.Chat merges { ...sort, queuedAt: 1, ts: 1, _updatedAt: -1 }: ts stays ascending
      const r = await get(`/api/v1/livechat/inquiries.queuedForUser?sort=${encodeURIComponent('{"ts":-1}')}`, dave);
      expect(ids(r)).toEqual([salesRoom, publicRoom]);
      const byName = await get(
        `/api/v1/livechat/inquiries.queuedForUser?sort=${encodeURIComponent('{"rid":-1}')}`,
        dave,
      );
      expect(ids(byName)).toEqual([salesRoom, publicRoom].sort().reverse());
    });

    it('a department of the agent still includes the public queue; another is refused', async () => {
      expect(ids(await get(`/api/v1/livechat/inquiries.queuedForUser?department=${sales}`, dave))).toEqual([
        salesRoom,
        publicRoom,
      ]);
      const r = await get(`/api/v1/livechat/inquiries.queuedForUser?department=${support}`, dave);
      expect(r.status).toBe(400);
      expect(r.body.errorType).toBe('error-not-authorized');
    });

    it('an agent of no department sees the public queue only, whatever the filter', async () => {
      expect(ids(await get('/api/v1/livechat/inquiries.queuedForUser', frank))).toEqual([publicRoom]);
      expect(ids(await get(`/api/v1/livechat/inquiries.queuedForUser?department=${sales}`, frank))).toEqual([
        publicRoom,
      ]);
      expect((await get('/api/v1/livechat/inquiries.queuedForUser', manager)).body.total).toBe(1);
    });

    it('needs view-l-room and known parameters', async () => {
      expect((await get('/api/v1/livechat/inquiries.queuedForUser', plain)).status).toBe(403);
      expect((await get('/api/v1/livechat/inquiries.queuedForUser?foo=1', dave)).status).toBe(400);
    });
  });

  describe.runIf(run)('inquiries.getOne', () => {
    it("answers a room's inquiry, or null", async () => {
      const r = await get(`/api/v1/livechat/inquiries.getOne?roomId=${publicRoom}`, frank);
      expect(r.status).toBe(200);
      expect(r.body.inquiry).toMatchObject({ rid: publicRoom, status: 'queued', v: { token: 'tok-q2' } });
      const none = await get('/api/v1/livechat/inquiries.getOne?roomId=nothing-here', frank);
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ inquiry: null, success: true });
    });

    it('requires roomId and view-l-room', async () => {
      expect((await get('/api/v1/livechat/inquiries.getOne', frank)).status).toBe(400);
      expect((await get(`/api/v1/livechat/inquiries.getOne?roomId=${publicRoom}`, plain)).status).toBe(403);
    });
  });
});

describe.each(dialects)('Rocket.Chat livechat/queue ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let gina: Staff;
  let hank: Staff;
  let sales: string;

  const queue = (qs = '', as: Session = t.admin) => call(t, { method: 'GET', url: `/api/v1/livechat/queue?${qs}`, as });

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    gina = await availableAgent(t, 'q-gina');
    sales = await department(t, 'Sales', [gina]);
    await newVisitor(t, 'tok-g1');
    await openRoom(t, 'tok-g1');
    await newVisitor(t, 'tok-g2', { department: sales });
    await openRoom(t, 'tok-g2');
    await newVisitor(t, 'tok-g3', { department: sales });
    await openRoom(t, 'tok-g3');
    hank = await availableAgent(t, 'q-hank');
    await call(t, { method: 'POST', url: '/api/v1/livechat/agent.status', as: gina, payload: { status: 'available' } });
    // hank takes the next chat: gina is not available any more
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/agent.status',
      as: gina,
      payload: { status: 'not-available' },
    });
    await newVisitor(t, 'tok-h1');
    await openRoom(t, 'tok-h1');
  });
  afterAll(async () => {
    if (run) await t.close();
  });

  it.runIf(run)('counts open chats per available agent and department, most first', async () => {
    const r = await queue();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      queue: [
        {
          user: { _id: hank.userId, username: 'q-hank', status: 'online' },
          department: { _id: null, name: null },
          chats: 1,
        },
      ],
      count: 1,
      offset: 0,
      total: 1,
      success: true,
    });
  });

  it.runIf(run)('includeOfflineAgents adds agents not available now; filters by agent and department', async () => {
    const all = await queue('includeOfflineAgents=true');
    expect(all.body.total).toBe(3);
    expect(all.body.queue).toEqual([
      {
        user: { _id: gina.userId, username: 'q-gina', status: 'online' },
        department: { _id: sales, name: 'Sales' },
        chats: 2,
      },
      ...[
        {
          user: { _id: gina.userId, username: 'q-gina', status: 'online' },
          department: { _id: null, name: null },
          chats: 1,
        },
        {
          user: { _id: hank.userId, username: 'q-hank', status: 'online' },
          department: { _id: null, name: null },
          chats: 1,
        },
      ].sort((a, b) => (a.user._id < b.user._id ? -1 : 1)),
    ]);
    const gi = await queue(`includeOfflineAgents=true&agentId=${gina.userId}`);
    expect((gi.body.queue as Row[]).map((q) => q.chats)).toEqual([2, 1]);
    const dep = await queue(`includeOfflineAgents=true&departmentId=${sales}`);
    expect(dep.body.queue).toHaveLength(1);
    const asc = await queue(`includeOfflineAgents=true&sort=${encodeURIComponent('{"chats":1}')}&count=1`);
    expect(asc.body).toMatchObject({ count: 1, total: 3 });
    expect((asc.body.queue as Row[])[0]!.chats).toBe(1);
  });

  it.runIf(run)('needs view-l-room, known parameters and valid sort', async () => {
    const plain = await createStaff(t, 'q-plain', ['user']);
    expect((await queue('', plain)).status).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/v1/livechat/queue' })).status).toBe(401);
    expect((await queue('status=open')).status).toBe(400);
    expect((await queue(`sort=${encodeURIComponent('{"ts":1}')}`)).status).toBe(400);
  });
});
