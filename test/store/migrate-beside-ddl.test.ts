/**
 * PostgreSQL: a migration run is not disturbed by another session creating and dropping tables
 * in other schemas of the same database (test files' schemas come and go; a shared database has
 * other applications). Kysely's own introspector listed every table of the database and failed
 * with "relation ... does not exist" when one vanished mid-query (src/store/pg-introspector.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, openStore } from '../../src/store/open.ts';
import { newId } from '../../src/domain/ids.ts';
import { PG_URL, postgresAvailable, withPgClient } from '../helpers/db.ts';

const pgUp = await postgresAvailable();
const made: string[] = [];

describe.skipIf(!pgUp)('migrations beside other sessions DDL', () => {
  afterAll(async () => {
    await withPgClient(async (c) => {
      for (const s of made) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    });
  });

  it('migrate fresh schemas while other schemas churn', async () => {
    let stop = false;
    // Tables with many columns in schemas that vanish: each drop is a chance to hit the window.
    const churn = withPgClient(async (c) => {
      let n = 0;
      while (!stop) {
        const s = `churn_${newId(8).toLowerCase()}_${n++}`;
        await c.query(`CREATE SCHEMA ${s}`);
        for (let t = 0; t < 8; t++)
          await c.query(`CREATE TABLE ${s}.t${t} (${Array.from({ length: 20 }, (_, i) => `c${i} serial`).join(', ')})`);
        await c.query(`DROP SCHEMA ${s} CASCADE`);
      }
    });
    const failures: string[] = [];
    try {
      for (let i = 0; i < 6; i++) {
        const schema = `t_${newId(12).toLowerCase()}`;
        made.push(schema);
        const store = await openStore(PG_URL, { schema });
        try {
          await migrate(store);
        } catch (err) {
          failures.push(`${(err as Error).message} / ${String((err as Error).cause)}`);
        } finally {
          await store.close();
        }
      }
    } finally {
      stop = true;
      await churn;
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
