/**
 * Conformance with Rocket.Chat's visitor-side livechat REST API (issue 14), written from its
 * handlers and validators: apps/meteor/app/livechat/server/api/v1/{visitor,room,message,pageVisited}.ts,
 * @rocket.chat/omni-core registerGuest and server/lib/messages/loadMessageHistory.ts.
 * Each endpoint: its success shape and each rejection Rocket.Chat makes, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat visitor API (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp({ dialect });
    });
    afterAll(async () => t.close());

    const post = (url: string, payload: Record<string, unknown>) =>
      call(t, { method: 'POST', url: `/api/v1/${url}`, payload });
    const get = (url: string) => call(t, { method: 'GET', url: `/api/v1/${url}` });
    const rejects = (r: { status: number; body: Record<string, unknown> }, code: string) => {
      expect([r.status, r.body.success, r.body.errorType]).toEqual([400, false, code]);
      expect(r.body.error).toContain(`[${code}]`);
    };

    it('visitor.status: invalid-token for an unknown token, { token, status } for a known one', async () => {
      rejects(await post('livechat/visitor.status', { token: 'st-nobody', status: 'away' }), 'invalid-token');
      await newVisitor(t, 'st-known');
      const r = await post('livechat/visitor.status', { token: 'st-known', status: 'away' });
      expect([r.status, r.body]).toEqual([200, { token: 'st-known', status: 'away', success: true }]);
    });

    it('livechat/room: a rid names an open room of the token, never a room to create', async () => {
      await newVisitor(t, 'rm-a');
      rejects(await get('livechat/room?token=rm-a&rid=NoSuchRoom123'), 'invalid-room');
      const created = await openRoom(t, 'rm-a');
      expect(created.newRoom).toBe(true);
      const again = await get(`livechat/room?token=rm-a&rid=${created.room._id}`);
      expect(again.body).toMatchObject({ room: { _id: created.room._id }, newRoom: false, success: true });
      // another visitor's room is not theirs
      await newVisitor(t, 'rm-b');
      rejects(await get(`livechat/room?token=rm-b&rid=${created.room._id}`), 'invalid-room');
      rejects(await get('livechat/room?token=rm-nobody'), 'invalid-token');
    });

    it('page.visited: pageInfo with title, change and location.href is required', async () => {
      await newVisitor(t, 'pv-a');
      expect((await post('livechat/page.visited', { token: 'pv-a' })).status).toBe(400);
      expect((await post('livechat/page.visited', { token: 'pv-a', pageInfo: { title: 'x' } })).status).toBe(400);
      const ok = await post('livechat/page.visited', {
        token: 'pv-a',
        pageInfo: { title: 'Home', change: 'url', location: { href: 'http://shop.example/' } },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ success: true, page: { msg: 'Home - http://shop.example/' } });
      // nothing kept (not a url change): Rocket.Chat answers success alone
      const none = await post('livechat/page.visited', {
        token: 'pv-a',
        pageInfo: { title: 'Home', change: 'title', location: { href: 'http://shop.example/' } },
      });
      expect(none.body).toEqual({ success: true });
    });

    it('DELETE livechat/visitor/:token: refused while a room is open, then { visitor: { _id, ts } }', async () => {
      const v = await newVisitor(t, 'del-a');
      const { room } = await openRoom(t, 'del-a');
      const refused = await call(t, { method: 'DELETE', url: '/api/v1/livechat/visitor/del-a' });
      rejects(refused, 'visitor-has-open-rooms');
      expect(refused.body.error).toBe('Cannot remove visitors with opened rooms [visitor-has-open-rooms]');
      expect((await get('livechat/visitor/del-a')).status).toBe(200);
      await post('livechat/room.close', { rid: room._id, token: 'del-a' });
      const done = await call(t, { method: 'DELETE', url: '/api/v1/livechat/visitor/del-a' });
      expect(done.status).toBe(200);
      expect(done.body).toEqual({ visitor: { _id: v._id, ts: expect.any(String) }, success: true });
      rejects(await call(t, { method: 'DELETE', url: '/api/v1/livechat/visitor/del-a' }), 'invalid-token');
    });

    it('livechat/visitor: a new token with a known phone is that visitor, who keeps their token', async () => {
      const first = await post('livechat/visitor', { visitor: { token: 'ph-old', name: 'Pia', phone: '+4930123456' } });
      const again = await post('livechat/visitor', { visitor: { token: 'ph-new', phone: '+4930123456' } });
      expect(again.status).toBe(200);
      const v = again.body.visitor as Record<string, unknown>;
      expect(v).toMatchObject({ _id: (first.body.visitor as { _id: string })._id, token: 'ph-old', name: 'Pia' });
      expect(v.phone).toEqual([{ phoneNumber: '+4930123456' }]);
      // a phone that only contains the known one is another number
      const other = await post('livechat/visitor', { visitor: { token: 'ph-other', phone: '+493012345' } });
      expect((other.body.visitor as { token: string }).token).toBe('ph-other');
    });

    it('messages.history: newest first, `end` pages back, `offset` skips, a token is required', async () => {
      await newVisitor(t, 'hist-a');
      const { room } = await openRoom(t, 'hist-a');
      for (const msg of ['one', 'two', 'three', 'four']) {
        expect((await post('livechat/message', { token: 'hist-a', rid: room._id, msg })).status).toBe(200);
        await new Promise((r) => setTimeout(r, 5)); // distinct timestamps for `end`
      }
      const page = async (q: string) =>
        ((await get(`livechat/messages.history/${room._id}?token=hist-a${q}`)).body.messages as { msg: string }[])
          .map((m) => m.msg)
          .filter((m) => m !== '');
      expect(await page('')).toEqual(['four', 'three', 'two', 'one']);
      expect(await page('&limit=2')).toEqual(['four', 'three']);
      expect(await page('&limit=2&offset=2')).toEqual(['two', 'one']);
      const all = (await get(`livechat/messages.history/${room._id}?token=hist-a`)).body.messages as {
        msg: string;
        ts: string;
      }[];
      const three = all.find((m) => m.msg === 'three')!;
      expect(await page(`&end=${encodeURIComponent(three.ts)}`)).toEqual(['two', 'one']);
      // `ls` (last seen) filters nothing: it only feeds an unread count livechat does not return
      expect(await page(`&ls=${encodeURIComponent(three.ts)}`)).toEqual(['four', 'three', 'two', 'one']);
      rejects(await get(`livechat/messages.history/${room._id}`), 'error-token-param-not-provided');
      rejects(await get(`livechat/messages.history/${room._id}?token=hist-nobody`), 'invalid-token');
    });

    it('room.close: Omnichannel_allow_visitors_to_close_conversation, then room-closed', async () => {
      await newVisitor(t, 'cl-a');
      const { room } = await openRoom(t, 'cl-a');
      await setSetting(t, 'Omnichannel_allow_visitors_to_close_conversation', false);
      try {
        rejects(
          await post('livechat/room.close', { rid: room._id, token: 'cl-a' }),
          'error-not-allowed-to-close-conversation',
        );
      } finally {
        await setSetting(t, 'Omnichannel_allow_visitors_to_close_conversation', true);
      }
      const ok = await post('livechat/room.close', { rid: room._id, token: 'cl-a' });
      expect([ok.status, ok.body]).toEqual([200, { rid: room._id, comment: 'Closed by visitor', success: true }]);
      rejects(await post('livechat/room.close', { rid: room._id, token: 'cl-a' }), 'room-closed');
      rejects(await post('livechat/room.close', { rid: room._id, token: 'cl-nobody' }), 'invalid-token');
    });
  });
}
