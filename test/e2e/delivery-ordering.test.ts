/**
 * Per-room ordering under failure, end to end: room A's failing event holds back only room A;
 * room B flows; once A's event succeeds (or is parked) A's later events follow in order.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import type { ReceivedRequest, Receiver } from '../helpers/receiver.ts';
import { configureWebhook, insertRoom, roomEvent, useDeliveryRig, waitForDelivery } from '../helpers/deliveries.ts';

const parsed = (r: ReceivedRequest) => JSON.parse(r.body) as { _id: string; type: string };

describe('per-room ordering', () => {
  let t: TestApp;
  let rx: Receiver;
  const rig = useDeliveryRig();
  beforeAll(() => ({ t, rx } = rig));
  beforeEach(() => rx.reset());

  it('holds back only the failing room; its events then arrive in order', async () => {
    await configureWebhook(t.services, rx.url, { retries: 10, delayMs: 150 });
    const a = await insertRoom(t.services);
    const b = await insertRoom(t.services);
    let aStartTries = 0;
    rx.route = (req) => {
      const p = parsed(req);
      if (p._id === a.rid && p.type === 'LivechatSessionStart' && ++aStartTries <= 3) return { status: 503 };
      return undefined;
    };
    const aStart = await roomEvent(t.services, a.rid, 'LivechatSessionStart');
    const aQueued = await roomEvent(t.services, a.rid, 'LivechatSessionQueued');
    const bStart = await roomEvent(t.services, b.rid, 'LivechatSessionStart');
    const bQueued = await roomEvent(t.services, b.rid, 'LivechatSessionQueued');
    const aTaken = await roomEvent(t.services, a.rid, 'LivechatSessionTaken');

    // B is not held back by A's retries: both of B's events land while A is still retrying.
    await waitForDelivery(t.services, bQueued._id, (d) => d.status === 'succeeded', 3000);
    const aNow = await waitForDelivery(t.services, aStart._id, () => true);
    expect(aNow.status).toBe('pending');
    expect(
      rx.requests.filter((r) => parsed(r)._id === a.rid).every((r) => parsed(r).type === 'LivechatSessionStart'),
    ).toBe(true);

    await waitForDelivery(t.services, aTaken._id, (d) => d.status === 'succeeded', 5000);
    const seqA = rx.requests.filter((r) => parsed(r)._id === a.rid).map((r) => parsed(r).type);
    expect(seqA).toEqual([
      'LivechatSessionStart',
      'LivechatSessionStart',
      'LivechatSessionStart',
      'LivechatSessionStart',
      'LivechatSessionQueued',
      'LivechatSessionTaken',
    ]);
    const seqB = rx.requests.filter((r) => parsed(r)._id === b.rid).map((r) => parsed(r).type);
    expect(seqB).toEqual(['LivechatSessionStart', 'LivechatSessionQueued']);
    expect(bStart._id).not.toBe(aQueued._id);
  });

  it('a parked (failed) event no longer blocks the room', async () => {
    await configureWebhook(t.services, rx.url, { retries: 1, delayMs: 20 });
    const a = await insertRoom(t.services);
    rx.route = (req) => (parsed(req).type === 'LivechatSessionStart' ? { status: 500 } : undefined);
    const start = await roomEvent(t.services, a.rid, 'LivechatSessionStart');
    const queued = await roomEvent(t.services, a.rid, 'LivechatSessionQueued');
    await waitForDelivery(t.services, queued._id, (d) => d.status === 'succeeded', 5000);
    const s = await waitForDelivery(t.services, start._id, () => true);
    expect(s.status).toBe('failed');
    expect(rx.requests.map((r) => parsed(r).type)).toEqual([
      'LivechatSessionStart',
      'LivechatSessionStart',
      'LivechatSessionQueued',
    ]);
  });
});
