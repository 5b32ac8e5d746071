/**
 * Rocket.Chat's widget over DDP hears the same queue numbers as Omnihook's widget (issue 15):
 * `queueData` carries the spot and the measured estimate of services/livechat/queue-position.ts,
 * equal to the `queue` event our SSE stream sends, and a room ahead closing moves the visitor up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeApp } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import type { LiveEvent } from '../../src/domain/live-events.ts';
import { ddpConnect, listen } from './ddp-helpers.ts';
import type { DdpClient, Frame } from './ddp-helpers.ts';

type QueueData = { spot: number; estimatedWaitTimeSeconds?: number };

/** The `queueData` payloads a connection received, in order. */
function queueData(c: DdpClient): QueueData[] {
  return c.frames
    .filter((f) => f.msg === 'changed' && f.collection === 'stream-livechat-room')
    .map((f) => (f.fields as { args: { type: string; data: QueueData }[] }).args[0]!)
    .filter((a) => a.type === 'queueData')
    .map((a) => a.data);
}

const isQueueData = (pred: (d: QueueData) => boolean) => (f: Frame) =>
  f.msg === 'changed' &&
  f.collection === 'stream-livechat-room' &&
  (f.fields as { args: { type: string; data: QueueData }[] }).args.some((a) => a.type === 'queueData' && pred(a.data));

/** Queue order is by queued time in ms: the next room must not share this one's millisecond. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() <= start) await new Promise((r) => setImmediate(r));
}

describe('DDP queueData for the Rocket.Chat widget', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await makeApp();
    url = await listen(t);
    await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
  });
  afterAll(async () => {
    await t.services.queue.stop();
    await t.close();
  });

  it('sends the SSE numbers: spot, measured estimate, and a room ahead closing', async () => {
    const agent = await availableAgent(t, 'ddpq-agent');
    const rooms: string[] = [];
    for (const token of ['ddpq-1', 'ddpq-2', 'ddpq-3']) {
      await newVisitor(t, token);
      rooms.push((await openRoom(t, token)).room._id);
      await nextMillisecond();
    }
    const mine = rooms[2]!;
    // What our widget's SSE stream hears for this room (the stream is the hub, filtered per visitor).
    const sse: QueueData[] = [];
    const off = t.services.hub.subscribe((e: LiveEvent) => {
      if (e.kind !== 'queue' || e.audience.rid !== mine) return;
      sse.push({
        spot: e.spot,
        ...(e.estimatedWaitTimeSeconds !== undefined ? { estimatedWaitTimeSeconds: e.estimatedWaitTimeSeconds } : {}),
      });
    });

    const c = await ddpConnect(url);
    await c.handshake('ddpq-3');
    c.sub('ddp-2', 'stream-livechat-room', mine, 'ddpq-3');
    // On subscribing: the place now, and no estimate before any chat was taken from the queue
    // (never Rocket.Chat's placeholder 0, which the widget would also hide).
    await c.waitFor(
      isQueueData((d) => d.spot === 3),
      15_000,
    );
    expect(queueData(c)[0]).toEqual({ spot: 3 });

    // The chat at the front is taken: spot 2, the numbers the SSE event carries.
    const first = await t.services.db
      .selectFrom('inquiries')
      .select('_id')
      .where('rid', '=', rooms[0]!)
      .executeTakeFirstOrThrow();
    const take = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/inquiries.take',
      as: agent,
      payload: { inquiryId: first._id },
    });
    expect(take.status).toBe(200);
    await c.waitFor(
      isQueueData((d) => d.spot === 2),
      15_000,
    );
    await expect.poll(() => sse.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(queueData(c).find((d) => d.spot === 2)).toEqual(sse.find((d) => d.spot === 2));

    // That chat waited a minute at the front: the estimate for spot 1 is then 60 s.
    const served = await t.services.db
      .selectFrom('rooms')
      .select('served_by_ts')
      .where('_id', '=', rooms[0]!)
      .executeTakeFirstOrThrow();
    await t.services.db
      .updateTable('rooms')
      .set({ queued_at: Number(served.served_by_ts) - 60_000 })
      .where('_id', '=', rooms[0]!)
      .execute();

    // The visitor ahead leaves: Rocket.Chat's widget hears it (it missed this before).
    const left = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/room.close',
      payload: { rid: rooms[1], token: 'ddpq-2' },
    });
    expect(left.status).toBe(200);
    const front = await c.waitFor(
      isQueueData((d) => d.spot === 1),
      15_000,
    );
    const data = (front.fields as { args: { data: QueueData }[] }).args[0]!.data;
    expect(data).toEqual({ spot: 1, estimatedWaitTimeSeconds: 60 });
    await expect.poll(() => sse.some((d) => d.spot === 1), { timeout: 15_000 }).toBe(true);
    expect(sse.find((d) => d.spot === 1)).toEqual(data);

    // A widget subscribing now (a reload) gets the same numbers at once, as livechat/config's queueInfo.
    const again = await ddpConnect(url);
    await again.handshake('ddpq-3');
    again.sub('ddp-2', 'stream-livechat-room', mine, 'ddpq-3');
    await again.waitFor(
      isQueueData((d) => d.spot === 1),
      15_000,
    );
    expect(queueData(again)[0]).toEqual({ spot: 1, estimatedWaitTimeSeconds: 60 });
    const cfg = await call(t, { method: 'GET', url: '/api/v1/livechat/config?token=ddpq-3' });
    expect((cfg.body.config as { queueInfo?: QueueData }).queueInfo).toEqual(queueData(again)[0]);

    // Another visitor's connection never hears this room's place.
    await newVisitor(t, 'ddpq-other');
    const otherRoom = (await openRoom(t, 'ddpq-other')).room._id;
    const other = await ddpConnect(url);
    await other.handshake('ddpq-other');
    other.sub('ddp-2', 'stream-livechat-room', otherRoom, 'ddpq-other');
    await other.waitFor(
      isQueueData(() => true),
      15_000,
    );
    expect(queueData(other)[0]).toMatchObject({ spot: 2 }); // behind ddpq-3
    expect(other.frames.filter((f) => (f.fields as { eventName?: string } | undefined)?.eventName === mine)).toEqual(
      [],
    );
    off();
    c.close();
    again.close();
    other.close();
  });
});
