/**
 * Opens the store named by DATABASE_URL: SQLite (better-sqlite3, WAL) for the embedded default,
 * PostgreSQL (pg) when several processes share one database.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseConnection, Driver, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations.ts';
import { GroupCommitter } from './group-commit.ts';
import { startCheckpointer, walRewind } from './checkpointer.ts';
import { KyselyExec, SqliteExec } from './prepared.ts';
import { OwnSchemaIntrospector } from './pg-introspector.ts';
import { guardedPool, pgClientConfig } from './pg-pool.ts';
import { takeServerLock } from './server-lock.ts';
import { sql } from 'kysely';
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
  /** One bounded round trip to the database: resolves when it answers (readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

// BIGINT columns hold epoch milliseconds and counters, all far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export interface OpenOptions {
  /** PostgreSQL only: use (and create) this schema, so tests can isolate themselves. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * The longest one request waits on the database, ms (config DATABASE_TIMEOUT_MS). PostgreSQL
   * gives half to getting a connection and half to the statement; SQLite waits that long for a
   * lock held by another connection (the CLI, the checkpointer).
   */
  timeoutMs?: number;
  /**
   * SQLite only: this process is the server of the file (main.ts), so a second server on it is
   * refused (ServerLockedError); the CLI opens without it.
   */
  server?: boolean;
  /** Errors of background connections (a pool's idle client lost, ...): already handled, for the log. */
  onError?: (err: Error) => void;
  /**
   * SQLite only: false for a second connection of the server's own process (the delivery
   * thread): the server's checkpointer already checkpoints the file.
   */
  checkpoint?: boolean;
  /** SQLite only: the WAL size past which it is rewound (checkpointer.ts), bytes; tests make it small. */
  walLimitBytes?: number;
  /** SQLite only: this connection's page cache, MiB (the delivery thread's reading connection needs less). */
  cacheMiB?: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The writing connection's page cache, MiB. It fills up to this under a large backlog (every
 * delivery's row and index pages pass through it); 64 MiB with the delivery thread's own cache
 * took a server past 450 MB while draining 100,000 deliveries.
 */
const DEFAULT_CACHE_MIB = 32;

export async function openStore(url: string, opts: OpenOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), opts);
  return openPostgres(url, opts);
}

/**
 * The WAL may keep this much after a checkpoint has reset it (SQLite truncates the file down to
 * it); the checkpointer keeps the WAL itself from growing far past its own threshold.
 */
const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;

function openSqlite(path: string, opts: OpenOptions): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // before touching the database: a refused second server must change nothing
  const lock = opts.server && path !== ':memory:' ? takeServerLock(path) : undefined;
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (err) {
    lock?.release();
    throw err;
  }
  // WAL + synchronous=NORMAL: a commit survives a process crash (kill -9); only an OS crash or
  // power loss can lose the last transactions. busy_timeout covers the CLI sharing the file.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`busy_timeout = ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS}`);
  const walLimit = opts.walLimitBytes ?? JOURNAL_SIZE_LIMIT;
  sqlite.pragma(`journal_size_limit = ${walLimit}`);
  sqlite.pragma('foreign_keys = ON');
  // SQLite's default page cache is 2 MiB: once messages and events outgrow it, every lookup and
  // every index insert reads its pages back with a system call. DEFAULT_CACHE_MIB keeps the hot
  // pages of a busy server in memory (it is a ceiling, allocated as pages are used).
  sqlite.pragma(`cache_size = -${(opts.cacheMiB ?? DEFAULT_CACHE_MIB) * 1024}`);
  // Group commit runs each unit in a SAVEPOINT; SQLite copies every page a unit touches into a
  // sub-journal so the unit can be rolled back alone. In a temp FILE (the default) that tripled
  // the cost of an insert; in memory it is a page copy, freed at RELEASE.
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  // Inside a transaction (which holds Kysely's only connection) prepared statements and
  // savepoints run straight on the better-sqlite3 handle.
  const raw = new SqliteExec(sqlite);
  const rewind =
    path === ':memory:'
      ? undefined
      : walRewind(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), `${path}-wal`, walLimit);
  const committer = new GroupCommitter(db, raw, () => sqlite.inTransaction, rewind);
  // A file database checkpoints on a worker thread; ':memory:' has no WAL to checkpoint.
  const checkpointer =
    path === ':memory:'
      ? undefined
      : (sqlite.pragma('wal_autocheckpoint = 0'),
        opts.checkpoint === false
          ? undefined
          : startCheckpointer(path, {
              busyTimeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
              truncateAboveBytes: walLimit,
            }));
  return {
    db,
    caps: capabilitiesOf('sqlite'),
    exec: new KyselyExec(db, 'sqlite'),
    transact: (work, o) => (o?.grouped === false ? committer.alone(work) : committer.run(work)),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: once(async () => {
      await checkpointer?.stop();
      try {
        await db.destroy(); // closing the last connection checkpoints the WAL into the database
      } finally {
        lock?.release();
      }
    }),
  };
}

/**
 * Transactions BEGIN IMMEDIATE. A deferred BEGIN takes the write lock only at the first write, and
 * if another connection holds it then (the checkpointer truncating the WAL, the CLI), SQLite
 * answers SQLITE_BUSY at once instead of waiting: a reader that waits to write could deadlock.
 * Measured: 81 of 30,000 messages failed that way at 1,000/s. IMMEDIATE takes the lock at BEGIN,
 * where busy_timeout applies. Every transaction here writes, and one connection serializes them
 * anyway, so nothing is lost.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
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
  const stepMs = Math.max(100, Math.floor((opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 2));
  const onError = throttled(opts.onError ?? (() => undefined));
  const searchPath = schema ? `-c search_path=${schema}` : undefined;
  const base = pgClientConfig(url, stepMs, { options: searchPath });
  if (schema) {
    const admin = new pg.Client(base);
    admin.on('error', onError);
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (err) {
      // several processes creating it at once: one wins, the others see it exists
      if ((err as { code?: string }).code !== '23505') throw err;
    } finally {
      await admin.end();
    }
  }
  const { kysely: pool } = guardedPool({ ...base, max: opts.poolSize ?? 10 }, onError);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const store: Store = {
    db,
    caps: capabilitiesOf('postgres'),
    exec: new KyselyExec(db, 'postgres'),
    transact: (work) => db.transaction().execute((trx) => work(trx, new KyselyExec(trx, 'postgres'))),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: once(() => db.destroy()),
  };
  // Migrations may run longer than a request's bound (an index on a big table) and wait for the
  // migration lock while another process migrates: they get a connection of their own.
  migrationConnections.set(store, () => {
    const config = pgClientConfig(url, stepMs, { options: searchPath, unboundedStatements: true });
    const { kysely } = guardedPool({ ...config, max: 1 }, onError);
    const dialect = new PostgresDialect({ pool: kysely });
    // the migrator's look-ups stay in this schema (pg-introspector.ts says why)
    dialect.createIntrospector = (db) => new OwnSchemaIntrospector(db);
    return new Kysely<Database>({ dialect });
  });
  return store;
}

/** close() may be called twice (a test, then its cleanup): the second call waits for the first. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/** A lost database breaks every pooled connection at once: report the first of a burst only. */
function throttled(fn: (err: Error) => void, everyMs = 10_000): (err: Error) => void {
  let last = -Infinity;
  return (err) => {
    const now = performance.now();
    if (now - last < everyMs) return;
    last = now;
    fn(err);
  };
}

const migrationConnections = new WeakMap<Store, () => Kysely<Database>>();

export async function migrate(store: Store): Promise<void> {
  const dedicated = migrationConnections.get(store);
  if (!dedicated) return migrateOn(store.db, store.caps);
  const db = dedicated();
  try {
    // One session does it all under a PostgreSQL advisory lock, keyed by schema: processes
    // starting together on an empty database migrate one after the other (the later ones find
    // nothing to do), including the creation of Kysely's own tables, which runs outside its lock.
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(hashtext('omnihook:migrate:' || current_schema()))`.execute(conn);
      try {
        const schema = await sql<{ s: string }>`select current_schema() as s`.execute(conn);
        await migrateOn(conn, store.caps, schema.rows[0]?.s);
      } finally {
        await sql`select pg_advisory_unlock(hashtext('omnihook:migrate:' || current_schema()))`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}

async function migrateOn(db: Kysely<Database>, caps: Capabilities, schema?: string): Promise<void> {
  // The schema named explicitly: Kysely looks for its migration table in every schema it can
  // see, and would take another schema's for this one's.
  const migrator = new Migrator({
    db,
    provider: migrationProvider(caps),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw migrationError(error, failed?.migrationName);
}

/**
 * The start-up error of a failed migration run. It names the migration only when one ran and
 * failed; otherwise none ran (the migration table could not be read or written, or the database
 * knows migrations this build lacks). The driver's error stays as `cause`, so its code (e.g.
 * SQLITE_READONLY, a PostgreSQL SQLSTATE) reaches the start-up error's description.
 */
function migrationError(error: unknown, migrationName: string | undefined): Error {
  const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
  if (migrationName) return new Error(`migration ${migrationName} failed: ${reason}`, { cause: error });
  // Kysely's words when the table lists a migration this build does not have
  const newer = /previously executed migration (\S+) is missing/.exec(reason);
  if (newer)
    return new Error(
      `migrations could not run: the database has migration ${newer[1]}, which this version of Omnihook does not know (a newer version migrated it): run that version, or restore a backup made before it`,
      { cause: error },
    );
  return new Error(`migrations could not run: ${reason}`, { cause: error });
}
