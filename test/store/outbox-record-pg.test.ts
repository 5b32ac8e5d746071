/**
 * Recording attempts in groups on PostgreSQL (store/outbox/record-ordered.ts, issue 16): attempts
 * that finish together share ONE transaction (their rows carry one xmin, the id of the
 * transaction that wrote them); two processes recording overlapping groups in opposite orders do
 * not deadlock, nor does a group with a claim's hold; a group that cannot be recorded falls back to one transaction per attempt, so
 * only the attempt at fault fails; a finished room head un-holds the room's next row.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import pg from 'pg';
import { PG_URL, openTestStore, postgresAvailable } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import type { Database } from '../../src/store/schema.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';
import { AttemptRecorder } from '../../src/store/outbox/record.ts';
import type { RecordInput } from '../../src/store/outbox/record.ts';
import { newId } from '../../src/domain/ids.ts';
import { newDeliveryRow } from '../../src/store/rows.ts';
import { ROWS_AT, addEndpoint } from '../helpers/outbox-rows.ts';

const NOW = ROWS_AT;
const available = await postgresAvailable();

interface Leased {
  id: string;
  seq: number;
  endpointId: string;
  orderKey: string | null;
}

async function leasedDelivery(
  db: Kysely<Database>,
  owner: string,
  endpointId: string,
  over: { orderKey?: string; held?: number } = {},
): Promise<Leased> {
  const id = newId();
  await db
    .insertInto('deliveries')
    .values(
      newDeliveryRow(
        {
          _id: id,
          event_id: `ev_${id}`,
          endpoint_id: endpointId,
          event_type: 'Message',
          rid: 'room-1',
          order_key: over.orderKey ?? null,
          lease_owner: over.held === undefined ? owner : null,
          lease_until: over.held === undefined ? NOW + 60_000 : null,
        },
        NOW,
      ),
    )
    .execute();
  // held is not in the typed schema (store/outbox/held.ts writes it in SQL)
  if (over.held !== undefined) await sql`UPDATE deliveries SET held = ${over.held} WHERE _id = ${id}`.execute(db);
  const row = await db.selectFrom('deliveries').select('seq').where('_id', '=', id).executeTakeFirstOrThrow();
  return { id, seq: Number(row.seq), endpointId, orderKey: over.orderKey ?? null };
}

function outcome(d: Leased, owner: string, over: Partial<RecordInput> = {}): RecordInput {
  return {
    owner,
    now: NOW + 10,
    attempt: {
      deliveryId: d.id,
      deliverySeq: d.seq,
      endpointId: d.endpointId,
      orderKey: d.orderKey,
      attempt: 1,
      startedAt: NOW,
      durationMs: 3,
      statusCode: 200,
      errorClass: null,
      errorMessage: null,
      requestHeaders: { 'content-type': 'application/json' },
      responseHeaders: { 'content-length': '2' },
      responseBody: '{}',
    },
    decision: { status: 'succeeded', nextAttemptAt: NOW + 10, completedAt: NOW + 10, endpoint: { kind: 'healthy' } },
    ...over,
  };
}

/** A 500 without a breaker: the endpoint row is written (its failure count), so groups lock it. */
function failure(d: Leased, owner: string): RecordInput {
  return outcome(d, owner, {
    decision: { status: 'pending', nextAttemptAt: NOW + 1000, completedAt: null, endpoint: { kind: 'failing' } },
  });
}

/** The transactions that wrote these deliveries' attempt rows. */
async function writers(db: Kysely<Database>, ds: readonly Leased[]): Promise<Set<string>> {
  const { rows } = await sql<{ x: string }>`SELECT xmin::text AS x FROM attempts
    WHERE delivery_id IN (${sql.join(ds.map((d) => d.id))})`.execute(db);
  expect(rows).toHaveLength(ds.length);
  return new Set(rows.map((r) => r.x));
}

describe.skipIf(!available)('recording attempts in groups on PostgreSQL', () => {
  let ts: TestStore;
  let db: Kysely<Database>;
  let other: Store;
  const endpoints = ['ep_a', 'ep_b', 'ep_c', 'ep_d'];

  beforeAll(async () => {
    ts = await openTestStore('postgres');
    db = ts.store.db;
    const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]!.s;
    // a second process's pool on the same schema
    other = await openStore(PG_URL, { schema });
    for (const id of endpoints) await addEndpoint(db, id);
  });
  afterAll(async () => {
    await other?.close();
    await ts?.cleanup();
  });
  beforeEach(async () => {
    await db.deleteFrom('attempts').execute();
    await db.deleteFrom('deliveries').execute();
    await db.updateTable('endpoints').set({ consecutive_failures: 0, failing_since: null }).execute();
  });

  it('records attempts that finish together in one transaction, each with its outcome', async () => {
    const recorder = new AttemptRecorder(ts.store);
    const ds = await Promise.all(Array.from({ length: 20 }, (_, i) => leasedDelivery(db, 'w1', endpoints[i % 4]!)));
    const results = await Promise.all(ds.map((d, i) => recorder.record(i % 2 ? failure(d, 'w1') : outcome(d, 'w1'))));
    expect(results).toEqual(ds.map(() => true));
    expect((await writers(db, ds)).size).toBe(1);
    const rows = await db.selectFrom('deliveries').select(['_id', 'status', 'lease_owner', 'attempts']).execute();
    const byId = new Map(rows.map((r) => [r._id, r]));
    ds.forEach((d, i) =>
      expect(byId.get(d.id)).toMatchObject({ status: i % 2 ? 'pending' : 'succeeded', lease_owner: null, attempts: 1 }),
    );
    // the delivery rows changed in that same transaction
    const { rows: dx } = await sql<{ n: number }>`SELECT COUNT(DISTINCT xmin::text)::int AS n FROM deliveries`.execute(
      db,
    );
    expect(dx[0]!.n).toBe(1);
    // 5 failures per endpoint, each counted
    const eps = await db.selectFrom('endpoints').select(['_id', 'consecutive_failures']).orderBy('_id').execute();
    expect(eps.map((e) => Number(e.consecutive_failures))).toEqual([0, 5, 0, 5]);
  });

  it('two processes record overlapping groups in opposite orders without deadlock', async () => {
    const a = new AttemptRecorder(ts.store);
    const b = new AttemptRecorder(other);
    const mineA = await Promise.all(endpoints.map((e) => leasedDelivery(db, 'wa', e)));
    const mineB = await Promise.all(endpoints.map((e) => leasedDelivery(db, 'wb', e)));
    // A third session holds every endpoint row: both groups reach their endpoint writes and wait;
    // let go, a group that wrote them in its finishing order (A: a..d, B: d..a) would deadlock.
    const blocker = new pg.Client({ connectionString: PG_URL });
    await blocker.connect();
    try {
      const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]!.s;
      await blocker.query('BEGIN');
      await blocker.query(`SELECT _id FROM ${schema}.endpoints ORDER BY _id FOR NO KEY UPDATE`);
      const started = performance.now();
      const ra = Promise.all(mineA.map((d) => a.record(failure(d, 'wa'))));
      const rb = Promise.all([...mineB].reverse().map((d) => b.record(failure(d, 'wb'))));
      await new Promise((r) => setTimeout(r, 300));
      await blocker.query('COMMIT');
      expect(await ra).toEqual([true, true, true, true]);
      expect(await rb).toEqual([true, true, true, true]);
      // each group kept its one transaction: a deadlock would have aborted one, recorded again alone
      expect((await writers(db, mineA)).size).toBe(1);
      expect((await writers(db, [...mineB])).size).toBe(1);
      // and nobody waited for PostgreSQL's deadlock detector (deadlock_timeout, 1 s)
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await blocker.end();
    }
    const eps = await db.selectFrom('endpoints').select('consecutive_failures').execute();
    expect(eps.map((e) => Number(e.consecutive_failures))).toEqual([2, 2, 2, 2]);
  });

  it("does not deadlock with a claim's hold, which locks room heads FOR SHARE in its own order", async () => {
    const recorder = new AttemptRecorder(ts.store);
    const heads: Leased[] = [];
    for (const k of ['r1', 'r2', 'r3']) heads.push(await leasedDelivery(db, 'w1', 'ep_a', { orderKey: k }));
    const [, h2, h3] = heads.sort((x, y) => x.seq - y.seq) as [Leased, Leased, Leased];
    const schema = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]!.s;
    // the hold statement of another process's claim: one head locked, then (while the group
    // runs) the next one it walks, lower in seq
    const hold = new pg.Client({ connectionString: PG_URL });
    await hold.connect();
    try {
      await hold.query('BEGIN');
      await hold.query(`SELECT seq FROM ${schema}.deliveries WHERE seq = $1 FOR SHARE`, [h3.seq]);
      const recorded = Promise.all(heads.map((d) => recorder.record(outcome(d, 'w1'))));
      await new Promise((r) => setTimeout(r, 200));
      // A group that locked h1 and h2 and waits for h3 would close the cycle here: this statement
      // would wait until PostgreSQL aborts one of the two (deadlock_timeout, 1 s, counted from the
      // group's wait, ~0.8 s from here), so it gets less than that.
      await hold.query(`SET LOCAL statement_timeout = 600`);
      await hold.query(`SELECT seq FROM ${schema}.deliveries WHERE seq = $1 FOR SHARE`, [h2.seq]);
      await hold.query('COMMIT');
      expect(await recorded).toEqual([true, true, true]);
      // the group kept the heads nobody else held; the held one was recorded alone after it
      expect((await writers(db, heads.slice(0, 2))).size).toBe(1);
      expect((await writers(db, heads)).size).toBe(2);
    } finally {
      await hold.end();
    }
    const rows = await db.selectFrom('deliveries').select('status').execute();
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('falls back to one transaction per attempt when the group fails: only the one at fault fails', async () => {
    const recorder = new AttemptRecorder(ts.store);
    const ds = await Promise.all(Array.from({ length: 5 }, (_, i) => leasedDelivery(db, 'w1', endpoints[i % 4]!)));
    const broken = outcome(ds[2]!, 'w1');
    // attempts.endpoint_id is NOT NULL: the group's insert fails, and then this attempt alone
    broken.attempt = { ...broken.attempt, endpointId: null as unknown as string };
    const settled = await Promise.allSettled(ds.map((d, i) => recorder.record(i === 2 ? broken : outcome(d, 'w1'))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await db.selectFrom('deliveries').select(['_id', 'status']).execute();
    const byId = new Map(rows.map((r) => [r._id, r.status]));
    expect(ds.map((d) => byId.get(d.id))).toEqual(['succeeded', 'succeeded', 'pending', 'succeeded', 'succeeded']);
    const kept = ds.filter((_, i) => i !== 2);
    // recorded alone: one transaction each
    expect((await writers(db, kept)).size).toBe(4);
  });

  it('a lost lease in a group is reported and logged; a finished head un-holds its room', async () => {
    const recorder = new AttemptRecorder(ts.store);
    const head = await leasedDelivery(db, 'w1', 'ep_a', { orderKey: 'room-9' });
    const next = await leasedDelivery(db, 'w1', 'ep_a', { orderKey: 'room-9', held: NOW + 60_000 });
    const theirs = await leasedDelivery(db, 'w2', 'ep_b');
    const plain = await leasedDelivery(db, 'w1', 'ep_c');
    const results = await Promise.all([
      recorder.record(outcome(theirs, 'w1')),
      recorder.record(outcome(head, 'w1')),
      recorder.record(outcome(plain, 'w1')),
    ]);
    expect(results).toEqual([false, true, true]);
    expect((await writers(db, [theirs, head, plain])).size).toBe(1);
    const { rows: held } = await sql<{
      held: number | null;
    }>`SELECT held FROM deliveries WHERE _id = ${next.id}`.execute(db);
    expect(held[0]!.held).toBeNull();
    const lost = await db
      .selectFrom('deliveries')
      .select(['status', 'lease_owner'])
      .where('_id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(lost).toEqual({ status: 'pending', lease_owner: 'w2' });
  });
});
