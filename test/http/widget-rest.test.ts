/** The widget's REST calls (docs/rocketchat-widget.md, 'REST') with the exact fields it reads, errors as JSON. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents, setSetting } from '../helpers/livechat.ts';

describe('widget REST', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(async () => t.close());

  const config = async (token: string) =>
    (await call(t, { method: 'GET', url: `/api/v1/livechat/config?token=${token}` })).body.config as Record<
      string,
      unknown
    >;

  it('config: the full object for a never-seen token, then guest, room and agent as they appear', async () => {
    const fresh = await config('a'.repeat(64));
    expect(fresh.settings).toEqual(
      expect.objectContaining({ fileUpload: true, transcript: false, registrationForm: true }),
    );
    expect(Array.isArray(fresh.departments)).toBe(true);
    expect(fresh.messages).toEqual(expect.any(Object));
    expect(fresh).not.toHaveProperty('guest');
    expect(fresh).not.toHaveProperty('room');
    expect(fresh.online).toBe(false);

    await availableAgent(t, 'cfg-agent');
    await newVisitor(t, 'tok-cfg', { email: 'cfg@example.com' });
    expect((await config('tok-cfg')).guest).toMatchObject({ token: 'tok-cfg', username: expect.any(String) });
    const { room } = await openRoom(t, 'tok-cfg');
    const open = await config('tok-cfg');
    expect(open.online).toBe(true);
    expect(open.room).toMatchObject({ _id: room._id, servedBy: { username: 'cfg-agent' } });
    expect(open.agent).toMatchObject({ username: 'cfg-agent', name: 'cfg-agent', status: 'online' });
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.close', payload: { rid: room._id, token: 'tok-cfg' } });
    const after = await config('tok-cfg');
    expect(after).not.toHaveProperty('room');
    expect(after).toHaveProperty('guest');

    await setSetting(t, 'Livechat_enable_transcript', true);
    await setSetting(t, 'Livechat_fileupload_enabled', false);
    const changed = await config('tok-cfg');
    expect(changed.settings).toMatchObject({ transcript: true, fileUpload: false });
    await setSetting(t, 'Livechat_enable_transcript', false);
    await setSetting(t, 'Livechat_fileupload_enabled', true);
  });

  it('accepts page.visited before any visitor exists; visitor.status only for a known visitor', async () => {
    const token = 'b'.repeat(64);
    const pv = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/page.visited',
      payload: { token, pageInfo: { change: 'url', title: 'Home', location: { href: 'http://shop/' } } },
    });
    expect(pv.status).toBe(200);
    expect(pv.body.success).toBe(true);
    const status = () =>
      call(t, { method: 'POST', url: '/api/v1/livechat/visitor.status', payload: { token, status: 'away' } });
    // Rocket.Chat's visitor.status answers invalid-token until the visitor is registered
    expect((await status()).body).toMatchObject({ success: false, errorType: 'invalid-token' });
    await newVisitor(t, token);
    expect((await status()).body).toMatchObject({ status: 'away', success: true });
  });

  it('answers errors with JSON bodies carrying error, errorType', async () => {
    const bad = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'nobody', rid: 'nope', msg: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      success: false,
      errorType: 'invalid-token',
      error: expect.stringContaining('[invalid-token]'),
    });
    const invalid = await call(t, { method: 'POST', url: '/api/v1/livechat/room.transfer', payload: { rid: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errorType).toBe('invalid-params');
    const unknown = await call(t, { method: 'DELETE', url: '/api/v1/livechat/nothing-here', payload: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorType).toBe('error-not-found');
  });

  it('agent.next: the serving agent, else whom routing would pick, else agent-not-found', async () => {
    const t2 = await makeApp();
    try {
      const none = await call(t2, { method: 'GET', url: '/api/v1/livechat/agent.next/tok-n?department=' });
      expect(none.status).toBe(400);
      expect(none.body.errorType).toBe('agent-not-found');
      await availableAgent(t2, 'next-agent');
      const next = await call(t2, { method: 'GET', url: '/api/v1/livechat/agent.next/tok-n?department=' });
      expect(next.body).toMatchObject({ agent: { username: 'next-agent', status: 'online' }, success: true });
      await newVisitor(t2, 'tok-n');
      await openRoom(t2, 'tok-n');
      expect((await call(t2, { method: 'GET', url: '/api/v1/livechat/agent.next/tok-n' })).body.agent).toMatchObject({
        username: 'next-agent',
      });
    } finally {
      await t2.close();
    }
  });

  it("message/:tmid returns a message of the visitor's own room only", async () => {
    await newVisitor(t, 'tok-m');
    const { room } = await openRoom(t, 'tok-m');
    const sent = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-m', rid: room._id, msg: 'thread parent' },
    });
    const id = (sent.body.message as { _id: string })._id;
    const got = await call(t, { method: 'GET', url: `/api/v1/livechat/message/${id}?token=tok-m&rid=${room._id}` });
    expect(got.body).toMatchObject({ message: { _id: id, msg: 'thread parent' }, success: true });
    expect(got.body.message).not.toHaveProperty('token');
    await newVisitor(t, 'tok-m2');
    const foreign = await call(t, {
      method: 'GET',
      url: `/api/v1/livechat/message/${id}?token=tok-m2&rid=${room._id}`,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errorType).toBe('invalid-room');
  });

  it('room.transfer moves the room to a department, routes it there and records the forward', async () => {
    const dep = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: t.admin,
      payload: { department: { name: 'Billing', enabled: true, showOnRegistration: true, showOnOfflineForm: true } },
    });
    expect(dep.status).toBe(200);
    const depId = (dep.body.department as { _id: string })._id;
    const billing = await availableAgent(t, 'billing-agent');
    await call(t, {
      method: 'POST',
      url: `/api/v1/livechat/department/${depId}/agents`,
      as: t.admin,
      payload: { upsert: [{ agentId: billing.userId, username: 'billing-agent' }], remove: [] },
    });
    await newVisitor(t, 'tok-tr');
    const { room } = await openRoom(t, 'tok-tr');
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.transfer',
      payload: { rid: room._id, token: 'tok-tr', department: depId },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, room: { _id: room._id, departmentId: depId } });
    expect((r.body.room as { servedBy?: { username: string } }).servedBy?.username).toBe('billing-agent');
    expect((await roomEvents(t, room._id)).map((e) => e.type)).toContain('LivechatSessionForwarded');
    const other = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.transfer',
      payload: { rid: room._id, token: 'tok-m', department: depId },
    });
    expect(other.body.errorType).toBe('invalid-room');
  });

  it('livechat/typing needs a staff login and a room the agent may see', async () => {
    await newVisitor(t, 'tok-ty');
    const { room } = await openRoom(t, 'tok-ty');
    expect(
      (await call(t, { method: 'POST', url: '/api/v1/livechat/typing', payload: { rid: room._id, typing: true } }))
        .status,
    ).toBe(401);
    const stranger = await createStaff(t, 'stranger', ['livechat-agent']);
    const denied = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/typing',
      as: stranger,
      payload: { rid: room._id, typing: true },
    });
    if (room.servedBy) expect(denied.status).toBe(403);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/typing',
          as: t.admin,
          payload: { rid: room._id, typing: true },
        })
      ).body,
    ).toEqual({ success: true });
  });
});
