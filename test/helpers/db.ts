/**
 * Real stores for tests: a SQLite file in a temp directory, or a fresh schema on the machine's
 * PostgreSQL (dropped afterwards). PostgreSQL tests skip, saying so, when no server answers,
 * except in CI (CI=true), where they must run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';
import type { Dialect } from '../../src/store/dialect.ts';
import { newId } from '../../src/domain/ids.ts';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let pgAvailable: boolean | undefined;

/** Runs `fn` on a connection of its own to the test server (a schema drop, a blocker, a NOTIFY), closed after. */
export async function withPgClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drops a test's schema and everything in it. */
export function dropSchema(schema: string): Promise<unknown> {
  return withPgClient((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgAvailable = true;
  } catch {
    pgAvailable = false;
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${PG_URL} did not answer`);
    process.stderr.write(`\n*** PostgreSQL not reachable at ${PG_URL}: SKIPPING the PostgreSQL store tests ***\n\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
  return pgAvailable;
}

export interface TestStore {
  store: Store;
  url: string;
  cleanup(): Promise<void>;
}

export async function openTestStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'omnihook-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const store = await openStore(url);
    await migrate(store);
    return {
      store,
      url,
      cleanup: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${newId(12).toLowerCase()}`;
  const store = await openStore(PG_URL, { schema });
  await migrate(store);
  return {
    store,
    url: PG_URL,
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** The dialects to run store tests on: both, or SQLite alone (with a loud notice) without PostgreSQL. */
export async function dialects(): Promise<Dialect[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}
