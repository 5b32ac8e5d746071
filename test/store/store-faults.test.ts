/**
 * The store under faults, on a real SQLite file:
 * - disk full (PRAGMA max_page_count): group commit, alone and batched, fails every caller with
 *   SQLITE_FULL itself, never with a second "cannot rollback" error, and leaves no transaction
 *   open behind; the error is classified unavailable (HTTP 503);
 * - the classifier on the drivers' real errors (a refused PostgreSQL port, a closed pool);
 * - the WAL is truncated once it passes the checkpointer's threshold.
 */
import { statSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import { isConnectionLost, isStoreUnavailable } from '../../src/store/errors.ts';
import { startCheckpointer } from '../../src/store/checkpointer.ts';
import { freePort } from '../helpers/server-process.ts';

type Trx = Parameters<Parameters<TestStore['store']['transact']>[0]>[0];
const put = (trx: Trx, id: string, value: string) =>
  trx.insertInto('settings').values({ _id: id, value, updated_at: 1 }).execute();

describe('SQLite store with a full disk', () => {
  let ts: TestStore;
  beforeAll(async () => {
    ts = await openTestStore('sqlite');
  });
  afterAll(async () => ts.cleanup());

  const fill = async () => {
    const pages = await sql<{ page_count: number }>`pragma page_count`.execute(ts.store.db);
    await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count}`).execute(ts.store.db);
  };
  const big = (i: number) => JSON.stringify('y'.repeat(20_000) + i);

  it('fails each unit with SQLITE_FULL, alone and in a batch, and keeps working once there is room', async () => {
    await fill();
    const alone = await ts.store.transact((trx) => put(trx, 'full-alone', big(0))).catch((e: unknown) => e);
    expect((alone as { code?: string }).code).toBe('SQLITE_FULL');
    expect(isStoreUnavailable(alone)).toBe(true);

    const batch = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => ts.store.transact((trx) => put(trx, `full-${i}`, big(i)))),
    );
    for (const r of batch) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason as Error & { code?: string };
      expect(err.message).not.toMatch(/cannot rollback|no transaction is active|no such savepoint/);
      expect(err.code).toBe('SQLITE_FULL');
    }
    const own = await ts.store
      .transact((trx) => put(trx, 'full-own', big(9)), { grouped: false })
      .catch((e: unknown) => e);
    expect((own as { code?: string }).code).toBe('SQLITE_FULL');

    await sql.raw('pragma max_page_count = 1073741823').execute(ts.store.db);
    await Promise.all([0, 1, 2].map((i) => ts.store.transact((trx) => put(trx, `after-${i}`, '"ok"'))));
    const rows = await ts.store.db.selectFrom('settings').select('_id').where('_id', 'like', 'full-%').execute();
    expect(rows).toEqual([]); // nothing of a failed unit was kept
    expect(
      await ts.store.db.selectFrom('settings').select('_id').where('_id', 'like', 'after-%').execute(),
    ).toHaveLength(3);
  });

  it('checkpoints the WAL down once it passes the threshold', async () => {
    const path = ts.url.slice('sqlite:'.length);
    const threshold = 256 * 1024;
    const cp = startCheckpointer(path, { intervalMs: 20, truncateAboveBytes: threshold });
    try {
      for (let i = 0; i < 40; i++) await ts.store.transact((trx) => put(trx, `wal-${i}`, big(i)));
      const wal = () => statSync(`${path}-wal`).size;
      const deadline = Date.now() + 20_000;
      while (wal() > threshold && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(wal()).toBeLessThanOrEqual(threshold);
    } finally {
      await cp.stop();
    }
  });
});

describe('store error classification', () => {
  it('calls a refused PostgreSQL port and a closed pool unavailable, and a bad query not', async () => {
    const port = await freePort(); // nothing listens there
    const pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${port}/x`,
      connectionTimeoutMillis: 2000,
    });
    const refused = await pool.query('select 1').catch((e: unknown) => e);
    expect(isStoreUnavailable(refused)).toBe(true);
    expect(isConnectionLost(refused)).toBe(true);
    await pool.end();
    const ended = await pool.query('select 1').catch((e: unknown) => e);
    expect(isStoreUnavailable(ended)).toBe(true);
    const syntax = Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
    expect(isStoreUnavailable(syntax)).toBe(false);
    const unique = Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(isStoreUnavailable(unique)).toBe(false);
    expect(isStoreUnavailable(new Error('a bug'))).toBe(false);
    const timedOut = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(isStoreUnavailable(timedOut)).toBe(true);
    expect(isConnectionLost(timedOut)).toBe(false); // the server cancelled it: the connection is fine
  });
});
