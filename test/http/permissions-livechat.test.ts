/**
 * Who may call the livechat agent and manager routes, and the webhook routes: anonymous, a
 * visitor (token only), an agent NOT serving the room, a manager, an admin. Each cell is the exact
 * status; the serving agent's own access is covered by the routing tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { TestApp, Session } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

type Who = 'anonymous' | 'visitor' | 'agent' | 'manager' | 'admin';
const WHO: Who[] = ['anonymous', 'visitor', 'agent', 'manager', 'admin'];

describe('permission matrix: livechat staff routes and webhooks', () => {
  let t: TestApp;
  let sessions: Record<'agent' | 'manager', Session>;
  let serving: Session;
  let counter = 0;
  beforeAll(async () => {
    t = await makeApp({ env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    serving = await availableAgent(t, 'server');
    sessions = {
      agent: await createStaff(t, 'bystander', ['livechat-agent']),
      manager: await createStaff(t, 'boss', ['livechat-manager']),
    };
  });
  afterAll(async () => t.close());

  /** A fresh open room served by `serving`, so a close or forward in one row never affects another. */
  const room = async () => {
    const token = `perm-${++counter}`;
    await newVisitor(t, token);
    return (await openRoom(t, token)).room._id;
  };

  const rows: [string, 'GET' | 'POST', () => Promise<{ url: string; payload?: unknown }>, number[]][] = [
    ['queue', 'GET', async () => ({ url: '/api/v1/livechat/inquiries.queued' }), [401, 401, 200, 200, 200]],
    ['rooms list', 'GET', async () => ({ url: '/api/v1/livechat/rooms' }), [401, 401, 200, 200, 200]],
    [
      'rooms.info of a room served by someone else',
      'GET',
      async () => ({ url: `/api/v1/rooms.info?roomId=${await room()}` }),
      [401, 401, 403, 200, 200],
    ],
    [
      'send in a room served by someone else',
      'POST',
      async () => ({ url: '/api/v1/chat.sendMessage', payload: { message: { rid: await room(), msg: 'x' } } }),
      [401, 401, 403, 200, 200],
    ],
    [
      'close a room served by someone else',
      'POST',
      async () => ({ url: '/api/v1/livechat/room.closeByUser', payload: { rid: await room() } }),
      // Rocket.Chat's closeLivechatRoom answers 400 error-not-authorized to an agent who does not
      // serve the room (apps/meteor/server/lib/omnichannel/closeLivechatRoom.ts)
      [401, 401, 400, 200, 200],
    ],
    [
      'forward a room served by someone else',
      'POST',
      async () => ({
        url: '/api/v1/livechat/room.forward',
        payload: { roomId: await room(), departmentId: 'nowhere' },
      }),
      [401, 401, 403, 400, 400],
    ],
    [
      'webhook settings',
      'GET',
      async () => ({ url: '/api/v1/livechat/integrations.settings' }),
      [401, 401, 403, 200, 200],
    ],
    [
      'save webhook settings',
      'POST',
      async () => ({ url: '/api/v1/omnichannel/integrations', payload: { LivechatWebhookOnStart: false } }),
      [401, 401, 403, 200, 200],
    ],
    ['delivery log', 'GET', async () => ({ url: '/api/v1/webhooks/deliveries' }), [401, 401, 403, 200, 200]],
    ['endpoints', 'GET', async () => ({ url: '/api/v1/webhooks/endpoints' }), [401, 401, 403, 200, 200]],
  ];

  for (const [name, method, build, expected] of rows) {
    it(name, async () => {
      const got: number[] = [];
      for (const who of WHO) {
        const req = await build();
        const url = who === 'visitor' ? `${req.url}${req.url.includes('?') ? '&' : '?'}token=perm-1` : req.url;
        const as = who === 'agent' || who === 'manager' ? sessions[who] : who === 'admin' ? t.admin : undefined;
        const r = await call(t, { method, url, payload: req.payload as Record<string, unknown> | undefined, as });
        got.push(r.status);
        if (r.status === 401) expect(r.body.errorType).toBe('unauthorized');
        if (r.status === 403) expect(['error-unauthorized', 'error-not-allowed']).toContain(r.body.errorType);
      }
      expect(got).toEqual(expected);
    });
  }

  it('the serving agent may act on its own room', async () => {
    const rid = await room();
    expect((await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${rid}`, as: serving })).status).toBe(200);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/chat.sendMessage',
          as: serving,
          payload: { message: { rid, msg: 'mine' } },
        })
      ).status,
    ).toBe(200);
  });
});
