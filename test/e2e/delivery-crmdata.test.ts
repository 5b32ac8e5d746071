/**
 * Rocket.Chat's own crmData test, through the real livechat API: point the Webhooks page at an
 * echo service, start a chat, and the room's crmData is the echo of the LivechatSessionStart event.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import type { Receiver } from '../helpers/receiver.ts';
import { useDeliveryRig } from '../helpers/deliveries.ts';

describe('crmData via the livechat API', () => {
  let t: TestApp;
  let rx: Receiver;
  const rig = useDeliveryRig({
    prepare: ({ rx }) => {
      // an echo service, like the one Rocket.Chat's test uses: { json: <the posted body> }
      rx.route = (req) => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: JSON.parse(req.body) }),
      });
    },
  });
  beforeAll(() => ({ t, rx } = rig));

  it('stores the echo of LivechatSessionStart on the room', async () => {
    const saved = await call(t, {
      method: 'POST',
      url: '/api/v1/omnichannel/integrations',
      as: t.admin,
      payload: { LivechatWebhookUrl: `${rx.url}/echo`, LivechatSecretToken: 'crm-token', LivechatWebhookOnStart: true },
    });
    expect(saved.status).toBe(200);
    const token = 'visitor-crm-1';
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/visitor',
          payload: { visitor: { token, name: 'Crm Visitor' } },
        })
      ).status,
    ).toBe(200);
    const room = await call(t, { method: 'GET', url: `/api/v1/livechat/room?token=${token}` });
    expect(room.status).toBe(200);
    const rid = (room.body.room as { _id: string })._id;
    await rx.waitFor(1);
    let crmData: string | undefined;
    for (let i = 0; i < 200 && !crmData; i++) {
      const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${rid}`, as: t.admin });
      crmData = (info.body.room as { crmData?: string } | undefined)?.crmData;
      if (!crmData) await new Promise((r) => setTimeout(r, 20));
    }
    expect(JSON.parse(crmData ?? '{}').json.type).toBe('LivechatSessionStart');
    expect(rx.requests[0]?.headers['x-rocketchat-livechat-token']).toBe('crm-token');
  });
});
