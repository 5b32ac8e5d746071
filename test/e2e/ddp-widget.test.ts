/**
 * The DDP subset (docs/rocketchat-widget.md, 'The DDP subset') over a real socket: handshake, method results, subscriptions, and the
 * pushed events (messages with EJSON dates, edits, agentData, agentStatus, queueData, typing, the
 * closing message), fed by the same Hub as the SSE stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import type { LiveEvent } from '../../src/domain/live-events.ts';
import { ddpConnect, events, listen } from './ddp-helpers.ts';

describe('DDP /websocket for the Rocket.Chat widget', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await makeApp();
    url = await listen(t);
  });
  afterAll(async () => t.close());

  it('answers connect, ping, setUpConnection and unknown methods', async () => {
    const c = await ddpConnect(url);
    await c.waitFor((f) => f.server_id === '0');
    await c.handshake('tok-handshake');
    expect(c.frames.find((f) => f.msg === 'connected')!.session).toEqual(expect.any(String));
    expect(c.frames.find((f) => f.msg === 'result')).toEqual({ msg: 'result', id: 'ddp-1' });
    c.send({ msg: 'ping' });
    await c.waitFor((f) => f.msg === 'pong');
    c.send({ msg: 'ping', id: 'p1' });
    await c.waitFor((f) => f.msg === 'pong' && f.id === 'p1');
    c.send({ msg: 'method', method: 'nope', params: [], id: 'ddp-9' });
    const err = await c.waitFor((f) => f.id === 'ddp-9');
    expect((err.error as { error: string }).error).toBe('404');
    c.send({ msg: 'connect', version: '99' });
    await c.waitFor((f) => f.msg === 'failed');
    c.close();
  });

  it('streams the room to its visitor only: messages with {$date}, edits, the closing message', async () => {
    const agent = await availableAgent(t, 'ddp-agent');
    await newVisitor(t, 'tok-a');
    await newVisitor(t, 'tok-b');
    const { room: a } = await openRoom(t, 'tok-a');
    const { room: b } = await openRoom(t, 'tok-b');
    const ca = await ddpConnect(url);
    const cb = await ddpConnect(url);
    await ca.handshake('tok-a');
    await cb.handshake('tok-b');
    ca.sub('ddp-2', 'stream-room-messages', a._id, 'tok-a');
    cb.sub('ddp-2', 'stream-room-messages', b._id, 'tok-b');
    // B may not listen to A's room, with either token field
    cb.sub('ddp-3', 'stream-room-messages', a._id, 'tok-b');
    await ca.waitFor((f) => f.msg === 'ready' && (f.subs as string[])[0] === 'ddp-2');
    await cb.waitFor((f) => f.msg === 'ready');
    const nosub = await cb.waitFor((f) => f.msg === 'nosub' && f.id === 'ddp-3');
    expect((nosub.error as { error: string }).error).toBe('not-allowed');

    const before = Date.now();
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid: a._id, msg: 'agent to A' } },
    });
    const frame = await ca.waitFor((f) => f.msg === 'changed');
    expect(frame).toMatchObject({ collection: 'stream-room-messages', id: 'id', fields: { eventName: a._id } });
    const msg = (frame.fields as { args: Record<string, unknown>[] }).args[0]!;
    expect(msg).toMatchObject({ rid: a._id, msg: 'agent to A', u: { _id: agent.userId, username: 'ddp-agent' } });
    expect((msg.ts as { $date: number }).$date).toBeGreaterThanOrEqual(before - 5);
    expect(msg).not.toHaveProperty('t');

    // the visitor's own message is echoed (the widget shows it only from the stream); no token leaks
    const sent = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-a', rid: a._id, msg: 'visitor A' },
    });
    const echo = await ca.waitFor((f) => f.msg === 'changed' && JSON.stringify(f).includes('visitor A'));
    expect((echo.fields as { args: object[] }).args[0]).not.toHaveProperty('token');
    const mid = (sent.body.message as { _id: string })._id;
    await call(t, {
      method: 'PUT',
      url: `/api/v1/livechat/message/${mid}`,
      payload: { token: 'tok-a', rid: a._id, msg: 'visitor A, edited' },
    });
    const edit = (await ca.waitFor((f) => JSON.stringify(f).includes('visitor A, edited'))).fields as {
      args: Record<string, unknown>[];
    };
    expect(edit.args[0]).toMatchObject({ _id: mid, editedAt: { $date: expect.any(Number) } });

    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: agent,
      payload: { rid: a._id, comment: 'Bye' },
    });
    const close = (await ca.waitFor((f) => JSON.stringify(f).includes('livechat-close'))).fields as {
      args: Record<string, unknown>[];
    };
    expect(close.args[0]).toMatchObject({
      t: 'livechat-close',
      msg: '', // the closing comment is for colleagues (issue 13): the visitor gets the type only
      rid: a._id,
      ts: { $date: expect.any(Number) },
    });
    // after the close, config no longer returns that room
    const cfg = await call(t, { method: 'GET', url: '/api/v1/livechat/config?token=tok-a' });
    expect((cfg.body.config as Record<string, unknown>).room).toBeUndefined();

    await new Promise((r) => setTimeout(r, 100));
    expect(events(cb, 'stream-room-messages')).toHaveLength(0);
    ca.close();
    cb.close();
  });

  it('pushes agent typing, agentData on forward, agentStatus, and relays visitor typing to the hub', async () => {
    await availableAgent(t, 'ddp-one');
    await newVisitor(t, 'tok-c');
    const { room } = await openRoom(t, 'tok-c');
    expect(room.servedBy).toBeDefined();
    const c = await ddpConnect(url);
    await c.handshake('tok-c');
    c.sub('ddp-2', 'stream-notify-room', `${room._id}/typing`, 'tok-c');
    c.sub('ddp-3', 'stream-livechat-room', room._id, 'tok-c');
    c.sub('ddp-4', 'stream-livechat-room', room._id, 'tok-c');
    await c.waitFor((f) => f.msg === 'ready' && (f.subs as string[])[0] === 'ddp-4');

    // a manager may signal typing in any room; the widget shows the username it gets
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/typing',
      as: t.admin,
      payload: { rid: room._id, typing: true },
    });
    const typing = await c.waitFor((f) => f.collection === 'stream-notify-room');
    expect(typing.fields).toEqual({ eventName: `${room._id}/typing`, args: ['admin', true] });

    // visitor typing: a result without error, and a typing event on the hub under the room's visitor name
    const seen: LiveEvent[] = [];
    const off = t.services.hub.subscribe((e) => seen.push(e));
    c.send({
      msg: 'method',
      method: 'stream-notify-room',
      params: [`${room._id}/typing`, 'someone-else', true, { token: 'tok-c' }],
      id: 'ddp-7',
    });
    expect(await c.waitFor((f) => f.id === 'ddp-7')).toEqual({ msg: 'result', id: 'ddp-7' });
    off();
    expect(seen).toContainEqual(
      expect.objectContaining({
        kind: 'typing',
        from: 'visitor',
        username: expect.stringMatching(/^guest-/),
        typing: true,
      }),
    );
    // ... and never echoed back to the visitor
    expect(c.frames.filter((f) => f.collection === 'stream-notify-room')).toHaveLength(1);
    // a wrong token is refused
    c.send({
      msg: 'method',
      method: 'stream-notify-room',
      params: [`${room._id}/typing`, 'x', true, { token: 'tok-zzz' }],
      id: 'ddp-8',
    });
    expect((await c.waitFor((f) => f.id === 'ddp-8')).error).toMatchObject({ error: 'not-allowed' });

    const other = await availableAgent(t, 'ddp-two');
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: t.admin,
      payload: { roomId: room._id, userId: other.userId },
    });
    await c.waitFor((f) => JSON.stringify(f).includes('"agentData"') && JSON.stringify(f).includes('ddp-two'));
    const agentData = events(c, 'stream-livechat-room').filter((e) => (e as { type: string }).type === 'agentData');
    expect(agentData[0]).toEqual({
      type: 'agentData',
      data: { _id: other.userId, username: 'ddp-two', name: 'ddp-two', status: 'online' },
    });
    expect(agentData.length % 2).toBe(0); // one frame per subscription (two subscriptions here)

    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/agent.status',
      as: other,
      payload: { status: 'not-available' },
    });
    await c.waitFor((f) => JSON.stringify(f).includes('"agentStatus"'));
    expect(events(c, 'stream-livechat-room')).toContainEqual({ type: 'agentStatus', status: 'offline' });
    c.close();
  });

  it('tells a queued visitor its place in the queue', async () => {
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    try {
      await newVisitor(t, 'tok-q');
      const { room } = await openRoom(t, 'tok-q');
      expect(room.servedBy).toBeUndefined();
      const c = await ddpConnect(url);
      await c.handshake('tok-q');
      c.sub('ddp-2', 'stream-livechat-room', room._id, 'tok-q');
      const q = await c.waitFor((f) => JSON.stringify(f).includes('"queueData"'));
      expect((q.fields as { args: { data: { spot: number } }[] }).args[0]!.data.spot).toBeGreaterThanOrEqual(1);
      c.close();
    } finally {
      await setSetting(t, 'Livechat_Routing_Method', 'Auto_Selection');
    }
  });
});
