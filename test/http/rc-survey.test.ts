/**
 * Rocket.Chat's `livechat/room.survey` (issue 15), written from
 * apps/meteor/app/livechat/server/api/v1/room.ts and rest-typings' isPOSTLivechatRoomSurveyParams:
 * the success shape, each rejection, the answers on the room (rooms.info) and in the CRM payload,
 * and `survey` in `livechat/config`, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, roomEvents } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat livechat/room.survey (${dialect})`, () => {
    let t: TestApp;
    let agent: Session & { username: string };
    beforeAll(async () => {
      t = await makeApp({ dialect });
      agent = await availableAgent(t, 'survey-agent');
    });
    afterAll(async () => t.close());

    const survey = (payload: Record<string, unknown>) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/room.survey', payload });
    const rejects = (r: { status: number; body: Record<string, unknown> }, code: string) => {
      expect([r.status, r.body.success, r.body.errorType]).toEqual([400, false, code]);
    };
    const closedRoom = async (token: string) => {
      await newVisitor(t, token);
      const { room } = await openRoom(t, token);
      const c = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: agent,
        payload: { rid: room._id },
      });
      expect(c.status).toBe(200);
      return room._id;
    };
    const roomInfo = async (rid: string) =>
      (await call(t, { method: 'GET', url: '/api/v1/rooms.info', as: t.admin, query: { roomId: rid } })).body.room as
        Record<string, unknown> | undefined;

    it('livechat/config announces Rocket.Chat survey items and values', async () => {
      const r = await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
      expect((r.body.config as Record<string, unknown>).survey).toEqual({
        items: ['satisfaction', 'agentKnowledge', 'agentResposiveness', 'agentFriendliness'],
        values: ['1', '2', '3', '4', '5'],
      });
    });

    it('a closed room: { rid, data, success } with only the accepted answers; on the room and sent as LivechatEdit', async () => {
      const rid = await closedRoom('survey-a');
      const r = await survey({
        rid,
        token: 'survey-a',
        data: [
          { name: 'satisfaction', value: '5' },
          { name: 'agentKnowledge', value: '9' }, // a value Rocket.Chat does not offer: dropped
          { name: 'mood', value: '3' }, // an unknown item: dropped
          { name: 'additionalFeedback', value: 'Quick and friendly' },
        ],
      });
      expect([r.status, r.body]).toEqual([
        200,
        { rid, data: { satisfaction: '5', additionalFeedback: 'Quick and friendly' }, success: true },
      ]);
      expect((await roomInfo(rid))?.surveyFeedback).toEqual({
        satisfaction: '5',
        additionalFeedback: 'Quick and friendly',
      });
      const edit = (await roomEvents(t, rid)).at(-1)!;
      expect(edit.type).toBe('LivechatEdit');
      expect(edit.body.surveyFeedback).toEqual({ satisfaction: '5', additionalFeedback: 'Quick and friendly' });

      // a new answer replaces the old one whole ($set, as Rocket.Chat), and the same answer again sends nothing
      const again = await survey({ rid, token: 'survey-a', data: [{ name: 'agentFriendliness', value: '4' }] });
      expect(again.body.data).toEqual({ agentFriendliness: '4' });
      expect((await roomInfo(rid))?.surveyFeedback).toEqual({ agentFriendliness: '4' });
      const before = (await roomEvents(t, rid)).length;
      await survey({ rid, token: 'survey-a', data: [{ name: 'agentFriendliness', value: '4' }] });
      expect((await roomEvents(t, rid)).length).toBe(before);
    });

    it('an open room takes answers too, without a CRM event (the close sends them)', async () => {
      await newVisitor(t, 'survey-open');
      const rid = (await openRoom(t, 'survey-open')).room._id;
      const before = (await roomEvents(t, rid)).length;
      const r = await survey({ rid, token: 'survey-open', data: [{ name: 'agentResposiveness', value: '3' }] });
      expect(r.body).toEqual({ rid, data: { agentResposiveness: '3' }, success: true });
      expect((await roomEvents(t, rid)).length).toBe(before);
      await call(t, { method: 'POST', url: '/api/v1/livechat/room.closeByUser', as: agent, payload: { rid } });
      const session = (await roomEvents(t, rid)).find((e) => e.type === 'LivechatSession')!;
      expect(session.body.surveyFeedback).toEqual({ agentResposiveness: '3' });
    });

    it('invalid-token, then invalid-room (unknown, or another visitor’s), in that order', async () => {
      const rid = await closedRoom('survey-b');
      await newVisitor(t, 'survey-other');
      const data = [{ name: 'satisfaction', value: '5' }];
      rejects(await survey({ rid, token: 'no-such-token', data }), 'invalid-token');
      rejects(await survey({ rid: 'NoSuchRoom123', token: 'survey-b', data }), 'invalid-room');
      rejects(await survey({ rid, token: 'survey-other', data }), 'invalid-room');
      expect((await roomInfo(rid))?.surveyFeedback).toBeUndefined();
    });

    it('invalid-data when nothing is accepted: bad values, unknown items', async () => {
      const rid = await closedRoom('survey-c');
      for (const data of [
        [{ name: 'satisfaction', value: '0' }],
        [{ name: 'satisfaction', value: '6' }],
        [{ name: 'satisfaction', value: 'five' }],
        [{ name: 'satisfaction', value: ' 5' }],
        [{ name: 'agentResponsiveness', value: '5' }], // Rocket.Chat's key is spelled agentResposiveness
        [{ name: '__proto__', value: '5' }],
      ])
        rejects(await survey({ rid, token: 'survey-c', data }), 'invalid-data');
      expect((await roomInfo(rid))?.surveyFeedback).toBeUndefined();
    });

    it('invalid-params for a body outside Rocket.Chat’s schema', async () => {
      const rid = await closedRoom('survey-d');
      for (const payload of [
        { rid, token: 'survey-d' },
        { rid, token: 'survey-d', data: [] },
        { rid, data: [{ name: 'satisfaction', value: '5' }] },
        { token: 'survey-d', data: [{ name: 'satisfaction', value: '5' }] },
        { rid, token: 'survey-d', data: [{ name: 'satisfaction', value: 5 }] },
        { rid, token: 'survey-d', data: [{ name: 'satisfaction' }] },
        { rid, token: 'survey-d', data: [{ name: 'satisfaction', value: '5', extra: 1 }] },
        { rid, token: 'survey-d', data: [{ name: 'satisfaction', value: '5' }], extra: 1 },
      ])
        rejects(await survey(payload), 'invalid-params');
    });
  });
}
