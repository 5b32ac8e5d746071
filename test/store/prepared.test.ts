/**
 * Prepared statements (src/store/prepared.ts) on both dialects: arguments land in the right
 * places, constants stay, writes report their row counts, RETURNING returns rows, a rolled-back
 * transaction keeps nothing, and a missing argument fails loudly instead of binding NULL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import { arg, first, plainExec, prepare } from '../../src/store/prepared.ts';

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

    it('refuses a missing argument', async () => {
      await expect(plainExec(ts.store.db).run(insertSetting, { id: 'p-c' })).rejects.toThrow(
        /argument "value" is missing/,
      );
      expect(await first(plainExec(ts.store.db), settingById, { id: 'p-c' })).toBeUndefined();
    });
  });
}
