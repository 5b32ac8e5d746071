/**
 * Rocket.Chat conformance, a room's messages (apps/meteor/app/livechat/imports/server/rest/
 * visitors.ts `livechat/:rid/messages`, Messages.findLivechatClosedMessages; server/api/v1/
 * message.ts `POST livechat/messages`; imports/server/rest/rooms.ts `livechat/rooms/filters`).
 * Success shapes, orderings and each rejection, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { postgresAvailable } from '../helpers/db.ts';

const pgUp = await postgresAvailable();
type Staff = Session & { username: string };
type Row = Record<string, unknown>;

describe.each([
  { dialect: 'sqlite' as const, run: true },
  { dialect: 'postgres' as const, run: pgUp },
])('Rocket.Chat room messages ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let alice: Staff; // served the closed chat
  let carol: Staff; // an agent who did not
  let plain: Staff;
  let rid: string;
  let roomSource: unknown;

  const messages = (qs = '', as: Session = t.admin, room = rid) =>
    call(t, { method: 'GET', url: `/api/v1/livechat/${room}/messages?${qs}`, as });
  const post = (payload: unknown, as: Session | undefined = t.admin) =>
    call(t, { method: 'POST', url: '/api/v1/livechat/messages', as, payload: payload as Record<string, unknown> });

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    alice = await availableAgent(t, 'rm-alice');
    await newVisitor(t, 'tok-rm');
    const opened = await openRoom(t, 'tok-rm');
    rid = opened.room._id;
    roomSource = (opened.room as { source?: unknown }).source;
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-rm', rid, msg: 'Hello there' },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: alice,
      payload: { message: { rid, msg: 'Hi! How can I HELP?' } },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.note',
      as: alice,
      payload: { rid, msg: 'a note, not said' },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: alice,
      payload: { rid, comment: 'bye' },
    });
    carol = await createStaff(t, 'rm-carol', ['livechat-agent']);
    plain = await createStaff(t, 'rm-plain', ['user']);
  });
  afterAll(async () => {
    if (run) await t.close();
  });

  describe.runIf(run)('GET livechat/:rid/messages', () => {
    it('answers what was said and the closing message, newest first, no notes nor records', async () => {
      const r = await messages();
      expect(r.status).toBe(200);
      const list = r.body.messages as Row[];
      expect(list.map((m) => m.msg)).toEqual(['bye', 'Hi! How can I HELP?', 'Hello there']);
      expect(list[0]).toMatchObject({ rid, t: 'livechat-close' });
      expect(list[2]).toMatchObject({ rid, token: 'tok-rm', u: { username: expect.any(String) } });
      // Rocket.Chat's count is the page size asked for
      expect(r.body).toMatchObject({ offset: 0, count: 50, total: 3, success: true });
    });

    it('searches any case, pages and sorts', async () => {
      const found = await messages('searchTerm=how%20can%20i%20help');
      expect((found.body.messages as Row[]).map((m) => m.msg)).toEqual(['Hi! How can I HELP?']);
      expect(found.body.total).toBe(1);
      const page = await messages(`count=1&offset=1&sort=${encodeURIComponent('{"ts":1}')}`);
      expect((page.body.messages as Row[]).map((m) => m.msg)).toEqual(['Hi! How can I HELP?']);
      expect(page.body).toMatchObject({ count: 1, offset: 1, total: 3 });
      expect((await messages(`sort=${encodeURIComponent('{"msg":1}')}`)).status).toBe(400);
    });

    it("refuses an unknown room (invalid-room) and a room the caller may not read (Rocket.Chat's not-allowed)", async () => {
      const unknown = await messages('', t.admin, 'no-such-room');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errorType).toBe('invalid-room');
      const other = await messages('', carol);
      expect(other.status).toBe(400);
      expect(other.body.errorType).toBe('not-allowed');
      expect((await messages('', alice)).status).toBe(200);
    });

    it('needs a login, view-l-room and known parameters', async () => {
      expect((await call(t, { method: 'GET', url: `/api/v1/livechat/${rid}/messages` })).status).toBe(401);
      expect((await messages('', plain)).status).toBe(403);
      expect((await messages('query=x')).status).toBe(400);
    });
  });

  describe.runIf(run)('POST livechat/messages', () => {
    it('creates the visitor and the room for a new token and posts every message in order', async () => {
      const r = await post({ visitor: { token: 'tok-bulk' }, messages: [{ msg: 'one' }, { msg: 'two' }] });
      expect(r.status).toBe(200);
      const sent = r.body.messages as Row[];
      expect(sent.map((m) => m.msg)).toEqual(['one', 'two']);
      expect(sent[0]).toEqual({ username: expect.stringMatching(/^guest-/), msg: 'one', ts: expect.any(String) });
      const visitor = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/tok-bulk' });
      expect(visitor.status).toBe(200);
      const room = await openRoom(t, 'tok-bulk');
      expect(room.newRoom).toBe(false);
      const said = await messages(`sort=${encodeURIComponent('{"ts":1}')}`, t.admin, room.room._id);
      expect((said.body.messages as Row[]).map((m) => m.msg)).toEqual(['one', 'two']);
    });

    it("posts into a known token's open room", async () => {
      const room = await openRoom(t, 'tok-bulk');
      const r = await post({ visitor: { token: 'tok-bulk' }, messages: [{ msg: 'three' }] });
      expect(r.status).toBe(200);
      expect((await messages('', t.admin, room.room._id)).body.total).toBe(3);
    });

    it('checks every message first: one empty message posts none', async () => {
      const r = await post({ visitor: { token: 'tok-bulk' }, messages: [{ msg: 'four' }, { msg: '   ' }] });
      expect(r.status).toBe(400);
      expect(r.body.errorType).toBe('error-invalid-message');
      const room = await openRoom(t, 'tok-bulk');
      expect((await messages('', t.admin, room.room._id)).body.total).toBe(3);
    });

    it("validates the body as Rocket.Chat's schema and needs a login", async () => {
      expect((await post({ visitor: { token: 'x' }, messages: [] })).status).toBe(400);
      expect((await post({ messages: [{ msg: 'a' }] })).status).toBe(400);
      expect((await post({ visitor: { token: 'x', name: 'n' }, messages: [{ msg: 'a' }] })).status).toBe(400);
      expect((await post({ visitor: { token: 'x' }, messages: [{ msg: 'a', t: 'x' }] })).status).toBe(400);
      const anonymous = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/messages',
        payload: { visitor: { token: 'x' }, messages: [{ msg: 'a' }] },
      });
      expect(anonymous.status).toBe(401);
    });
  });

  describe.runIf(run)('GET livechat/rooms/filters', () => {
    it('lists the sources rooms came from; needs view-l-room', async () => {
      const r = await call(t, { method: 'GET', url: '/api/v1/livechat/rooms/filters', as: carol });
      expect(r.status).toBe(200);
      expect(r.body.success).toBe(true);
      expect(r.body.filters).toContainEqual(roomSource);
      expect((await call(t, { method: 'GET', url: '/api/v1/livechat/rooms/filters', as: plain })).status).toBe(403);
    });
  });
});
