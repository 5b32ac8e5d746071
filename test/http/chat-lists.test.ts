/**
 * What the console's chat lists need (issue 11, "Never miss a message"): each open room's last
 * message and since when its visitor waits for a reply, the queue's first visitor message, and
 * our widget's visitor typing route (happy path, who may call it, bad input). On both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { postgresAvailable } from '../helpers/db.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import type { LiveEvent } from '../../src/domain/live-events.ts';

const pgUp = await postgresAvailable();

interface ListedRoom {
  _id: string;
  lastMessage?: { _id: string; msg: string; ts: string; token?: string; u: { username: string } };
  waitingResponse?: true;
  waitingSince?: string;
}

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('chat lists and visitor typing ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let agent: Session & { username: string };

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    agent = await availableAgent(t, 'lister');
    // The agent takes each chat from the queue, so these tests do not depend on routing rules.
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
  });
  afterAll(async () => t?.close());

  const visitorSays = async (token: string, rid: string, msg: string) => {
    const r = await call(t, { method: 'POST', url: '/api/v1/livechat/message', payload: { token, rid, msg } });
    expect(r.status).toBe(200);
    return r.body.message as { _id: string; ts: string };
  };
  const agentSays = async (rid: string, msg: string) => {
    const r = await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: agent,
      payload: { message: { rid, msg } },
    });
    expect(r.status).toBe(200);
  };
  /** A visitor's room, taken from the queue by the agent. */
  const takenRoom = async (token: string): Promise<string> => {
    await newVisitor(t, token);
    const rid = (await openRoom(t, token)).room._id;
    const q = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: agent });
    const inquiry = (q.body.inquiries as { _id: string; rid: string }[]).find((i) => i.rid === rid);
    const taken = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: agent,
      payload: { inquiryId: inquiry?._id },
    });
    expect(taken.status).toBe(200);
    return rid;
  };
  const myRooms = async () => {
    const r = await call(t, { method: 'GET', url: '/api/v1/livechat/rooms?open=true', as: agent });
    expect(r.status).toBe(200);
    return new Map((r.body.rooms as ListedRoom[]).map((x) => [x._id, x]));
  };

  it.runIf(run)('rooms carry their last message and since when the visitor waits', async () => {
    const a = await takenRoom('list-a');
    const b = await takenRoom('list-b');
    const c = await takenRoom('list-c');

    // a: the visitor wrote twice, nobody answered: waiting since the first of the two.
    const a1 = await visitorSays('list-a', a, 'first question');
    await visitorSays('list-a', a, 'anyone there?');
    // b: answered, then the visitor wrote again: waiting since that new message only.
    await visitorSays('list-b', b, 'hello');
    await agentSays(b, 'hi, how can I help?');
    const b2 = await visitorSays('list-b', b, 'my order is late');
    // c: the agent spoke last: not waiting.
    await visitorSays('list-c', c, 'thanks');
    await agentSays(c, 'you are welcome');

    const rooms = await myRooms();
    expect(rooms.get(a)).toMatchObject({
      lastMessage: { msg: 'anyone there?', token: 'list-a' },
      waitingResponse: true,
      waitingSince: a1.ts,
    });
    expect(rooms.get(b)).toMatchObject({
      lastMessage: { msg: 'my order is late' },
      waitingResponse: true,
      waitingSince: b2.ts,
    });
    expect(rooms.get(c)?.lastMessage).toMatchObject({ msg: 'you are welcome', u: { username: 'lister' } });
    expect(rooms.get(c)?.lastMessage?.token).toBeUndefined();
    expect(rooms.get(c)?.waitingResponse).toBeUndefined();
    expect(rooms.get(c)?.waitingSince).toBeUndefined();
  });

  it.runIf(run)('a closing message is no reply: the last plain message still counts', async () => {
    const d = await takenRoom('list-d');
    await visitorSays('list-d', d, 'bye');
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: agent,
      payload: { rid: d, comment: 'done' },
    });
    const r = await call(t, { method: 'GET', url: '/api/v1/livechat/rooms?open=false', as: agent });
    const room = (r.body.rooms as ListedRoom[]).find((x) => x._id === d);
    expect(room?.lastMessage?.msg).toBe('bye');
  });

  it.runIf(run)('queued inquiries show the visitor first message', async () => {
    await newVisitor(t, 'list-q');
    const q = (await openRoom(t, 'list-q')).room._id;
    const empty = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: agent });
    const before = (empty.body.inquiries as { rid: string; message?: string }[]).find((i) => i.rid === q);
    expect(before).toBeDefined();
    expect(before?.message).toBeUndefined();
    await visitorSays('list-q', q, 'I need a refund');
    await visitorSays('list-q', q, 'order 42');
    const r = await call(t, { method: 'GET', url: '/api/v1/livechat/inquiries.queued', as: agent });
    expect((r.body.inquiries as { rid: string; message?: string }[]).find((i) => i.rid === q)?.message).toBe(
      'I need a refund',
    );
  });

  it.runIf(run)('livechat/visitor.typing: the room visitor only, published under their username', async () => {
    const seen: LiveEvent[] = [];
    const off = t.services.hub.subscribe((e) => seen.push(e));
    const v = await newVisitor(t, 'list-ty');
    await newVisitor(t, 'list-other');
    const rid = (await openRoom(t, 'list-ty')).room._id;

    const ok = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/visitor.typing',
      payload: { token: 'list-ty', rid, typing: true },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true });
    expect(seen.filter((e) => e.kind === 'typing')).toEqual([
      expect.objectContaining({ kind: 'typing', username: v.username, typing: true, from: 'visitor' }),
    ]);

    // Another visitor's token, an unknown room, and bad bodies: refused, nothing published.
    seen.length = 0;
    const foreign = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/visitor.typing',
      payload: { token: 'list-other', rid, typing: true },
    });
    expect([foreign.status, foreign.body.errorType]).toEqual([400, 'invalid-room']);
    const unknown = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/visitor.typing',
      payload: { token: 'list-ty', rid: 'no-such-room', typing: true },
    });
    expect([unknown.status, unknown.body.errorType]).toEqual([400, 'invalid-room']);
    for (const payload of [
      { rid, typing: true },
      { token: 'list-ty', rid },
      { token: 'list-ty', rid, typing: 'yes' },
    ]) {
      const bad = await call(t, { method: 'POST', url: '/api/v1/livechat/visitor.typing', payload });
      expect([bad.status, bad.body.errorType]).toEqual([400, 'invalid-params']);
    }
    // A staff login is no visitor credential.
    const staff = await createStaff(t, 'typing-staff', ['livechat-manager']);
    const asStaff = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/visitor.typing',
      as: staff,
      payload: { rid, typing: true },
    });
    expect(asStaff.status).toBe(400);

    // A closed room takes no typing.
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.close', payload: { token: 'list-ty', rid } });
    const closed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/visitor.typing',
      payload: { token: 'list-ty', rid, typing: false },
    });
    expect([closed.status, closed.body.errorType]).toEqual([400, 'room-closed']);
    expect(seen.filter((e) => e.kind === 'typing')).toEqual([]);
    off();
  });
});
