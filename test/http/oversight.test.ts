/**
 * Oversight (issue 13): `livechat/rooms` lists every chat for managers with Rocket.Chat's filters
 * and our `text`, and only one's own chats (history included) for agents; `livechat/room.join`;
 * take over (a forward to oneself); a forward's transferData; `livechat/transfer.history/:rid`.
 * Permission matrix and bad input. On both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { postgresAvailable } from '../helpers/db.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';

const pgUp = await postgresAvailable();

type Staff = Session & { username: string };
interface Listed {
  _id: string;
  fname: string;
  open: boolean;
  servedBy?: { _id: string };
  tags?: string[];
  department?: { _id: string; name: string };
  closedAt?: string;
}
interface Msg {
  _id: string;
  t?: string;
  msg: string;
  u: { _id: string };
  transferData?: Record<string, unknown>;
}

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('oversight ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let manager: Staff;
  let alice: Staff;
  let bob: Staff;
  let carol: Staff;
  let sales: { _id: string; name: string };
  /** closed by alice, tagged billing; open served by bob; queued in Sales. */
  let closedRid: string;
  let openRid: string;
  let queuedRid: string;

  const take = async (agent: Staff, rid: string) => {
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued?count=100', as: agent });
    const inquiry = (q.body.inquiries as { _id: string; rid: string }[]).find((i) => i.rid === rid);
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: agent,
      payload: { inquiryId: inquiry?._id },
    });
    expect(r.status).toBe(200);
  };
  const visitorSays = async (token: string, rid: string, msg: string) => {
    const r = await call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: { token, rid, msg } });
    expect(r.status).toBe(200);
  };
  const list = async (as: Session, query: string) => {
    const r = await call(t, { method: 'GET', url: `/api/v1/livechat/rooms?${query}`, as });
    return r;
  };
  const ids = async (as: Session, query: string) => {
    const r = await list(as, query);
    expect(r.status, r.res.body).toBe(200);
    return (r.body.rooms as Listed[]).map((x) => x._id).sort();
  };
  const staffHistory = async (rid: string) => {
    const r = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${rid}?limit=100`, as: manager });
    expect(r.status).toBe(200);
    return (r.body.messages as Msg[]).slice().reverse();
  };

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    manager = await createStaff(t, 'mona', ['livechat-manager', 'livechat-agent']);
    alice = await availableAgent(t, 'alice');
    bob = await availableAgent(t, 'bob');
    carol = await availableAgent(t, 'carol');
    sales = (
      await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/department',
        as: t.admin,
        payload: { department: { enabled: true, name: 'Sales', showOnRegistration: true, showOnOfflineForm: true } },
      })
    ).body.department as { _id: string; name: string };
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/department/${sales._id}/agents`,
      as: t.admin,
      payload: { upsert: [{ agentId: bob.userId, username: 'bob' }], remove: [] },
    });

    await newVisitor(t, 'ov-closed', { name: 'Zoe Closed', email: 'zoe@shop.example' });
    closedRid = (await openRoom(t, 'ov-closed')).room._id;
    await visitorSays('ov-closed', closedRid, 'my invoice is wrong');
    await take(alice, closedRid);
    const closed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: alice,
      payload: { rid: closedRid, comment: 'fixed', tags: ['billing'] },
    });
    expect(closed.status).toBe(200);

    await newVisitor(t, 'ov-open', { name: 'Oscar Open' });
    openRid = (await openRoom(t, 'ov-open')).room._id;
    await visitorSays('ov-open', openRid, 'I want a Refund_100% please');
    await take(bob, openRid);

    await newVisitor(t, 'ov-queued', { name: 'Quinn Queued', department: sales._id });
    queuedRid = (await openRoom(t, 'ov-queued')).room._id;
  });
  afterAll(async () => t?.close());

  it.runIf(run)('managers list every chat, filtered by status, agent, department, tag and dates', async () => {
    expect(await ids(manager, '')).toEqual([closedRid, openRid, queuedRid].sort());
    expect(await ids(manager, 'open=true')).toEqual([openRid, queuedRid].sort());
    expect(await ids(manager, 'open=false')).toEqual([closedRid]);
    expect(await ids(manager, 'queued=true')).toEqual([queuedRid]);
    expect(await ids(manager, 'onhold=true')).toEqual([]);
    expect(await ids(manager, `agents=${alice.userId}`)).toEqual([closedRid]);
    // Rocket.Chat's clients write arrays as agents[]=…, and it matches usernames too
    expect(await ids(manager, `agents[]=bob`)).toEqual([openRid]);
    expect(await ids(manager, `departmentId=${sales._id}`)).toEqual([queuedRid]);
    expect(await ids(manager, 'tags=billing')).toEqual([closedRid]);
    expect(await ids(manager, 'tags=other&tags=billing')).toEqual([closedRid]);
    expect(await ids(manager, 'roomName=oscar')).toEqual([openRid]);
    const future = encodeURIComponent(JSON.stringify({ start: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(await ids(manager, `createdAt=${future}`)).toEqual([]);
    const today = encodeURIComponent(JSON.stringify({ start: new Date(Date.now() - 3_600_000).toISOString() }));
    expect(await ids(manager, `closedAt=${today}`)).toEqual([closedRid]);
    expect(await ids(manager, `createdAt=${today}&open=true`)).toEqual([openRid, queuedRid].sort());

    const withDep = await list(manager, `departmentId=${sales._id}`);
    expect((withDep.body.rooms as Listed[])[0]!.department).toEqual({ _id: sales._id, name: 'Sales' });
  });

  it.runIf(run)('text finds a chat by visitor name, email or any message, wildcards taken literally', async () => {
    expect(await ids(manager, 'text=invoice')).toEqual([closedRid]);
    expect(await ids(manager, 'text=ZOE%40SHOP')).toEqual([closedRid]);
    expect(await ids(manager, 'text=quinn')).toEqual([queuedRid]);
    expect(await ids(manager, `text=${encodeURIComponent('Refund_100%')}`)).toEqual([openRid]);
    expect(await ids(manager, `text=${encodeURIComponent('100%%')}`)).toEqual([]);
    expect(await ids(manager, 'text=invoice&open=true')).toEqual([]);
  });

  it.runIf(run)('customFields matches the room livechatData, case-insensitively', async () => {
    // room.saveInfo keeps registered room fields only (issue 14, Rocket.Chat's registry)
    await t.services.customFields.save(null, { field: 'plan', label: 'Plan', scope: 'room', visibility: 'visible' });
    const visitorId = (await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${openRid}`, as: manager })).body
      .room as { v: { _id: string } };
    const saved = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.saveInfo',
      as: manager,
      payload: { guestData: { _id: visitorId.v._id }, roomData: { _id: openRid, livechatData: { plan: 'Gold+' } } },
    });
    expect(saved.status).toBe(200);
    const cf = (o: Record<string, string>) => `customFields=${encodeURIComponent(JSON.stringify(o))}`;
    expect(await ids(manager, cf({ plan: 'gold' }))).toEqual([openRid]);
    expect(await ids(manager, cf({ plan: 'silver' }))).toEqual([]);
    expect(await ids(manager, cf({ 'odd"key': 'x' }))).toEqual([]);
  });

  it.runIf(run)('pages, sorts and projects as Rocket.Chat', async () => {
    const p1 = await list(manager, `count=2&offset=0&sort=${encodeURIComponent('{"ts":1}')}`);
    expect(p1.body).toMatchObject({ count: 2, offset: 0, total: 3, success: true });
    const p2 = await list(manager, `count=2&offset=2&sort=${encodeURIComponent('{"ts":1}')}`);
    expect(p2.body).toMatchObject({ count: 1, offset: 2, total: 3 });
    const order = [...(p1.body.rooms as Listed[]), ...(p2.body.rooms as Listed[])].map((r) => r._id);
    expect(order).toEqual([closedRid, openRid, queuedRid]);
    const projected = await list(manager, `fields=${encodeURIComponent('{"fname":1}')}&roomName=oscar`);
    expect(projected.body.rooms).toEqual([{ _id: openRid, fname: 'Oscar Open' }]);
  });

  it.runIf(run)('agents list only the chats they serve, their closed ones included', async () => {
    expect(await ids(alice, '')).toEqual([closedRid]);
    expect(await ids(alice, `agents=${alice.userId}`)).toEqual([closedRid]);
    expect(await ids(alice, 'text=refund')).toEqual([]);
    expect(await ids(carol, '')).toEqual([]);
    const other = await list(alice, `agents=${bob.userId}`);
    expect(other.status).toBe(403);
    expect(other.body.errorType).toBe('error-unauthorized');
    const anon = await call(t, { method: 'GET', url: '/api/v1/livechat/rooms' });
    expect(anon.status).toBe(401);
  });

  it.runIf(run)('malformed parameters are 400 invalid-params', async () => {
    const bad = [
      'open=maybe',
      'queued=2',
      'count=-1',
      'offset=x',
      'createdAt=notjson',
      `createdAt=${encodeURIComponent('{"start":"yesterday-ish"}')}`,
      `closedAt=${encodeURIComponent('[1,2]')}`,
      `sort=${encodeURIComponent('{"bogus":1}')}`,
      `sort=${encodeURIComponent('{"ts":"up"}')}`,
      `fields=${encodeURIComponent('{"fname":1,"tags":0}')}`,
      `customFields=${encodeURIComponent('{"plan":1}')}`,
      `departmentId=${encodeURIComponent('a b')}`,
    ];
    for (const q of bad) {
      const r = await list(manager, q);
      expect(r.status, q).toBe(400);
      expect(r.body.errorType, q).toBe('invalid-params');
    }
  });

  it.runIf(run)('room.join: managers join an open chat once; the matrix and bad input', async () => {
    const join = (as: Session | undefined, q: string) =>
      call(t, { method: 'GET', url: `/api/v1/livechat/room.join${q}`, ...(as ? { as } : {}) });
    expect((await join(undefined, `?roomId=${openRid}`)).status).toBe(401);
    expect((await join(manager, '')).status).toBe(400);
    const unknown = await join(manager, '?roomId=nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errorType).toBe('error-invalid-room');
    const closed = await join(manager, `?roomId=${closedRid}`);
    expect(closed.body.errorType).toBe('room-closed');
    // carol neither serves it nor oversees: refused; bob serves it: nothing to do
    expect((await join(carol, `?roomId=${openRid}`)).status).toBe(403);
    expect((await join(bob, `?roomId=${openRid}`)).body).toEqual({ success: true });

    expect((await join(manager, `?roomId=${openRid}`)).body).toEqual({ success: true });
    expect((await join(manager, `?roomId=${openRid}`)).status).toBe(200);
    const joined = (await staffHistory(openRid)).filter((m) => m.t === 'uj');
    expect(joined).toHaveLength(1);
    expect(joined[0]!.u._id).toBe(manager.userId);
    // joining does not change who serves the chat
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${openRid}`, as: manager });
    expect(info.body.room).toMatchObject({ servedBy: { _id: bob.userId } });
  });

  it.runIf(run)('forwards record who handed the chat to whom; take over is a forward to oneself', async () => {
    // bob forwards to alice with a comment for her
    const fwd = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: bob,
      payload: { roomId: openRid, userId: alice.userId, comment: 'VIP, be nice' },
    });
    expect(fwd.status).toBe(200);
    // the manager takes it over, though not marked available
    const over = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: manager,
      payload: { roomId: openRid, userId: manager.userId },
    });
    expect(over.status, over.res.body).toBe(200);
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${openRid}`, as: manager });
    expect(info.body.room).toMatchObject({ servedBy: { _id: manager.userId } });

    const transfers = (await staffHistory(openRid)).filter((m) => m.t === 'livechat_transfer_history');
    expect(transfers.map((m) => m.transferData)).toMatchObject([
      {
        scope: 'agent',
        comment: 'VIP, be nice',
        transferredBy: { _id: bob.userId, username: 'bob', userType: 'agent' },
        transferredTo: { _id: alice.userId, username: 'alice', name: 'alice' },
      },
      {
        scope: 'agent',
        transferredBy: { _id: manager.userId, userType: 'user' },
        transferredTo: { _id: manager.userId },
      },
    ]);
    const forwarded = (await roomEvents(t, openRid)).filter((e) => e.type === 'LivechatSessionForwarded');
    expect(forwarded).toHaveLength(2);
    expect(forwarded[1]!.body).toMatchObject({ servedBy: { _id: manager.userId }, oldServedBy: { _id: alice.userId } });

    // the visitor's copy keeps who and where, never the comment
    const v = await call(t, { method: 'GET', url: `/api/v1/livechat/messages.history/${openRid}?token=ov-open` });
    const seen = (v.body.messages as Msg[]).filter((m) => m.t === 'livechat_transfer_history');
    expect(seen).toHaveLength(2);
    for (const m of seen) {
      expect(m.msg).toBe('');
      expect(m.transferData).not.toHaveProperty('comment');
      expect(m.transferData).toHaveProperty('transferredTo');
    }
    expect(v.res.body).not.toContain('VIP');
  });

  it.runIf(run)('a department forward names the department; transfer.history lists forwards', async () => {
    const fwd = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: manager,
      payload: { roomId: openRid, departmentId: sales._id },
    });
    expect(fwd.status).toBe(200);
    const h = await call(t, { method: 'GET', url: `/api/v1/livechat/transfer.history/${openRid}`, as: manager });
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ count: 3, offset: 0, total: 3, success: true });
    const history = h.body.history as Record<string, unknown>[];
    expect(history[2]).toMatchObject({
      scope: 'department',
      nextDepartment: { _id: sales._id, name: 'Sales' },
      transferredBy: { _id: manager.userId },
    });
    expect(history[2]).not.toHaveProperty('transferredTo'); // manual routing: it waits in the queue
    expect(typeof history[0]!.ts).toBe('string');

    const newest = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/transfer.history/${openRid}?count=1&sort=${encodeURIComponent('{"ts":-1}')}`,
      as: manager,
    });
    expect(newest.body).toMatchObject({ count: 1, total: 3, history: [{ scope: 'department' }] });

    const agent = await call(t, { method: 'GET', url: `/api/v1/livechat/transfer.history/${openRid}`, as: alice });
    expect(agent.status).toBe(403);
    const unknown = await call(t, { method: 'GET', url: '/api/v1/livechat/transfer.history/nope', as: manager });
    expect(unknown.body.errorType).toBe('invalid-room');
    const badSort = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/transfer.history/${openRid}?sort=${encodeURIComponent('{"msg":1}')}`,
      as: manager,
    });
    expect(badSort.body.errorType).toBe('invalid-params');
  });

  it.runIf(run)('take over needs the agent role; closing any chat needs the manager permission', async () => {
    const admin = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: t.admin,
      payload: { roomId: queuedRid, userId: t.admin.userId },
    });
    expect(admin.body.errorType).toBe('error-invalid-agent');
    const byCarol = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: carol,
      payload: { rid: queuedRid },
    });
    expect(byCarol.status).toBe(400);
    const byManager = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: manager,
      payload: { rid: queuedRid, comment: 'duplicate' },
    });
    expect(byManager.status).toBe(200);
    expect(await ids(manager, 'open=false')).toEqual([closedRid, queuedRid].sort());
  });
});
