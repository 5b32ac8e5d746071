/**
 * What the claim hands the worker besides the leases (src/store/outbox/claim.ts), on every dialect:
 * each row's target (the stored event and the endpoint row, read in the claim's transaction), no
 * target when the event row is gone, and exact shares whether LIMIT is written into the statement
 * (the usual sizes) or bound as a parameter (large shares).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import type { Database } from '../../src/store/schema.ts';
import { claimDue, claimStatement } from '../../src/store/outbox/claim.ts';
import type { ClaimParams } from '../../src/store/outbox/claim.ts';
import { ensureBuiltinEndpoint } from '../../src/store/builtin-endpoint.ts';
import { newId } from '../../src/domain/ids.ts';
import { newDeliveryRow } from '../../src/store/rows.ts';
import { addEndpoint as addRowsEndpoint } from '../helpers/outbox-rows.ts';

const NOW = 1_700_000_000_000;
const params = (over: Partial<ClaimParams> = {}): ClaimParams => ({
  owner: 'w1',
  now: NOW,
  limit: 100,
  probeAfterFailures: 5,
  leaseMarginMs: 30_000,
  ...over,
});

/** An endpoint whose every column the claim hands back differs from the defaults. */
const addEndpoint = (db: Kysely<Database>, id: string, maxConcurrency: number) =>
  addRowsEndpoint(db, id, {
    max_concurrency: maxConcurrency,
    url: `https://example.com/${id}`,
    events: '["Message"]',
    headers: '{"X-Tenant":"acme"}',
    secret: 'whsec_c2VjcmV0',
  });

/** An event and its delivery to `endpointId`; `withEvent: false` leaves the event row out. */
async function addDelivery(
  db: Kysely<Database>,
  endpointId: string,
  opts: { rid?: string | null; withEvent?: boolean } = {},
): Promise<{ id: string; eventId: string }> {
  const id = newId();
  const eventId = `ev_${id}`;
  const rid = opts.rid === undefined ? null : opts.rid;
  if (opts.withEvent !== false) {
    await db
      .insertInto('events')
      .values({
        _id: eventId,
        type: 'Message',
        rid,
        department_id: null,
        body: `{"event":"${eventId}"}`,
        created_at: NOW,
      })
      .execute();
  }
  await db
    .insertInto('deliveries')
    .values(
      newDeliveryRow(
        {
          _id: id,
          event_id: eventId,
          endpoint_id: endpointId,
          event_type: 'Message',
          rid,
          order_key: rid,
          next_attempt_at: NOW - 1,
        },
        NOW,
      ),
    )
    .execute();
  return { id, eventId };
}

describe.each(await dialects())('claimed batches on %s', (dialect) => {
  let ts: TestStore;
  let db: Kysely<Database>;
  const claim = (over: Partial<ClaimParams> = {}) => claimDue(ts.store, params(over));

  beforeAll(async () => {
    ts = await openTestStore(dialect);
    db = ts.store.db;
  });
  afterAll(async () => ts.cleanup());
  beforeEach(async () => {
    await db.deleteFrom('deliveries').execute();
    await db.deleteFrom('events').execute();
    await db.deleteFrom('endpoints').execute();
    await ensureBuiltinEndpoint(db, NOW);
    await addEndpoint(db, 'ep1', 10);
  });

  it('hands each row its event and its endpoint row', async () => {
    const a = await addDelivery(db, 'ep1', { rid: 'room-a' });
    const b = await addDelivery(db, 'rocketchat', { rid: 'room-b' });
    const rows = await claim();
    const byId = new Map(rows.map((r) => [r._id, r]));
    expect(byId.get(a.id)?.target).toEqual({
      event: { _id: a.eventId, rid: 'room-a', body: `{"event":"${a.eventId}"}` },
      endpoint: await db.selectFrom('endpoints').selectAll().where('_id', '=', 'ep1').executeTakeFirstOrThrow(),
    });
    expect(byId.get(b.id)?.target?.event.rid).toBe('room-b');
    expect(byId.get(b.id)?.target?.endpoint._id).toBe('rocketchat');
  });

  it('leases a row whose event is gone, without a target (the worker parks it)', async () => {
    const gone = await addDelivery(db, 'ep1', { withEvent: false });
    const ok = await addDelivery(db, 'ep1');
    const rows = await claim();
    expect(rows.map((r) => r._id).sort()).toEqual([gone.id, ok.id].sort());
    expect(rows.find((r) => r._id === gone.id)?.target).toBeUndefined();
    expect(rows.find((r) => r._id === ok.id)?.target?.event._id).toBe(ok.eventId);
  });

  it('writes usual LIMITs into the statement and binds large ones', () => {
    expect(claimStatement(ts.store.caps, params(), 'ep1', 16).compile(db).sql).toMatch(/LIMIT 16\b/);
    const large = claimStatement(ts.store.caps, params(), 'ep1', 500).compile(db);
    expect(large.sql).not.toMatch(/LIMIT 500\b/);
    expect(large.parameters).toContain(500);
  });

  it('claims exactly the share, with LIMIT written in or bound', async () => {
    await addEndpoint(db, 'wide', 400);
    for (let i = 0; i < 300; i++) await addDelivery(db, 'wide');
    expect(await claim({ owner: 'a', limit: 7 })).toHaveLength(7);
    // one endpoint gets at most 7/8 of a process's slots (store/outbox/shares.ts): 175 of 200, bound
    expect(await claim({ owner: 'b', limit: 200 })).toHaveLength(175);
    expect(await claim({ owner: 'c', limit: 200 })).toHaveLength(118);
    const owners = await db.selectFrom('deliveries').select('lease_owner').where('endpoint_id', '=', 'wide').execute();
    expect(owners.filter((o) => o.lease_owner === null)).toHaveLength(0);
  });
});
