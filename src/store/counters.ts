/** Counters kept as integer settings (Livechat_guest_count): incremented atomically. */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Increments the counter `id` (created at `initial` if missing) and returns its new value. */
export async function nextCounter(db: Kysely<Database>, id: string, initial: number, now: number): Promise<number> {
  await db
    .insertInto('settings')
    .values({ _id: id, value: JSON.stringify(initial), updated_at: now })
    .onConflict((oc) => oc.column('_id').doNothing())
    .execute();
  // One UPDATE ... RETURNING: concurrent callers on PostgreSQL never see the same number.
  const row = await db
    .updateTable('settings')
    .set({ value: sql<string>`CAST(CAST(value AS INTEGER) + 1 AS TEXT)`, updated_at: now })
    .where('_id', '=', id)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
