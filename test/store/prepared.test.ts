/**
 * Prepared statements (src/store/prepared.ts) on both dialects: arguments land in the right
 * places, constants stay, writes report their row counts, RETURNING returns rows, a rolled-back
 * transaction keeps nothing, and a missing argument fails loudly instead of binding NULL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import { sql } from 'kysely';
import { arg, first, plainExec, prepare, prepareRaw } from '../../src/store/prepared.ts';

const insertSetting = prepare((db) =>
  db.insertInto('settings').values({ _id: arg('id'), value: arg('value'), updated_at: 7 }),
);
const settingById = prepare((db) => db.selectFrom('settings').selectAll().where('_id', '=', arg('id')));
const renameReturning = prepare((db) =>
  db
    .updateTable('settings')
    .set({ value: arg('value') })
    .where('_id', '=', arg('id'))
    .returning(['_id', 'value']),
);
// two columns named value: the last one wins, in raw rows as in better-sqlite3's own objects
const sameNameTwice = prepareRaw<{ _id: string; value: string }>(
  () => sql`SELECT _id, value, 'second' AS value FROM settings WHERE _id = ${arg('id')}`,
);
const deleteLike = prepare((db) => db.deleteFrom('settings').where('_id', 'like', arg('pattern')));

for (const dialect of await dialects()) {
  describe(`prepared statements on ${dialect}`, () => {
    let ts: TestStore;
    beforeAll(async () => {
      ts = await openTestStore(dialect);
    });
    afterAll(async () => ts.cleanup());

    it('binds arguments and constants, inside and outside a transaction', async () => {
      const db = ts.store.db;
      await ts.store.transact(async (_trx, x) => {
        expect(x.dialect).toBe(dialect);
        expect(await x.run(insertSetting, { id: 'p-a', value: '"one"' })).toBe(1);
        // the transaction's own write is visible to it
        expect(await first(x, settingById, { id: 'p-a' })).toEqual({ _id: 'p-a', value: '"one"', updated_at: 7 });
      });
      const x = plainExec(db);
      expect(await x.run(insertSetting, { id: 'p-b', value: '"two"' })).toBe(1);
      expect(await x.all(renameReturning, { id: 'p-b', value: '"three"' })).toEqual([{ _id: 'p-b', value: '"three"' }]);
      expect(await first(x, settingById, { id: 'p-b' })).toMatchObject({ value: '"three"' });
      expect(await first(x, settingById, { id: 'nope' })).toBeUndefined();
      expect(await x.run(deleteLike, { pattern: 'p-%' })).toBe(2);
    });

    it('keeps nothing of a transaction that fails', async () => {
      const db = ts.store.db;
      await expect(
        ts.store.transact(async (_trx, x) => {
          await x.run(insertSetting, { id: 'p-rolled-back', value: '1' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await first(plainExec(db), settingById, { id: 'p-rolled-back' })).toBeUndefined();
    });

    it('reads every column of a wide row inside a transaction as outside it', async () => {
      // rooms is the widest table: inside a transaction SQLite rows are built from raw arrays
      const roomById = prepare((db) => db.selectFrom('rooms').selectAll().where('_id', '=', arg('id')));
      await ts.store.transact(async (_trx, x) => {
        await x.run(insertSetting, { id: 'p-wide', value: '"w"' });
        expect(await first(x, sameNameTwice, { id: 'p-wide' })).toEqual({ _id: 'p-wide', value: 'second' });
        expect(await x.all(roomById, { id: 'none' })).toEqual([]);
      });
      const rid = 'p-room-1';
      await ts.store.db
        .insertInto('rooms')
        .values({
          _id: rid,
          fname: 'F',
          visitor_id: 'v',
          visitor_token: 't',
          visitor_username: 'guest-1',
          open: 1,
          created_at: 5,
          last_message_at: 5,
          msgs: 0,
          custom_fields: '{}',
          updated_at: 5,
        } as never)
        .execute();
      const outside = await first(plainExec(ts.store.db), roomById, { id: rid });
      const inside = await ts.store.transact((_trx, x) => first(x, roomById, { id: rid }));
      expect(Object.keys(inside as object).length).toBeGreaterThan(20);
      expect(inside).toEqual(outside);
      expect(Object.keys(inside as object)).toEqual(Object.keys(outside as object));
      await ts.store.db.deleteFrom('rooms').where('_id', '=', rid).execute();
      await plainExec(ts.store.db).run(deleteLike, { pattern: 'p-wide%' });
    });

    it('refuses a missing argument', async () => {
      await expect(plainExec(ts.store.db).run(insertSetting, { id: 'p-c' })).rejects.toThrow(
        /argument "value" is missing/,
      );
      expect(await first(plainExec(ts.store.db), settingById, { id: 'p-c' })).toBeUndefined();
    });
  });
}
