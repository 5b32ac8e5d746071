/**
 * Queue position and estimated wait (issue 15): three queued visitors learn their spots from
 * `livechat/config` (Rocket.Chat's `queueInfo`), a visitor's SSE stream hears its new spot when a
 * chat ahead is taken, and the estimate appears once a chat taken from the queue has been measured.
 * Also: closing a room one does not serve is Rocket.Chat's 400 error-not-authorized. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** A visitor's SSE stream over the real port; `next` waits (generously) for a matching event. */
async function stream(base: string, token: string) {
  const ac = new AbortController();
  const res = await request(`${base}/api/v1/stream?token=${token}`, { signal: ac.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  res.body.setEncoding('utf8');
  res.body.on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
      waiters.splice(0).forEach((w) => w());
    }
  });
  res.body.on('error', () => undefined);
  return {
    events,
    close: () => ac.abort(),
    next: (pred: (e: SseEvent) => boolean, ms = 15_000) =>
      new Promise<SseEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no such event; got ${JSON.stringify(events)}`)), ms);
        const check = () => {
          const hit = events.find(pred);
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          } else waiters.push(check);
        };
        check();
      }),
  };
}

/** Queue order is by queued time in ms: the next room must not share this one's millisecond. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() <= start) await new Promise((r) => setImmediate(r));
}

for (const dialect of await dialects()) {
  describe(`queue position (${dialect})`, () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = t.app.server.address();
      base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
      await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
    });
    afterAll(async () => t.close());

    const queueInfo = async (token: string) => {
      const r = await call(t, { method: 'GET', url: `/api/v1/livechat/config?token=${token}` });
      expect(r.status).toBe(200);
      return (r.body.config as { queueInfo?: { spot: number; estimatedWaitTimeSeconds?: number } }).queueInfo;
    };

    it('tells three queued visitors their spots, live when one ahead is taken, with an estimate once known', async () => {
      const agent = await availableAgent(t, 'qp-agent');
      const rooms: string[] = [];
      for (const token of ['qp-1', 'qp-2', 'qp-3']) {
        await newVisitor(t, token);
        rooms.push((await openRoom(t, token)).room._id);
        await nextMillisecond();
      }
      expect(await queueInfo('qp-1')).toEqual({ spot: 1 });
      expect(await queueInfo('qp-2')).toEqual({ spot: 2 });
      expect(await queueInfo('qp-3')).toEqual({ spot: 3 });

      const third = await stream(base, 'qp-3');
      const second = await stream(base, 'qp-2');
      await third.next((e) => e.event === 'ready');
      await second.next((e) => e.event === 'ready');

      const inquiry = await t.services.db
        .selectFrom('inquiries')
        .select('_id')
        .where('rid', '=', rooms[0]!)
        .executeTakeFirstOrThrow();
      const take = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/inquiries.take',
        as: agent,
        payload: { inquiryId: inquiry._id },
      });
      expect(take.status).toBe(200);
      const moved = await third.next((e) => e.event === 'queue' && e.data.spot === 2);
      expect(moved.data).toMatchObject({ kind: 'queue', rid: rooms[2], spot: 2 });
      expect(JSON.stringify(moved.data)).not.toContain('visitorToken');
      await second.next((e) => e.event === 'queue' && e.data.spot === 1 && e.data.rid === rooms[1]);
      // nobody's stream hears another visitor's place
      expect(third.events.filter((e) => e.event === 'queue' && e.data.rid !== rooms[2])).toHaveLength(0);
      expect(await queueInfo('qp-1')).toBeUndefined(); // served: no longer waiting

      // The taken chat waited a minute at the front of the queue: that is the measure.
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
      expect(await queueInfo('qp-2')).toEqual({ spot: 1, estimatedWaitTimeSeconds: 60 });
      expect(await queueInfo('qp-3')).toEqual({ spot: 2, estimatedWaitTimeSeconds: 120 });

      // The next change of the queue (a fourth visitor) tells the waiting ones their estimate live.
      await newVisitor(t, 'qp-4');
      await openRoom(t, 'qp-4');
      const estimated = await third.next((e) => e.event === 'queue' && e.data.estimatedWaitTimeSeconds === 120);
      expect(estimated.data).toMatchObject({ rid: rooms[2], spot: 2, estimatedWaitTimeSeconds: 120 });
      expect(await queueInfo('qp-4')).toEqual({ spot: 3, estimatedWaitTimeSeconds: 180 });

      // A visitor who leaves the queue moves those behind up.
      const left = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.close',
        payload: { rid: rooms[1], token: 'qp-2' },
      });
      expect(left.status).toBe(200);
      await third.next((e) => e.event === 'queue' && e.data.spot === 1);
      third.close();
      second.close();
    });

    it("a room one does not serve (a queued one) is Rocket.Chat's 400 error-not-authorized to close", async () => {
      await newVisitor(t, 'qp-close');
      const { room } = await openRoom(t, 'qp-close');
      const other = await createStaff(t, 'qp-other', ['livechat-agent']);
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: other,
        payload: { rid: room._id },
      });
      expect([r.status, r.body.errorType]).toEqual([400, 'error-not-authorized']);
      // a manager (close-others-livechat-room) still closes it
      const byAdmin = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: t.admin,
        payload: { rid: room._id },
      });
      expect(byAdmin.status).toBe(200);
    });
  });
}
