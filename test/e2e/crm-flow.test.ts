/**
 * A CRM receiver written for Rocket.Chat, end to end: the Webhooks page configured through
 * Rocket.Chat's API, a whole chat driven through the livechat API, and what the receiver gets:
 * every event type, in order, with Rocket.Chat's fields; nothing for a flag that is off; crmData
 * round-tripped.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import type { Receiver, ReceivedRequest } from '../helpers/receiver.ts';
import { useDeliveryRig } from '../helpers/deliveries.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

const ALL_FLAGS = {
  LivechatWebhookOnStart: true,
  LivechatWebhookOnClose: true,
  LivechatWebhookOnChatTaken: true,
  LivechatWebhookOnChatQueued: true,
  LivechatWebhookOnForward: true,
  LivechatWebhookOnOfflineMsg: true,
  LivechatWebhookOnVisitorMessage: true,
  LivechatWebhookOnAgentMessage: true,
};

/** Replaces ids and times with placeholders so the shape can be compared exactly. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalise(v)]));
  }
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value)) return '<date>';
  return value;
}

function keysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, keysDeep(v)]),
    );
  }
  return typeof value;
}

describe('CRM webhooks through the API, as a Rocket.Chat receiver sees them', () => {
  let t: TestApp;
  let rx: Receiver;
  const rig = useDeliveryRig();
  beforeAll(() => ({ t, rx } = rig));
  beforeEach(() => rx.reset());

  const configure = (body: Record<string, unknown>) =>
    call(t, { method: 'POST', url: '/api/v1/omnichannel/integrations', as: t.admin, payload: body });
  const bodies = (reqs: ReceivedRequest[]) => reqs.map((r) => JSON.parse(r.body) as Record<string, unknown>);

  it('sends every event type in order with the spec fields, the token header, and crmData', async () => {
    expect(
      (await configure({ LivechatWebhookUrl: `${rx.url}/crm`, LivechatSecretToken: 'rc-token', ...ALL_FLAGS })).status,
    ).toBe(200);
    await t.services.settings.set('Livechat_webhook_on_capture', true);
    // the CRM answers the first event with its own id, which comes back as crmData
    rx.route = (req) =>
      JSON.parse(req.body).type === 'LivechatSessionStart' ? { status: 200, body: '{"crmId":"lead-7"}' } : undefined;

    await newVisitor(t, 'crm-v', { email: 'crm@example.com' });
    const { room } = await openRoom(t, 'crm-v'); // nobody available: Start, Queued
    const first = await availableAgent(t, 'first'); // takes the queued room: Taken
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'crm-v', rid: room._id, msg: 'my number is 55 5555 1234' },
    });
    const reply = await call(t, {
      method: 'POST',
      url: '/api/v1/chat.sendMessage',
      as: first,
      payload: { message: { rid: room._id, msg: 'thanks' } },
    });
    expect(reply.status).toBe(200);
    const second = await availableAgent(t, 'second');
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.forward',
      as: first,
      payload: { roomId: room._id, userId: second.userId },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.closeByUser',
      as: second,
      payload: { rid: room._id, comment: 'done', tags: ['vip'] },
    });
    const visitor = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/crm-v' });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.saveInfo',
      as: second,
      payload: {
        guestData: { _id: (visitor.body.visitor as { _id: string })._id },
        roomData: { _id: room._id, topic: 'follow-up' },
      },
    });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'Night Owl', email: 'owl@example.com', message: 'after hours' },
    });

    const expected = [
      'LivechatSessionStart',
      'LivechatSessionQueued',
      'LivechatSessionTaken',
      'Message',
      'LeadCapture',
      'Message',
      'LivechatSessionTaken',
      'LivechatSessionForwarded',
      'LivechatSession',
      'LivechatEdit',
      'LivechatOfflineMessage',
    ];
    await rx.waitFor(expected.length, 20_000);
    const got = bodies(rx.requests);
    // one room's events arrive in order; the offline message has no room, so compare as a multiset there
    expect(got.filter((b) => b.type !== 'LivechatOfflineMessage').map((b) => b.type)).toEqual(
      expected.filter((e) => e !== 'LivechatOfflineMessage'),
    );
    expect(got.map((b) => b.type).sort()).toEqual([...expected].sort());
    for (const r of rx.requests) {
      expect(r.headers['x-rocketchat-livechat-token']).toBe('rc-token');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
    }

    const byType = (type: string) => got.filter((b) => b.type === type);
    const start = byType('LivechatSessionStart')[0]!;
    expect(keysDeep(start)).toEqual({
      _id: 'string',
      // issue 14: the contact the visitor belongs to, beside the legacy visitor shape (unchanged)
      contactId: 'string',
      contact: {
        _id: 'string',
        name: 'string',
        channels: [
          {
            blocked: 'boolean',
            details: { type: 'string' },
            name: 'string',
            verified: 'boolean',
            visitor: { source: { type: 'string' }, visitorId: 'string' },
          },
        ],
      },
      createdAt: 'string',
      // no customFields: Rocket.Chat leaves livechatData unset until a custom field is given
      label: 'string',
      messages: [],
      type: 'string',
      visitor: {
        _id: 'string',
        email: [{ address: 'string' }],
        ip: 'string',
        name: 'string',
        token: 'string',
        username: 'string',
      },
    });
    const visitorMessage = byType('Message')[0]!;
    expect(normalise(visitorMessage.messages)).toEqual([
      expect.objectContaining({
        msg: 'my number is 55 5555 1234',
        ts: '<date>',
        rid: room._id,
        username: expect.stringMatching(/^guest-/),
      }),
    ]);
    expect((visitorMessage.messages as Record<string, unknown>[])[0]).not.toHaveProperty('agentId');
    const agentMessage = byType('Message')[1]!;
    expect((agentMessage.messages as Record<string, unknown>[])[0]).toMatchObject({
      msg: 'thanks',
      agentId: first.userId,
      username: 'first',
    });
    expect(agentMessage).toMatchObject({
      agent: { _id: first.userId, username: 'first', email: 'first@example.com' },
      crmData: '{"crmId":"lead-7"}',
    });
    expect(byType('LeadCapture')[0]).toMatchObject({
      messages: [],
      visitor: { phone: [{ phoneNumber: '55 5555 1234' }] },
    });
    expect(byType('LivechatSessionForwarded')[0]).toMatchObject({
      servedBy: { _id: second.userId },
      oldServedBy: { _id: first.userId },
    });
    const closed = byType('LivechatSession')[0]!;
    expect(closed).toMatchObject({
      closer: 'user',
      closedBy: { _id: second.userId, username: 'second' },
      tags: ['vip'],
      servedBy: { _id: second.userId },
    });
    const closing = (closed.messages as Record<string, unknown>[]).at(-1);
    expect(closing).toMatchObject({ msg: 'done', closingMessage: true });
    // system messages (the transfer note) are never sent
    expect((closed.messages as Record<string, unknown>[]).map((m) => m.msg)).toEqual([
      'my number is 55 5555 1234',
      'thanks',
      'done',
    ]);
    expect(byType('LivechatEdit')[0]).toMatchObject({ topic: 'follow-up' });
    expect(byType('LivechatOfflineMessage')[0]).toEqual({
      type: 'LivechatOfflineMessage',
      sentAt: expect.any(String),
      visitor: { name: 'Night Owl', email: 'owl@example.com' },
      message: 'after hours',
    });

    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: t.admin });
    expect(info.body.room).toMatchObject({ crmData: '{"crmId":"lead-7"}' });
    rx.route = undefined;
  });

  it('sends nothing for a flag that is off, and no token header without a token', async () => {
    const off = Object.fromEntries(Object.keys(ALL_FLAGS).map((k) => [k, false]));
    expect((await configure({ LivechatSecretToken: '', ...off })).status).toBe(200);
    await t.services.settings.set('Livechat_webhook_on_capture', false);
    await newVisitor(t, 'quiet');
    const { room } = await openRoom(t, 'quiet');
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/message',
      payload: { token: 'quiet', rid: room._id, msg: 'mail me: q@example.com' },
    });
    await call(t, { method: 'POST', url: '/api/v1/livechat/room.close', payload: { token: 'quiet', rid: room._id } });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/offline.message',
      payload: { name: 'n', email: 'n@example.com', message: 'm' },
    });
    // LivechatEdit has no flag in Rocket.Chat: it is always sent; use it as the marker that the worker caught up
    const v = await call(t, { method: 'GET', url: '/api/v1/livechat/visitor/quiet' });
    await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.saveInfo',
      as: t.admin,
      payload: {
        guestData: { _id: (v.body.visitor as { _id: string })._id },
        roomData: { _id: room._id, topic: 'marker' },
      },
    });
    await rx.waitFor(1, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(bodies(rx.requests).map((b) => b.type)).toEqual(['LivechatEdit']);
    expect(rx.requests[0]!.headers).not.toHaveProperty('x-rocketchat-livechat-token');
  });
});
