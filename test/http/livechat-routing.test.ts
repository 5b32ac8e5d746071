import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';

describe('routing', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeApp();
  });
  afterEach(async () => t.close());

  it('auto: the available agent with the fewest open rooms takes a new room', async () => {
    const a = await availableAgent(t, 'alice');
    const b = await availableAgent(t, 'bob');
    await newVisitor(t, 'v1');
    const r1 = await openRoom(t, 'v1');
    expect(r1.newRoom).toBe(true);
    const first = r1.room.servedBy!._id;
    expect([a.userId, b.userId]).toContain(first);
    await newVisitor(t, 'v2');
    const r2 = await openRoom(t, 'v2');
    expect(r2.room.servedBy!._id).not.toBe(first);
    // asking again returns the same open room
    const again = await openRoom(t, 'v1');
    expect(again.newRoom).toBe(false);
    expect(again.room._id).toBe(r1.room._id);
    expect((await roomEvents(t, r1.room._id)).map((e) => e.type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionTaken',
    ]);
  });

  it('auto with no agent: queued, then taken when an agent becomes available', async () => {
    await newVisitor(t, 'v1');
    const { room } = await openRoom(t, 'v1');
    expect(room.servedBy).toBeUndefined();
    const agent = await createStaff(t, 'carol', ['livechat-agent']);
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: agent });
    expect(q.status).toBe(200);
    expect((q.body.inquiries as { rid: string }[]).map((i) => i.rid)).toEqual([room._id]);
    // the agent's console is open (a live connection): routing needs it besides the status
    await t.services.presence.connect(agent.userId, agent.authToken, () => undefined);
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/agent.status',
      as: agent,
      payload: { status: 'available' },
    });
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: agent });
    expect((info.body.room as { servedBy: { _id: string } }).servedBy._id).toBe(agent.userId);
    expect((await roomEvents(t, room._id)).map((e) => e.type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionQueued',
      'LivechatSessionTaken',
    ]);
  });

  it('manual: the inquiry waits until an agent takes it; a taken inquiry cannot be taken twice', async () => {
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    const a = await availableAgent(t, 'dave');
    const b = await availableAgent(t, 'erin');
    await newVisitor(t, 'v1');
    const { room } = await openRoom(t, 'v1');
    expect(room.servedBy).toBeUndefined();
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: a });
    const inquiry = (q.body.inquiries as { _id: string }[])[0]!;
    const take = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: a,
      payload: { inquiryId: inquiry._id },
    });
    expect(take.status).toBe(200);
    const again = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: b,
      payload: { inquiryId: inquiry._id },
    });
    expect(again.status).toBe(400);
    expect(again.body.errorType).toBe('error-inquiry-taken');
    const unknown = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: b,
      payload: { inquiryId: 'nope' },
    });
    expect(unknown.body.errorType).toBe('error-invalid-inquiry');
  });

  it('forward to an agent, then close by the agent with comment and tags', async () => {
    const a = await availableAgent(t, 'frank');
    await newVisitor(t, 'v1');
    const { room } = await openRoom(t, 'v1');
    expect(room.servedBy!._id).toBe(a.userId);
    const b = await availableAgent(t, 'grace');
    const fwd = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: a,
      payload: { roomId: room._id, userId: b.userId, comment: 'over to you' },
    });
    expect(fwd.status).toBe(200);
    // the old agent may no longer write; the new one may
    const old = await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: a,
      payload: { message: { rid: room._id, msg: 'hi' } },
    });
    expect(old.status).toBe(403);
    const close = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: b,
      payload: { rid: room._id, comment: 'solved', tags: ['billing'] },
    });
    expect(close.status).toBe(200);
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: b });
    expect(info.body.room).toMatchObject({
      open: false,
      closer: 'user',
      tags: ['billing'],
      closedBy: { _id: b.userId },
    });
    const events = await roomEvents(t, room._id);
    expect(events.map((e) => e.type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionTaken',
      'LivechatSessionTaken',
      'LivechatSessionForwarded',
      'LivechatSession',
    ]);
    const forwarded = events[3]!.body;
    expect(forwarded).toMatchObject({ servedBy: { _id: b.userId }, oldServedBy: { _id: a.userId } });
    const closed = events[4]!.body as { messages: { msg: string; closingMessage?: boolean }[] };
    expect(closed.messages.at(-1)).toMatchObject({ msg: 'solved', closingMessage: true });
    const late = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'v1', rid: room._id, msg: 'hello?' },
    });
    expect(late.status).toBe(400);
    expect(late.body.errorType).toBe('room-closed');
  });

  it('forward to an unavailable agent is refused', async () => {
    const a = await availableAgent(t, 'heidi');
    const off = await createStaff(t, 'ivan', ['livechat-agent']);
    await newVisitor(t, 'v1');
    const { room } = await openRoom(t, 'v1');
    const fwd = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: a,
      payload: { roomId: room._id, userId: off.userId },
    });
    expect(fwd.status).toBe(400);
    expect(fwd.body.errorType).toBe('error-forwarding-chat');
  });

  it('routes within a department, and forwards to a department', async () => {
    const mk = async (name: string) =>
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/department',
          as: t.admin,
          payload: { department: { enabled: true, name, showOnRegistration: true, showOnOfflineForm: true } },
        })
      ).body.department as { _id: string };
    const sales = await mk('Sales');
    const support = await mk('Support');
    const outsider = await availableAgent(t, 'outsider'); // in no department
    const seller = await availableAgent(t, 'seller');
    const helper = await availableAgent(t, 'helper');
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/department/${sales._id}/agents`,
      as: t.admin,
      payload: { upsert: [{ agentId: seller.userId, username: 'seller' }], remove: [] },
    });
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/department/${support._id}/agents`,
      as: t.admin,
      payload: { upsert: [{ agentId: helper.userId, username: 'helper' }], remove: [] },
    });
    await newVisitor(t, 'buyer', { department: 'Sales' }); // by name, as Rocket.Chat accepts
    const { room } = await openRoom(t, 'buyer');
    expect(room.servedBy?._id).toBe(seller.userId);
    const fwd = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: seller,
      payload: { roomId: room._id, departmentId: support._id },
    });
    expect(fwd.status).toBe(200);
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: helper });
    expect(info.body.room).toMatchObject({ departmentId: support._id, servedBy: { _id: helper.userId } });
    const events = await roomEvents(t, room._id);
    expect(events.at(-1)).toMatchObject({
      type: 'LivechatSessionForwarded',
      body: { oldDepartmentId: sales._id, departmentId: support._id, oldServedBy: { _id: seller.userId } },
    });
    expect(outsider.userId).not.toBe(helper.userId);
  });

  it('close by the visitor', async () => {
    await availableAgent(t, 'judy');
    await newVisitor(t, 'v1');
    const { room } = await openRoom(t, 'v1');
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.close',
      payload: { rid: room._id, token: 'v1' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ rid: room._id, comment: 'Closed by visitor', success: true });
    const events = await roomEvents(t, room._id);
    expect(events.at(-1)).toMatchObject({ type: 'LivechatSession', body: { closer: 'visitor' } });
    const twice = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.close',
      payload: { rid: room._id, token: 'v1' },
    });
    expect(twice.body.errorType).toBe('room-closed');
    // a new room can be opened afterwards
    const next = await openRoom(t, 'v1');
    expect(next.newRoom).toBe(true);
    expect(next.room._id).not.toBe(room._id);
  });
});
