/**
 * The WAL stays bounded under writes that never pause, and the writer never waits for a
 * checkpoint to do it (src/store/checkpointer.ts): with no background checkpointer at all, the
 * writer's own rewind keeps the log near its limit; without the rewind it grows with every commit.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';

const LIMIT = 256 * 1024;

let dir: string | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function writeSteadily(
  s: Store,
  path: string,
  ms: number,
): Promise<{ maxWal: number; commits: number; rewinds: number }> {
  let maxWal = 0;
  let commits = 0;
  let rewinds = 0;
  let last = 0;
  const until = Date.now() + ms;
  const value = JSON.stringify('x'.repeat(8000));
  while (Date.now() < until) {
    // several units per commit, back to back, as the API's group commit under load
    await Promise.all(
      [0, 1, 2, 3].map((k) =>
        s.transact((trx) =>
          trx
            .insertInto('settings')
            .values({ _id: `w-${commits}-${k}`, value, updated_at: 1 })
            .execute(),
        ),
      ),
    );
    commits++;
    const size = statSync(`${path}-wal`).size;
    if (size < last) rewinds++; // the log was started again and cut back
    last = size;
    maxWal = Math.max(maxWal, size);
  }
  return { maxWal, commits, rewinds };
}

describe('WAL rewind by the writer', () => {
  it('keeps the log near its limit while commits never stop, without a checkpointer thread', async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnihook-wal-'));
    const path = join(dir, 'w.db');
    store = await openStore(`sqlite:${path}`, { checkpoint: false, walLimitBytes: LIMIT });
    await migrate(store);
    const { maxWal, commits, rewinds } = await writeSteadily(store, path, 2500);
    // each commit appends over 32 KB: without a rewind the log only ever grows
    const written = commits * 32 * 1024;
    expect(written).toBeGreaterThan(20 * LIMIT);
    expect(rewinds).toBeGreaterThanOrEqual(3);
    // between two checks (100 ms) the log may pass the limit by what was written meanwhile
    expect(maxWal).toBeLessThan(written / 2);
    const rows = await store.db.selectFrom('settings').select('_id').where('_id', 'like', 'w-%').execute();
    expect(rows).toHaveLength(commits * 4); // nothing lost on the way
  });
});
