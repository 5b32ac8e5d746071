/**
 * Rocket.Chat conformance, the visitor directory (apps/meteor/app/livechat/imports/server/rest/
 * visitors.ts, server/api/lib/visitors.ts, rest-typings omnichannel.ts): `livechat/visitors.search`,
 * `visitors.autocomplete` and `visitors.searchChats/room/:roomId/visitor/:visitorId`. Each success
 * shape and each rejection Rocket.Chat makes, on both dialects.
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
])('Rocket.Chat visitor directory ($dialect)', ({ dialect, run }) => {
  let t: TestApp;
  let alice: Staff; // serves both of Ann's chats
  let carol: Staff; // an agent who serves nothing
  let manager: Staff;
  let plain: Staff; // logged in, no livechat role
  let ann: { _id: string; username: string };
  let bob: { _id: string; username: string };
  let annie: { _id: string; username: string };
  let firstRoom: string;
  let secondRoom: string;
  let sourceType: string;

  const get = (url: string, as: Session | undefined = manager) => call(t, { method: 'GET', url, as });
  const search = (qs: string, as?: Session) => get(`/api/v1/livechat/visitors.search?${qs}`, as);
  const auto = (selector: unknown, as?: Session) =>
    get(`/api/v1/livechat/visitors.autocomplete?selector=${encodeURIComponent(JSON.stringify(selector))}`, as);
  const chats = (qs = '', rid = secondRoom, vid = ann._id, as?: Session) =>
    get(`/api/v1/livechat/visitors.searchChats/room/${rid}/visitor/${vid}?${qs}`, as);

  beforeAll(async () => {
    if (!run) return;
    t = await makeApp({ dialect });
    alice = await availableAgent(t, 'dir-alice');
    carol = await createStaff(t, 'dir-carol', ['livechat-agent']);
    manager = await createStaff(t, 'dir-manager', ['livechat-manager']);
    plain = await createStaff(t, 'dir-plain', ['user']);
    ann = await newVisitor(t, 'tok-ann', { name: 'Ann Archer', email: 'ann@example.com', phone: '+15550001' });
    bob = await newVisitor(t, 'tok-bob', { name: 'Bob Builder' });
    annie = await newVisitor(t, 'tok-annie', { name: 'annie Zed' });
    firstRoom = (await openRoom(t, 'tok-ann')).room._id;
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-ann', rid: firstRoom, msg: 'Refund please' },
    });
    const closed = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: alice,
      payload: { rid: firstRoom, comment: 'Refund done' },
    });
    expect(closed.status).toBe(200);
    const second = (await openRoom(t, 'tok-ann')).room as { _id: string; source?: { type: string } };
    secondRoom = second._id;
    sourceType = second.source?.type ?? 'widget';
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'tok-ann', rid: secondRoom, msg: 'hello again' },
    });
  });
  afterAll(async () => {
    if (run) await t.close();
  });

  describe.runIf(run)('visitors.search', () => {
    it('needs a login and view-l-room', async () => {
      expect((await call(t, { method: 'GET', url: '/api/v1/livechat/visitors.search?term=a' })).status).toBe(401);
      const r = await search('term=a', plain);
      expect(r.status).toBe(403);
      expect(r.body.errorType).toBe('error-unauthorized');
    });

    it('requires term and refuses unknown parameters, as its AJV schema', async () => {
      expect((await search('')).status).toBe(400);
      const r = await search('term=a&bogus=1');
      expect(r.status).toBe(400);
      expect(r.body.errorType).toBe('invalid-params');
    });

    it('matches part of a name or username, any case, newest first, in Rocket.Chat projection', async () => {
      const r = await search('term=ANN');
      expect(r.status).toBe(200);
      const visitors = r.body.visitors as Row[];
      expect(visitors.map((v) => v._id)).toEqual([annie._id, ann._id]);
      expect(r.body).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
      const a = visitors[1]!;
      expect(a).toMatchObject({
        _id: ann._id,
        username: ann.username,
        name: 'Ann Archer',
        visitorEmails: [{ address: 'ann@example.com' }],
        phone: [{ phoneNumber: '+15550001' }],
        lastChat: { _id: secondRoom },
      });
      expect(typeof (a.lastChat as Row).ts).toBe('string');
      // the projection: no token, no connection data
      expect(a).not.toHaveProperty('token');
      expect(a).not.toHaveProperty('ip');
      expect(visitors[0]).not.toHaveProperty('lastChat'); // annie never chatted
    });

    it('matches an email address or phone number exactly, not a piece of it', async () => {
      expect(((await search('term=ann@example.com')).body.visitors as Row[]).map((v) => v._id)).toEqual([ann._id]);
      expect(((await search('term=%2B15550001')).body.visitors as Row[]).map((v) => v._id)).toEqual([ann._id]);
      expect((await search('term=example.com')).body.total).toBe(0);
      expect((await search('term=5550001')).body.total).toBe(0);
    });

    it('an empty term lists everyone; pages and sorts with Rocket.Chat sort JSON', async () => {
      const all = await search('term=');
      expect(all.body.total).toBe(3);
      const sorted = await search(`term=&sort=${encodeURIComponent('{"name":1}')}&count=1&offset=1`);
      expect(sorted.body).toMatchObject({ count: 1, offset: 1, total: 3 });
      expect((sorted.body.visitors as Row[])[0]!._id).toBe(bob._id); // Ann Archer, Bob Builder, annie Zed
      expect((await search(`term=&sort=${encodeURIComponent('{"name":')}`)).status).toBe(400);
      expect((await search(`term=&sort=${encodeURIComponent('{"token":1}')}`)).status).toBe(400);
      expect((await search(`term=&sort=${encodeURIComponent('{"name":2}')}`)).status).toBe(400);
    });
  });

  describe.runIf(run)('visitors.autocomplete', () => {
    it('needs view-l-room and a selector that is JSON', async () => {
      expect((await auto({ term: 'a' }, plain)).status).toBe(403);
      expect((await get('/api/v1/livechat/visitors.autocomplete')).status).toBe(400);
      const bad = await get('/api/v1/livechat/visitors.autocomplete?selector=%7Bnot-json');
      expect(bad.status).toBe(400);
      expect(bad.body.errorType).toBe('invalid-params');
    });

    it('lists names starting with the term, any case, A to Z, with custom_name', async () => {
      const r = await auto({ term: 'ann' });
      expect(r.status).toBe(200);
      expect(r.body.items).toEqual([
        { _id: ann._id, name: 'Ann Archer', username: ann.username, custom_name: `${ann.username} - Ann Archer` },
        { _id: annie._id, name: 'annie Zed', username: annie.username, custom_name: `${annie.username} - annie Zed` },
      ]);
      // a prefix of the name only, and the exceptions left out
      expect((await auto({ term: 'archer' })).body.items).toEqual([]);
      expect(((await auto({ term: 'ann', exceptions: [ann._id] })).body.items as Row[]).map((i) => i._id)).toEqual([
        annie._id,
      ]);
    });
  });

  describe.runIf(run)('visitors.searchChats', () => {
    it("lists the visitor's chats newest first, each closed one with its closing message", async () => {
      const r = await chats();
      expect(r.status).toBe(200);
      const history = r.body.history as Row[];
      expect(history.map((h) => h._id)).toEqual([secondRoom, firstRoom]);
      expect(r.body).toMatchObject({ count: 2, offset: 0, total: 2, success: true });
      const closed = history[1]!;
      expect(closed).toMatchObject({
        fname: 'Ann Archer',
        v: { _id: ann._id, username: ann.username },
        servedBy: { _id: alice.userId, username: 'dir-alice' },
        closedBy: { _id: alice.userId },
        closer: 'user',
        closingMessage: { rid: firstRoom, msg: 'Refund done', t: 'livechat-close' },
      });
      expect(typeof closed.closedAt).toBe('string');
      expect(history[0]).not.toHaveProperty('closingMessage');
      expect(closed).not.toHaveProperty('livechatData'); // Rocket.Chat's projection
    });

    it('filters closed only, served only, by message text (case-sensitive) and by source', async () => {
      const ids = async (qs: string) => ((await chats(qs)).body.history as Row[]).map((h) => h._id);
      expect(await ids('closedChatsOnly=true')).toEqual([firstRoom]);
      expect(await ids('servedChatsOnly=true')).toEqual([secondRoom, firstRoom]);
      expect(await ids('searchText=Refund')).toEqual([firstRoom]);
      expect(await ids('searchText=refund')).toEqual([]);
      // a piece of the rooms' own source type, in another case
      expect(await ids(`source=${sourceType.slice(1).toUpperCase()}`)).toEqual([secondRoom, firstRoom]);
      expect(await ids('source=sms')).toEqual([]);
      const page = await chats('count=1&offset=1');
      expect(page.body).toMatchObject({ count: 1, offset: 1, total: 2 });
      expect((page.body.history as Row[])[0]!._id).toBe(firstRoom);
      expect(await ids(`sort=${encodeURIComponent('{"ts":1}')}`)).toEqual([firstRoom, secondRoom]);
    });

    it('refuses an unknown room, a room the agent may not read, and another visitor', async () => {
      const unknown = await chats('', 'no-such-room');
      expect(unknown.status).toBe(400);
      expect(unknown.body.errorType).toBe('invalid-room');
      const other = await chats('', secondRoom, ann._id, carol);
      expect(other.status).toBe(403);
      expect(other.body.errorType).toBe('error-not-allowed');
      expect((await chats('', secondRoom, bob._id)).status).toBe(403);
      expect((await chats('', secondRoom, ann._id, alice)).status).toBe(200); // she serves it
      expect((await chats('', secondRoom, ann._id, plain)).status).toBe(403);
      expect((await chats('bogus=1')).status).toBe(400);
    });
  });
});
