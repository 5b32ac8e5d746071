/**
 * Opens the store named by DATABASE_URL: SQLite (better-sqlite3, WAL) for the embedded default,
 * PostgreSQL (pg) when several processes share one database.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations.ts';
import { GroupCommitter } from './group-commit.ts';
import { startCheckpointer } from './checkpointer.ts';
import { KyselyExec, SqliteExec } from './prepared.ts';
import type { Exec } from './prepared.ts';
import { capabilitiesOf } from './dialect.ts';
import type { Capabilities } from './dialect.ts';

/** Work inside a transaction: the typed builder on it, and the executor for prepared statements. */
export type Work<T> = (trx: Transaction<Database>, x: Exec) => Promise<T>;

export interface TransactOptions {
  /**
   * false: a transaction of its own, never batched with others. The delivery claim uses it: in a
   * group commit it waited behind batches of API requests (docs/benchmarks.md).
   */
  grouped?: boolean;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly caps: Capabilities;
  /** Runs `work` in a transaction: grouped with concurrent ones where the dialect group-commits. */
  transact<T>(work: Work<T>, opts?: TransactOptions): Promise<T>;
  /** Prepared statements outside any transaction. */
  readonly exec: Exec;
  close(): Promise<void>;
}

// BIGINT columns hold epoch milliseconds and counters, all far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenOptions {
  /** PostgreSQL only: use (and create) this schema, so tests can isolate themselves. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url, opts);
}

function openSqlite(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL + synchronous=NORMAL: a commit survives a process crash (kill -9); only an OS crash or
  // power loss can lose the last transactions. busy_timeout covers the CLI sharing the file.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // SQLite's default page cache is 2 MiB: once messages and events outgrow it, every lookup and
  // every index insert reads its pages back with a system call. 64 MiB keeps the hot pages of a
  // busy server in memory (it is a ceiling, allocated as pages are used).
  sqlite.pragma('cache_size = -65536');
  // Group commit runs each unit in a SAVEPOINT; SQLite copies every page a unit touches into a
  // sub-journal so the unit can be rolled back alone. In a temp FILE (the default) that tripled
  // the cost of an insert; in memory it is a page copy, freed at RELEASE.
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // Inside a transaction (which holds Kysely's only connection) prepared statements and
  // savepoints run straight on the better-sqlite3 handle.
  const raw = new SqliteExec(sqlite);
  const committer = new GroupCommitter(db, raw);
  // A file database checkpoints on a worker thread; ':memory:' has no WAL to checkpoint.
  const checkpointer =
    path === ':memory:' ? undefined : (sqlite.pragma('wal_autocheckpoint = 0'), startCheckpointer(path));
  return {
    db,
    caps: capabilitiesOf('sqlite'),
    exec: new KyselyExec(db, 'sqlite'),
    transact: (work, opts) =>
      opts?.grouped === false ? db.transaction().execute((trx) => work(trx, raw)) : committer.run(work),
    close: async () => {
      await checkpointer?.stop();
      await db.destroy(); // closing the last connection checkpoints the WAL into the database
    },
  };
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs as much as running a
 * simple statement. The same SQL text (parameters are bound separately) reuses one prepared
 * statement. Bounded, so ad-hoc queries with varying shapes cannot grow it without limit.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value = Reflect.get(target, prop, receiver) as unknown;
        // native methods must run on the real Database, not on the proxy
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (source: string) => {
        let stmt = cache.get(source);
        if (!stmt) {
          stmt = prepare(source);
          if (cache.size >= max) cache.delete(cache.keys().next().value as string);
          cache.set(source, stmt);
        }
        return stmt;
      };
    },
  });
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Store> {
  const schema = opts.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('invalid schema name');
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    caps: capabilitiesOf('postgres'),
    exec: new KyselyExec(db, 'postgres'),
    transact: (work) => db.transaction().execute((trx) => work(trx, new KyselyExec(trx, 'postgres'))),
    close: async () => {
      await db.destroy();
    },
  };
}

export async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.caps) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
