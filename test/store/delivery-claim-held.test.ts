/**
 * The claim's cost does not grow with an endpoint's blocked backlog (issue 12, store/outbox/held.ts),
 * on every dialect: rows waiting behind their room's head are held after one claim, so what later
 * claims walk stays the same for a backlog of 20 or of 2,000; recording the head un-holds the
 * room's next row at once; a hold left behind by any other path runs out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import type { Database } from '../../src/store/schema.ts';
import { claimDue, claimStatement } from '../../src/store/outbox/claim.ts';
import type { ClaimParams } from '../../src/store/outbox/claim.ts';
import { AttemptRecorder } from '../../src/store/outbox/record.ts';
import { HOLD_BATCH } from '../../src/store/outbox/held.ts';
import { ensureBuiltinEndpoint } from '../../src/store/builtin-endpoint.ts';
import { newId } from '../../src/domain/ids.ts';
import { newDeliveryRow } from '../../src/store/rows.ts';

const NOW = 1_700_000_000_000;
const params = (over: Partial<ClaimParams> = {}): ClaimParams => ({
  owner: 'w1',
  now: NOW,
  limit: 64,
  probeAfterFailures: 5,
  leaseMarginMs: 30_000,
  ...over,
});

function deliveryRow(room: string, over: { lease_until?: number; next_attempt_at?: number } = {}) {
  const _id = newId();
  return newDeliveryRow(
    {
      _id,
      event_id: `msg_${_id}`,
      endpoint_id: 'rocketchat',
      event_type: 'Message',
      rid: room,
      order_key: room,
      next_attempt_at: over.next_attempt_at ?? NOW - 1,
      lease_owner: over.lease_until ? 'hanging-worker' : null,
      lease_until: over.lease_until ?? null,
    },
    NOW - 1,
  );
}

async function addDelivery(db: Kysely<Database>, room: string): Promise<{ id: string; seq: number }> {
  const row = deliveryRow(room);
  const { seq } = await db.insertInto('deliveries').values(row).returning('seq').executeTakeFirstOrThrow();
  return { id: row._id, seq: Number(seq) };
}

describe.each(await dialects())('held rows on %s', (dialect) => {
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
    await db.deleteFrom('endpoints').execute();
    await ensureBuiltinEndpoint(db, NOW);
  });

  /** Rows of the endpoint inside the claim's index range (pending, not held, due). */
  const walkable = async () =>
    Number(
      (
        await db
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('endpoint_id', '=', 'rocketchat')
          .where('status', '=', 'pending')
          .where(sql<boolean>`held IS NULL`)
          .where('next_attempt_at', '<=', NOW)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Rows the claim statement visits in deliveries d, from PostgreSQL's own count (EXPLAIN ANALYZE, rolled back). */
  const pgRowsVisited = async (): Promise<number> => {
    const text = claimStatement(ts.store.caps, params(), 'rocketchat', 10).compile(db);
    let visited = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        // index scans only: the question is what the index lets the claim walk, not the planner's choice on a tiny table
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const res = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${text.sql}`, [...text.parameters]),
        );
        const walk = (n: Record<string, unknown>): void => {
          if (n['Alias'] === 'd') visited += Number(n['Actual Rows'] ?? 0) + Number(n['Rows Removed by Filter'] ?? 0);
          for (const c of (n['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(c);
        };
        const plan = res.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[];
        walk(plan[0]!.Plan);
        throw new Error('rollback');
      })
      .catch((err: unknown) => {
        if (!(err instanceof Error && err.message === 'rollback')) throw err;
      });
    return visited;
  };

  for (const perRoom of [4, 400]) {
    it(`after a few claims, a blocked backlog of ${5 * perRoom} rows is held and later claims walk only the heads`, async () => {
      // five rooms, each with its head in flight at a receiver that hangs, and perRoom rows behind it
      const rows = [];
      for (let r = 0; r < 5; r++) {
        rows.push(deliveryRow(`room-${r}`, { lease_until: NOW + 60_000 }));
        for (let i = 0; i < perRoom; i++) rows.push(deliveryRow(`room-${r}`));
      }
      for (let i = 0; i < rows.length; i += 400)
        await db
          .insertInto('deliveries')
          .values(rows.slice(i, i + 400))
          .execute();
      expect(await walkable()).toBe(5 + 5 * perRoom);
      // each claim holds at most HOLD_BATCH of them, so a burst costs a bounded amount per claim
      let claims = 0;
      while ((await walkable()) > 5) {
        expect(await claim()).toEqual([]);
        claims++;
      }
      expect(claims).toBe(Math.ceil((5 * perRoom) / HOLD_BATCH));
      // from then on a claim walks the five leased heads, whatever the backlog behind them
      expect(await claim()).toEqual([]);
      expect(await walkable()).toBe(5);
      if (dialect === 'postgres') expect(await pgRowsVisited()).toBe(5);
    });
  }

  it('walks the claimable index on SQLite (deliveries_claimable)', async () => {
    if (dialect !== 'sqlite') {
      // PostgreSQL counts the rows it visits in the test above
      expect(ts.store.caps.skipLocked).toBe(true);
      return;
    }
    const c = claimStatement(ts.store.caps, params(), 'rocketchat', 10).compile(db);
    const plan = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${c.sql}`, [...c.parameters]),
    );
    expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(
      /SEARCH d USING INDEX deliveries_claimable \(endpoint_id=\? AND next_attempt_at<\?\)/,
    );
  });

  it("recording the room's head un-holds its next row at once; a retry keeps it held", async () => {
    const head = await addDelivery(db, 'room-a');
    const second = await addDelivery(db, 'room-a');
    const third = await addDelivery(db, 'room-a');
    expect((await claim()).map((r) => r._id)).toEqual([head.id]);
    expect(await claim({ owner: 'w2' })).toEqual([]); // second and third are held now
    const recorder = new AttemptRecorder(ts.store);
    const attempt = (d: { id: string; seq: number }) => ({
      deliveryId: d.id,
      deliverySeq: d.seq,
      endpointId: 'rocketchat',
      orderKey: 'room-a',
      attempt: 1,
      startedAt: NOW,
      durationMs: 5,
      statusCode: 503,
      errorClass: 'http' as const,
      errorMessage: 'unavailable',
      requestHeaders: {},
      responseHeaders: null,
      responseBody: null,
    });
    // the head fails and waits to retry: the room stays blocked, nothing is walked again
    await recorder.record({
      owner: 'w1',
      now: NOW,
      attempt: attempt(head),
      decision: { status: 'pending', nextAttemptAt: NOW + 10_000, completedAt: null, endpoint: { kind: 'failing' } },
    });
    expect(await claim({ owner: 'w2' })).toEqual([]);
    expect(await walkable()).toBe(0);
    // its retry succeeds: the second row is claimable in the same instant, the third still waits
    expect((await claim({ owner: 'w1', now: NOW + 10_000 })).map((r) => r._id)).toEqual([head.id]);
    await recorder.record({
      owner: 'w1',
      now: NOW + 10_000,
      attempt: { ...attempt(head), attempt: 2, statusCode: 200, errorClass: null, errorMessage: null },
      decision: {
        status: 'succeeded',
        nextAttemptAt: NOW + 10_000,
        completedAt: NOW + 10_000,
        endpoint: { kind: 'healthy' },
      },
    });
    expect((await claim({ owner: 'w2', now: NOW + 10_000 })).map((r) => r._id)).toEqual([second.id]);
    expect(third.id).not.toBe(second.id);
    expect(await claim({ owner: 'w3', now: NOW + 10_000 })).toEqual([]);
  });
});
