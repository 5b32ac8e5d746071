/**
 * Issue 17, the webhook side says what needs attention: failed counts per endpoint, the delivery a
 * held one waits for, a paused endpoint's reason and "Resume now", a room's deliveries and a resend
 * of a selection, the egress check before a save, and who may call each. Real store (both
 * dialects), real worker, real receiver on loopback.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff } from '../helpers/app.ts';
import type { Session } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { insertRoom, roomEvent, useDeliveryRig } from '../helpers/deliveries.ts';

interface Health {
  failed: number;
  consecutiveFailures: number;
  blockedByEgress: boolean;
  lastError?: { errorClass?: string; message?: string };
}
interface EndpointView {
  _id: string;
  pausedUntil?: string;
  health: Health;
}
interface DeliveryView {
  _id: string;
  endpointId: string;
  status: string;
  waitingFor: string | null;
  createdAt: string;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(await dialects())('delivery attention on %s', (dialect) => {
  const rig = useDeliveryRig({
    dialect,
    prepare: ({ rx }) => {
      // endpoint A: the first two requests (the Start delivery's two attempts) fail, later ones succeed
      let seenA = 0;
      rx.route = (req) => (req.path === '/a' ? (seenA++ < 2 ? { status: 500, body: 'down' } : undefined) : undefined);
    },
  });
  let manager: Session;
  let agent: Session;
  let epA: string;
  let epC: string;
  let rid: string;

  beforeAll(async () => {
    const t = rig.t;
    manager = await createStaff(t, 'mgr', ['livechat-manager']);
    agent = await createStaff(t, 'agt', ['livechat-agent']);
    const create = async (path: string) => {
      const r = await call(t, {
        method: 'POST',
        url: '/api/v1/webhooks/endpoints',
        as: manager,
        payload: {
          url: `${rig.rx.url}${path}`,
          events: ['LivechatSessionStart', 'LivechatSessionQueued', 'LivechatSession'],
          retry: { kind: 'list', delaysMs: [0] }, // two attempts, then parked
          ordering: 'room',
        },
      });
      expect(r.status).toBe(200);
      return (r.body.endpoint as { _id: string })._id;
    };
    epA = await create('/a');
    epC = await create('/c');
    // C is paused by its breaker with an egress refusal as its last error (as the worker records it)
    const now = Date.now();
    await t.services.db
      .updateTable('endpoints')
      .set({ paused_until: now + 3_600_000, consecutive_failures: 6, failing_since: now - 60_000 })
      .where('_id', '=', epC)
      .execute();
    await t.services.db
      .insertInto('attempts')
      .values({
        delivery_id: 'd-earlier',
        endpoint_id: epC,
        attempt: 1,
        started_at: now - 1000,
        duration_ms: 1,
        status_code: null,
        error_class: 'ssrf',
        error_message: 'refused to connect to 10.0.0.7 (private address)',
        request_headers: '{}',
        response_headers: null,
        response_body: null,
      })
      .execute();
    rid = (await insertRoom(t.services)).rid;
    await roomEvent(t.services, rid, 'LivechatSessionStart');
    await roomEvent(t.services, rid, 'LivechatSessionQueued');
  });

  const get = (url: string, as: Session = manager) => call(rig.t, { method: 'GET', url, as });
  const endpoint = async (id: string) =>
    (await get(`/api/v1/webhooks/endpoints/${id}`)).body.endpoint as unknown as EndpointView;

  it('counts the deliveries parked as failed per endpoint', async () => {
    // A: Start fails and parks; Queued then succeeds (a parked delivery no longer holds its room)
    const h = await until('A to park one and deliver one', async () => {
      const e = await endpoint(epA);
      const list = await get(`/api/v1/webhooks/deliveries?endpointId=${epA}`);
      const ds = list.body.deliveries as DeliveryView[];
      return e.health.failed === 1 && ds.some((d) => d.status === 'succeeded') ? e.health : undefined;
    });
    expect(h.failed).toBe(1);
    const all = (await get('/api/v1/webhooks/endpoints')).body.endpoints as unknown as EndpointView[];
    expect(all.find((e) => e._id === epA)!.health.failed).toBe(1);
    expect(all.find((e) => e._id === epC)!.health.failed).toBe(0);
    // the link's filter: the endpoint's failed deliveries
    const failed = await get(`/api/v1/webhooks/deliveries?endpointId=${epA}&status=failed`);
    expect(failed.body.total).toBe(1);
  });

  it('names the delivery a held one waits for', async () => {
    const list = await get(`/api/v1/webhooks/deliveries?endpointId=${epC}`);
    const ds = (list.body.deliveries as DeliveryView[]).slice().reverse(); // oldest first
    expect(ds.map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(ds[0]!.waitingFor).toBeNull();
    expect(ds[1]!.waitingFor).toBe(ds[0]!._id);
    const one = await get(`/api/v1/webhooks/deliveries/${ds[1]!._id}`);
    expect((one.body.delivery as DeliveryView).waitingFor).toBe(ds[0]!._id);
  });

  it('says why an endpoint is paused: the streak, the last error, the egress policy', async () => {
    const e = await endpoint(epC);
    expect(Date.parse(e.pausedUntil!)).toBeGreaterThan(Date.now());
    expect(e.health.consecutiveFailures).toBe(6);
    expect(e.health.lastError).toMatchObject({ errorClass: 'ssrf' });
    expect(e.health.blockedByEgress).toBe(true);
    expect((await endpoint(epA)).health.blockedByEgress).toBe(false);
  });

  it('checks a URL against the egress policy without saving', async () => {
    const check = (url: string, as: Session = manager) =>
      get(`/api/v1/webhooks/egress-check?url=${encodeURIComponent(url)}`, as);
    const ok = await check('http://127.0.0.1:9/hook');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ allowed: true, allowlist: ['127.0.0.1/32'] });
    for (const url of ['http://10.1.2.3/hook', 'http://[::1]:8080/hook', 'http://169.254.169.254/latest']) {
      const r = await check(url);
      expect(r.status, url).toBe(200);
      expect(r.body.allowed, url).toBe(false);
      expect(String(r.body.message), url).not.toBe('');
    }
    const bad = await check('ftp://example.com/x');
    expect(bad.status).toBe(400);
    expect(bad.body.errorType).toBe('error-invalid-url');
    expect((await check('http://10.1.2.3/', agent)).status).toBe(403);
  });

  it("lists a room's deliveries to every endpoint and resends a selection", async () => {
    const r = await get(`/api/v1/webhooks/rooms/${rid}/deliveries`);
    expect(r.status).toBe(200);
    const ds = r.body.deliveries as DeliveryView[];
    expect(ds).toHaveLength(4);
    expect(new Set(ds.map((d) => d.endpointId))).toEqual(new Set([epA, epC]));
    // oldest first
    expect(ds.map((d) => Date.parse(d.createdAt))).toEqual(
      ds.map((d) => Date.parse(d.createdAt)).sort((a, b) => a - b),
    );
    const parked = ds.find((d) => d.endpointId === epA && d.status === 'failed')!;
    expect(parked).toBeDefined();
    // the detail warns: its room's newer event already reached A
    expect((await get(`/api/v1/webhooks/deliveries/${parked._id}`)).body.arriveLate).toBe(1);

    const other = (await insertRoom(rig.t.services)).rid;
    const resend = (ids: string[], room = rid, as: Session = manager) =>
      call(rig.t, {
        method: 'POST',
        url: `/api/v1/webhooks/rooms/${room}/deliveries/resend`,
        as,
        payload: { deliveryIds: ids },
      });
    expect((await resend([parked._id], rid, agent)).status).toBe(403);
    const foreign = await resend([parked._id], other);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errorType).toBe('error-delivery-not-in-room');
    const unknown = await resend(['no-such-delivery']);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorType).toBe('error-invalid-delivery');
    expect((await resend([])).status).toBe(400);

    const ok = await resend([parked._id]);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ resent: 1, arriveLate: 1 });
    const after = await until('the resend to succeed', async () => {
      const d = (await get(`/api/v1/webhooks/deliveries/${parked._id}`)).body.delivery as DeliveryView;
      return d.status === 'succeeded' ? d : undefined;
    });
    expect(after.status).toBe('succeeded');
    expect((await endpoint(epA)).health.failed).toBe(0);
    // an unknown room has no deliveries; agents may not look
    expect((await get('/api/v1/webhooks/rooms/nope/deliveries')).body.deliveries).toEqual([]);
    expect((await get(`/api/v1/webhooks/rooms/${rid}/deliveries`, agent)).status).toBe(403);
  });

  it('resumes a paused endpoint now (managers only), and its backlog drains', async () => {
    // one of C's deliveries waits for a later retry: Resume now makes it due
    await rig.t.services.db
      .updateTable('deliveries')
      .set({ next_attempt_at: Date.now() + 3_600_000 })
      .where('endpoint_id', '=', epC)
      .execute();
    const url = `/api/v1/webhooks/endpoints/${epC}/resume`;
    expect((await call(rig.t, { method: 'POST', url, as: agent })).status).toBe(403);
    const r = await call(rig.t, { method: 'POST', url, as: manager });
    expect(r.status).toBe(200);
    expect(r.body.due).toBe(2);
    const e = r.body.endpoint as unknown as EndpointView;
    expect(e.pausedUntil).toBeUndefined();
    expect(e.health.consecutiveFailures).toBe(0);
    expect(e.health.blockedByEgress).toBe(false);
    await until('C to receive its two events', async () =>
      rig.rx.requests.filter((q) => q.path === '/c').length >= 2 ? true : undefined,
    );
    const c = rig.rx.requests.filter((q) => q.path === '/c').map((q) => JSON.parse(q.body) as { type: string });
    expect(c.map((b) => b.type)).toEqual(['LivechatSessionStart', 'LivechatSessionQueued']);

    // a disabled endpoint is enabled, not resumed; an unknown one is a 404
    await call(rig.t, {
      method: 'PATCH',
      url: `/api/v1/webhooks/endpoints/${epC}`,
      as: manager,
      payload: { enabled: false },
    });
    const disabled = await call(rig.t, { method: 'POST', url, as: manager });
    expect(disabled.status).toBe(409);
    expect(disabled.body.errorType).toBe('error-endpoint-disabled');
    const unknown = await call(rig.t, { method: 'POST', url: '/api/v1/webhooks/endpoints/nope/resume', as: manager });
    expect(unknown.status).toBe(404);
  });

  it('recover says how many recovered deliveries arrive after newer events of their room', async () => {
    const room = (await insertRoom(rig.t.services)).rid;
    await roomEvent(rig.t.services, room, 'LivechatSessionStart');
    await roomEvent(rig.t.services, room, 'LivechatSessionQueued');
    await until('both to succeed at A', async () => {
      const ds = (await get(`/api/v1/webhooks/rooms/${room}/deliveries`)).body.deliveries as DeliveryView[];
      const a = ds.filter((d) => d.endpointId === epA);
      return a.length === 2 && a.every((d) => d.status === 'succeeded') ? a : undefined;
    });
    const ds = (await get(`/api/v1/webhooks/rooms/${room}/deliveries`)).body.deliveries as DeliveryView[];
    const first = ds.find((d) => d.endpointId === epA)!;
    // park the room's first delivery as the worker does when its retries are spent
    await rig.t.services.db.updateTable('deliveries').set({ status: 'failed' }).where('_id', '=', first._id).execute();
    const r = await call(rig.t, {
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${epA}/recover`,
      as: manager,
      payload: { since: new Date(Date.parse(first.createdAt) - 1000).toISOString() },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ recovered: 1, arriveLate: 1 });
  });
});
