/**
 * Recording attempts (src/store/outbox/record.ts) on every dialect: attempts finishing together are
 * all recorded (on SQLite in one unit of work), a lost lease is reported and the attempt still
 * logged, one attempt that cannot be recorded fails alone, and crmData keeps the last answer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import type { Database } from '../../src/store/schema.ts';
import { AttemptRecorder } from '../../src/store/outbox/record.ts';
import type { RecordInput } from '../../src/store/outbox/record.ts';
import { ensureBuiltinEndpoint } from '../../src/store/builtin-endpoint.ts';
import { newId } from '../../src/domain/ids.ts';
import { newDeliveryRow, newRoomRow } from '../../src/store/rows.ts';

const NOW = 1_700_000_000_000;

/** A delivery leased by `owner`; returns its id and seq. */
async function leasedDelivery(db: Kysely<Database>, owner: string): Promise<{ id: string; seq: number }> {
  const id = newId();
  await db
    .insertInto('deliveries')
    .values(
      newDeliveryRow(
        {
          _id: id,
          event_id: `ev_${id}`,
          endpoint_id: 'rocketchat',
          event_type: 'Message',
          rid: 'room-1',
          order_key: null,
          lease_owner: owner,
          lease_until: NOW + 60_000,
        },
        NOW,
      ),
    )
    .execute();
  const row = await db.selectFrom('deliveries').select('seq').where('_id', '=', id).executeTakeFirstOrThrow();
  return { id, seq: Number(row.seq) };
}

function success(d: { id: string; seq: number }, over: Partial<RecordInput> = {}): RecordInput {
  return {
    owner: 'w1',
    now: NOW + 10,
    attempt: {
      deliveryId: d.id,
      deliverySeq: d.seq,
      endpointId: 'rocketchat',
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

async function insertRoom(db: Kysely<Database>, rid: string): Promise<void> {
  await db
    .insertInto('rooms')
    .values(
      newRoomRow(
        { _id: rid, fname: 'Visitor', visitor_id: 'v1', visitor_token: `t-${rid}`, visitor_username: 'guest-1' },
        NOW,
      ),
    )
    .execute();
}

describe.each(await dialects())('recording attempts on %s', (dialect) => {
  let ts: TestStore;
  let db: Kysely<Database>;
  let recorder: AttemptRecorder;

  beforeAll(async () => {
    ts = await openTestStore(dialect);
    db = ts.store.db;
    recorder = new AttemptRecorder(ts.store);
    await ensureBuiltinEndpoint(db, NOW);
  });
  afterAll(async () => ts.cleanup());
  beforeEach(async () => {
    await db.deleteFrom('attempts').execute();
    await db.deleteFrom('deliveries').execute();
  });

  it('records attempts that finish together, each with its own outcome', async () => {
    const ds = await Promise.all(Array.from({ length: 20 }, () => leasedDelivery(db, 'w1')));
    const results = await Promise.all(ds.map((d) => recorder.record(success(d))));
    expect(results).toEqual(ds.map(() => true));
    const rows = await db
      .selectFrom('deliveries')
      .select(['status', 'attempts', 'lease_owner', 'lease_until'])
      .execute();
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r).toEqual({ status: 'succeeded', attempts: 1, lease_owner: null, lease_until: null });
    expect(await db.selectFrom('attempts').select('delivery_id').execute()).toHaveLength(20);
  });

  it('reports a lost lease and still logs the attempt', async () => {
    const mine = await leasedDelivery(db, 'w1');
    const theirs = await leasedDelivery(db, 'w2');
    const results = await Promise.all([recorder.record(success(mine)), recorder.record(success(theirs))]);
    expect(results).toEqual([true, false]);
    const other = await db
      .selectFrom('deliveries')
      .select(['status', 'lease_owner'])
      .where('_id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(other).toEqual({ status: 'pending', lease_owner: 'w2' });
    expect(
      await db.selectFrom('attempts').select('delivery_id').where('delivery_id', '=', theirs.id).execute(),
    ).toHaveLength(1);
  });

  it('fails only the attempt that cannot be recorded', async () => {
    const ds = await Promise.all(Array.from({ length: 5 }, () => leasedDelivery(db, 'w1')));
    const broken = success(ds[2]!);
    // attempts.endpoint_id is NOT NULL: this one statement fails
    broken.attempt = { ...broken.attempt, endpointId: null as unknown as string };
    const settled = await Promise.allSettled(ds.map((d, i) => recorder.record(i === 2 ? broken : success(d))));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const statuses = await db.selectFrom('deliveries').select(['_id', 'status']).execute();
    const byId = new Map(statuses.map((s) => [s._id, s.status]));
    expect(ds.map((d) => byId.get(d.id))).toEqual(['succeeded', 'succeeded', 'pending', 'succeeded', 'succeeded']);
    expect(await db.selectFrom('attempts').select('delivery_id').execute()).toHaveLength(4);
  });

  it('stores crmData, keeps it when the answer repeats, replaces it when it changes', async () => {
    const rid = `room-${newId(6)}`;
    await insertRoom(db, rid);
    const crm = async () =>
      (await db.selectFrom('rooms').select('crm_data').where('_id', '=', rid).executeTakeFirstOrThrow()).crm_data;
    expect(await recorder.record(success(await leasedDelivery(db, 'w1'), { crmData: { rid, text: '{"id":1}' } }))).toBe(
      true,
    );
    expect(await crm()).toBe('{"id":1}');
    expect(await recorder.record(success(await leasedDelivery(db, 'w1'), { crmData: { rid, text: '{"id":1}' } }))).toBe(
      true,
    );
    expect(await crm()).toBe('{"id":1}');
    expect(await recorder.record(success(await leasedDelivery(db, 'w1'), { crmData: { rid, text: '{"id":2}' } }))).toBe(
      true,
    );
    expect(await crm()).toBe('{"id":2}');
  });
});
