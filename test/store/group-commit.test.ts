/**
 * Group commit on a real SQLite file (src/store/group-commit.ts): units that arrive together run
 * in ONE transaction, each in its own savepoint. A unit that fails rolls back alone, the others
 * commit, and every caller gets its own outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';

describe('group commit on SQLite', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore('sqlite');
  });
  afterAll(async () => ts.cleanup());

  const put = (id: string, value: string) => (trx: Parameters<Parameters<TestStore['store']['transact']>[0]>[0]) =>
    trx.insertInto('settings').values({ _id: id, value, updated_at: 1 }).execute();

  it('commits the others of a batch when one unit fails, and answers each caller with its own outcome', async () => {
    expect(ts.store.caps.groupCommit).toBe(true);
    // Started in the same tick: they queue behind the first and run as one batch.
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        ts.store.transact(async (trx) => {
          await put(`gc-${i}`, `"v${i}"`)(trx);
          if (i === 3) {
            // a second write in the failing unit must be undone with the first
            await put('gc-3-extra', '"x"')(trx);
            throw new Error('unit 3 fails');
          }
          return `done ${i}`;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') expect(r.value).toBe(`done ${i}`);
      else expect((r.reason as Error).message).toBe('unit 3 fails');
    });
    const rows = await ts.store.db
      .selectFrom('settings')
      .select('_id')
      .where('_id', 'like', 'gc-%')
      .orderBy('_id')
      .execute();
    expect(rows.map((r) => r._id)).toEqual(['gc-0', 'gc-1', 'gc-2', 'gc-4', 'gc-5', 'gc-6', 'gc-7']);
  });

  it('a unit that violates a constraint rolls back alone; the batch around it commits', async () => {
    await ts.store.transact(put('gc-dup', '"first"'));
    const results = await Promise.allSettled([
      ts.store.transact(put('gc-a', '"a"')),
      ts.store.transact(put('gc-dup', '"second"')), // primary key taken: SQLite refuses the statement
      ts.store.transact(put('gc-b', '"b"')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await ts.store.db
      .selectFrom('settings')
      .select(['_id', 'value'])
      .where('_id', 'in', ['gc-a', 'gc-b', 'gc-dup'])
      .orderBy('_id')
      .execute();
    expect(rows).toEqual([
      { _id: 'gc-a', value: '"a"' },
      { _id: 'gc-b', value: '"b"' },
      { _id: 'gc-dup', value: '"first"' },
    ]);
  });

  it('really batches: units queued together commit together, in one transaction', async () => {
    // A second connection to the same file sees only committed data (WAL). Inside a batch the
    // earlier units' writes are not committed yet when the last unit runs; run one by one, they would be.
    const reader = new SQLite(ts.url.slice('sqlite:'.length), { readonly: true });
    try {
      const committed = () =>
        (reader.prepare("select count(*) as n from settings where _id like 'gc-seq-%'").get() as { n: number }).n;
      const seenByLast = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          ts.store.transact(async (trx) => {
            await put(`gc-seq-${i}`, '1')(trx);
            return i === 3 ? committed() : -1;
          }),
        ),
      );
      expect(seenByLast[3]).toBe(0);
      expect(committed()).toBe(4);
    } finally {
      reader.close();
    }
  });
});
