/**
 * The hand-off's side of the store (store/outbox/fresh.ts), on every dialect: a handed-off row is
 * taken only under the claim's rules (due, not leased, endpoint open, oldest pending row of its
 * room), with what it is sent from; SQLite takes it without a lease and the record accepts that,
 * PostgreSQL leases it. Across two workers on PostgreSQL, one room's rows are never taken twice
 * or out of order.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import type { Database } from '../../src/store/schema.ts';
import { endpointLimits, leaseFresh } from '../../src/store/outbox/fresh.ts';
import { AttemptRecorder } from '../../src/store/outbox/record.ts';
import { ensureBuiltinEndpoint } from '../../src/store/builtin-endpoint.ts';
import { newId } from '../../src/domain/ids.ts';
import { newDeliveryRow } from '../../src/store/rows.ts';

const NOW = 1_700_000_000_000;

describe.each(await dialects())('hand-offs on %s', (dialect) => {
  let ts: TestStore;
  let db: Kysely<Database>;

  beforeAll(async () => {
    ts = await openTestStore(dialect);
    db = ts.store.db;
  });
  afterAll(async () => ts.cleanup());
  beforeEach(async () => {
    await db.deleteFrom('attempts').execute();
    await db.deleteFrom('deliveries').execute();
    await db.deleteFrom('events').execute();
    await db.deleteFrom('endpoints').execute();
    await ensureBuiltinEndpoint(db, NOW);
  });

  async function add(room: string | null, over: { lease_until?: number; next_attempt_at?: number } = {}) {
    const _id = newId();
    const eventId = `ev_${_id}`;
    await db
      .insertInto('events')
      .values({
        _id: eventId,
        type: 'Message',
        rid: room,
        department_id: null,
        body: `{"n":"${_id}"}`,
        created_at: NOW,
      })
      .execute();
    const row = newDeliveryRow(
      {
        _id,
        event_id: eventId,
        endpoint_id: 'rocketchat',
        event_type: 'Message',
        rid: room,
        order_key: room,
        next_attempt_at: over.next_attempt_at ?? NOW - 1,
        lease_owner: over.lease_until ? 'someone' : null,
        lease_until: over.lease_until ?? null,
      },
      NOW - 1,
    );
    const { seq } = await db.insertInto('deliveries').values(row).returning('seq').executeTakeFirstOrThrow();
    return { id: _id, seq: Number(seq) };
  }

  const take = (ids: string[], owner = 'w1') => leaseFresh(ts.store, { owner, now: NOW, leaseMarginMs: 10_000, ids });

  it('takes due rows with their event and endpoint, each room only at its oldest pending row', async () => {
    const a1 = await add('room-a');
    const a2 = await add('room-a');
    const b1 = await add('room-b');
    const free = await add(null);
    const leased = await add('room-c', { lease_until: NOW + 60_000 });
    const later = await add('room-d', { next_attempt_at: NOW + 60_000 });
    const got = await take([a1.id, a2.id, b1.id, free.id, leased.id, later.id]);
    expect(got.map((g) => g._id).sort()).toEqual([a1.id, b1.id, free.id].sort());
    for (const g of got) {
      expect(g.target?.event.body).toBe(`{"n":"${g._id}"}`);
      expect(g.target?.endpoint._id).toBe('rocketchat');
    }
    const rows = await db.selectFrom('deliveries').select(['_id', 'lease_owner']).where('_id', '=', a1.id).execute();
    if (dialect === 'sqlite') {
      // one process: taken without a lease; the engine knows what it has in flight
      expect(got.every((g) => g.unleased)).toBe(true);
      expect(rows[0]!.lease_owner).toBeNull();
    } else {
      expect(got.some((g) => g.unleased)).toBe(false);
      expect(rows[0]!.lease_owner).toBe('w1');
      // leased: a second worker gets nothing of it
      expect(await take([a1.id, b1.id], 'w2')).toEqual([]);
    }
  });

  it('takes nothing of a paused or disabled endpoint, and says so in its limits', async () => {
    const a = await add('room-a');
    await db
      .updateTable('endpoints')
      .set({ paused_until: NOW + 60_000 })
      .execute();
    expect(await take([a.id])).toEqual([]);
    const [limit] = await endpointLimits(ts.store, NOW);
    expect(limit).toMatchObject({ _id: 'rocketchat', open: false });
    await db.updateTable('endpoints').set({ paused_until: null, enabled: 0 }).execute();
    expect(await take([a.id])).toEqual([]);
    await db.updateTable('endpoints').set({ enabled: 1 }).execute();
    expect((await take([a.id])).map((g) => g._id)).toEqual([a.id]);
    expect((await endpointLimits(ts.store, NOW))[0]).toMatchObject({ open: true, max_concurrency: 64 });
  });

  it('records the taken row; the room then goes on to its next row', async () => {
    const a1 = await add('room-a');
    const a2 = await add('room-a');
    const [g] = await take([a1.id]);
    const recorder = new AttemptRecorder(ts.store);
    const updated = await recorder.record({
      owner: 'w1',
      now: NOW,
      ...(g!.unleased ? { unleased: true } : {}),
      attempt: {
        deliveryId: a1.id,
        deliverySeq: a1.seq,
        endpointId: 'rocketchat',
        orderKey: 'room-a',
        attempt: 1,
        startedAt: NOW,
        durationMs: 3,
        statusCode: 200,
        errorClass: null,
        errorMessage: null,
        requestHeaders: {},
        responseHeaders: null,
        responseBody: null,
      },
      decision: { status: 'succeeded', nextAttemptAt: NOW, completedAt: NOW, endpoint: { kind: 'healthy' } },
    });
    expect(updated).toBe(true);
    const row = await db
      .selectFrom('deliveries')
      .select(['status', 'lease_owner'])
      .where('_id', '=', a1.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'succeeded', lease_owner: null });
    expect((await take([a2.id])).map((x) => x._id)).toEqual([a2.id]);
  });

  it('two workers taking the same hand-offs at once never take a room twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await add(`room-${i % 5}`)).id);
    const [x, y] = await Promise.all([take(ids, 'w1'), take(ids, 'w2')]);
    const all = [...x, ...y];
    const rooms = all.map((g) => g.order_key);
    if (dialect === 'postgres') {
      // each room's head taken once, by one of them
      expect(new Set(all.map((g) => g._id)).size).toBe(all.length);
      expect(new Set(rooms).size).toBe(rooms.length);
    }
    expect(new Set(x.map((g) => g.order_key)).size).toBe(x.length);
    expect(all.length).toBeGreaterThanOrEqual(5);
  });
});
