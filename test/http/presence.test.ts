/**
 * Presence and routing (issue 11): availability follows the agent's live streams and sessions,
 * the grace of a closed stream runs on a test clock, the limits of simultaneous chats hold, and
 * livechat/config says offline when nobody available is connected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import { newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';
import { closeStream, makeClockApp, onlineAgent, openStream, tickAfter } from '../helpers/presence.ts';
import type { ClockApp } from '../helpers/presence.ts';

const GRACE_MS = 30_000; // Livechat_agent_disconnect_grace's default

async function configOnline(t: ClockApp, query = ''): Promise<boolean> {
  const r = await call(t, { method: 'GET', url: `/api/v1/livechat/config${query}` });
  expect(r.status).toBe(200);
  return (r.body.config as { online: boolean }).online;
}

async function agentRow(t: ClockApp, username: string) {
  const r = await call(t, { method: 'GET', url: '/api/v1/livechat/users/agent', as: t.admin });
  return (r.body.users as { username: string; status: string; statusLivechat: string }[]).find(
    (u) => u.username === username,
  );
}

describe('presence', () => {
  let t: ClockApp;
  beforeEach(async () => {
    t = await makeClockApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('an agent marked available with no live connection is never routed a chat; connecting routes the queue', async () => {
    const ann = await createStaff(t, 'ann', ['livechat-agent']);
    await call(t, { method: 'POST', url: '/api/v1/livechat/agent.status', as: ann, payload: { status: 'available' } });
    expect(await agentRow(t, 'ann')).toMatchObject({ statusLivechat: 'available', status: 'offline' });
    expect(await configOnline(t)).toBe(false);
    await newVisitor(t, 'v-away');
    const { room } = await openRoom(t, 'v-away');
    expect(room.servedBy).toBeUndefined();
    await tickAfter(t, 5_000); // the queue is looked at on every tick: still nobody to give it to
    expect((await openRoom(t, 'v-away')).room.servedBy).toBeUndefined();

    const stream = await openStream(t.base, ann); // the console opens: the queued chat goes out
    expect(await agentRow(t, 'ann')).toMatchObject({ statusLivechat: 'available', status: 'online' });
    expect((await openRoom(t, 'v-away')).room.servedBy?._id).toBe(ann.userId);
    expect(await configOnline(t)).toBe(true);
    expect((await roomEvents(t, room._id)).map((e) => e.type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionQueued',
      'LivechatSessionTaken',
    ]);
    stream.close();
  });

  it('logout makes the agent unavailable at once and ends that session’s stream', async () => {
    const bob = await createStaff(t, 'bob', ['livechat-agent']);
    const stream = await onlineAgent(t, bob);
    await newVisitor(t, 'v-before');
    expect((await openRoom(t, 'v-before')).room.servedBy?._id).toBe(bob.userId);

    const out = await call(t, { method: 'POST', url: '/api/v1/logout', as: bob });
    expect(out.status).toBe(200);
    await stream.ended; // the server closed the logged-out session's stream
    expect(t.services.presence.localConnections(bob.userId)).toBe(0);
    expect(await agentRow(t, 'bob')).toMatchObject({ statusLivechat: 'not-available', status: 'offline' });
    await newVisitor(t, 'v-after');
    expect((await openRoom(t, 'v-after')).room.servedBy).toBeUndefined();
    expect(await configOnline(t)).toBe(false);
  });

  it('a stream closed for the grace makes the agent unavailable; a reconnect within it changes nothing', async () => {
    const cat = await createStaff(t, 'cat', ['livechat-agent']);
    let stream = await onlineAgent(t, cat);
    await closeStream(t, stream, cat.userId);
    await tickAfter(t, GRACE_MS - 1_000); // a tab reload is quicker than the grace
    expect(await agentRow(t, 'cat')).toMatchObject({ status: 'online' });
    await newVisitor(t, 'v-reload');
    expect((await openRoom(t, 'v-reload')).room.servedBy?._id).toBe(cat.userId);

    stream = await openStream(t.base, cat); // reconnected within the grace
    await tickAfter(t, 10 * GRACE_MS); // heartbeats keep a held stream online however long
    await newVisitor(t, 'v-held');
    expect((await openRoom(t, 'v-held')).room.servedBy?._id).toBe(cat.userId);

    await closeStream(t, stream, cat.userId);
    await tickAfter(t, GRACE_MS);
    expect(await agentRow(t, 'cat')).toMatchObject({ statusLivechat: 'available', status: 'offline' });
    expect(await configOnline(t)).toBe(false);
    await newVisitor(t, 'v-gone');
    expect((await openRoom(t, 'v-gone')).room.servedBy).toBeUndefined();
  });

  it('a stream whose session ends elsewhere (another process, a deactivation) is closed at the next tick', async () => {
    const dan = await createStaff(t, 'dan', ['livechat-agent']);
    const stream = await onlineAgent(t, dan);
    // the session row goes away as a logout on another process would remove it
    await t.services.users.logout(dan.authToken);
    await tickAfter(t, 5_000);
    await stream.ended;
    expect(await agentRow(t, 'dan')).toMatchObject({ status: 'offline' });
  });

  it('livechat/config is offline per department when nobody of it is available and connected', async () => {
    const eve = await createStaff(t, 'eve', ['livechat-agent']);
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: {
        department: { name: 'Sales', enabled: true, showOnRegistration: true, showOnOfflineForm: false },
        agents: [],
      },
    });
    expect(dep.status).toBe(200);
    const stream = await onlineAgent(t, eve);
    expect(await configOnline(t)).toBe(true);
    expect(await configOnline(t, '?department=Sales')).toBe(false); // eve is not in Sales
    expect(await configOnline(t, '?department=nope')).toBe(false);
    await closeStream(t, stream, eve.userId);
    await tickAfter(t, GRACE_MS);
    expect(await configOnline(t)).toBe(false);
  });
});

describe('limits of simultaneous chats', () => {
  let t: ClockApp;
  beforeEach(async () => {
    t = await makeClockApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('Livechat_maximum_chats_per_agent: routing skips full agents, queues when all are full, and routes when one frees up', async () => {
    await setSetting(t, 'Livechat_maximum_chats_per_agent', 1);
    const a = await createStaff(t, 'fay', ['livechat-agent']);
    const b = await createStaff(t, 'gus', ['livechat-agent']);
    await onlineAgent(t, a);
    await onlineAgent(t, b);
    const served: (string | undefined)[] = [];
    for (const v of ['m1', 'm2', 'm3']) {
      await newVisitor(t, v);
      served.push((await openRoom(t, v)).room.servedBy?.username);
    }
    expect(served.slice(0, 2).sort()).toEqual(['fay', 'gus']);
    expect(served[2]).toBeUndefined(); // both at their limit: queued
    const r1 = (await openRoom(t, 'm1')).room;
    const holder = r1.servedBy!.username === 'fay' ? a : b;
    const closed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: holder,
      payload: { rid: r1._id, comment: 'done' },
    });
    expect(closed.status).toBe(200);
    await tickAfter(t, 5_000);
    expect((await openRoom(t, 'm3')).room.servedBy?.username).toBe(holder.username);
  });

  it("a department's maxNumberSimultaneousChat counts its own chats, and a manual take beyond it is refused", async () => {
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const h = await createStaff(t, 'hal', ['livechat-agent']);
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: {
        department: { name: 'Support', enabled: true, showOnRegistration: true, showOnOfflineForm: false },
        agents: [{ agentId: h.userId, username: 'hal' }],
      },
    });
    expect(dep.status).toBe(200);
    const depId = (dep.body.department as { _id: string })._id;
    // No REST field sets the limit yet (docs/decisions.md): written where the departments service keeps it.
    await t.services.db
      .updateTable('departments')
      .set({ max_number_simultaneous_chat: 1 })
      .where('_id', '=', depId)
      .execute();
    await onlineAgent(t, h);
    const inquiries: string[] = [];
    for (const v of ['d1', 'd2']) {
      await newVisitor(t, v, { department: depId });
      await openRoom(t, v);
    }
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: h });
    for (const i of q.body.inquiries as { _id: string }[]) inquiries.push(i._id);
    expect(inquiries).toHaveLength(2);
    const first = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: h,
      payload: { inquiryId: inquiries[0] },
    });
    expect(first.status).toBe(200);
    const second = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: h,
      payload: { inquiryId: inquiries[1] },
    });
    expect(second.status).toBe(403);
    expect(second.body.errorType).toBe('error-not-allowed');
    const left = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: h });
    expect((left.body.inquiries as unknown[]).length).toBe(1); // nothing changed
  });
});
