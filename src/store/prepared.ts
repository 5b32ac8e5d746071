/**
 * Hot statements, built once with Kysely and compiled once per dialect, then run with new
 * arguments. Kysely rebuilds, freezes and compiles a query tree on every call: on the message
 * path that cost more than SQLite itself (docs/benchmarks.md). A prepared query keeps Kysely's
 * typed builder as the single definition of the SQL and skips the per-call work.
 *
 * Inside a transaction on SQLite the compiled statement runs straight on the better-sqlite3
 * connection (the transaction holds Kysely's connection mutex, so nothing else can interleave);
 * everywhere else it goes through Kysely's executor as a precompiled query.
 *
 *   const byToken = prepare((db) => db.selectFrom('visitors').selectAll().where('token', '=', arg('token')));
 *   const visitor = await first(tx.x, byToken, { token });
 */
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Compilable, RawBuilder } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';

// A string no caller sends as a value: it marks where an argument goes among the parameters.
const MARK = '\u0000omnihook-arg:';

/** A placeholder for the argument `name`, typed as whatever the builder expects there. */
export function arg<T = never>(name: string): T {
  return `${MARK}${name}` as T;
}

// Builders that only compile: never connected to anything.
const compilers: Record<Dialect, Kysely<Database>> = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

/** A parameter slot: the name of an argument, or a constant the builder put there. */
type Slot = { name: string } | { value: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
  /** Returns rows (SELECT, or a write with RETURNING). */
  reader: boolean;
}

export class Prepared<R> {
  private readonly byDialect: Partial<Record<Dialect, Compiled>> = {};

  constructor(private readonly build: (db: Kysely<Database>) => Compilable<R>) {}

  compiled(dialect: Dialect): Compiled {
    let c = this.byDialect[dialect];
    if (!c) {
      const q = this.build(compilers[dialect]).compile();
      const slots = q.parameters.map((p): Slot =>
        typeof p === 'string' && p.startsWith(MARK) ? { name: p.slice(MARK.length) } : { value: p },
      );
      const kind = q.query.kind;
      const reader = kind === 'SelectQueryNode' || ('returning' in q.query && q.query.returning !== undefined);
      c = { sql: q.sql, slots, reader };
      this.byDialect[dialect] = c;
    }
    return c;
  }

  parameters(dialect: Dialect, args: Readonly<Record<string, unknown>>): unknown[] {
    return this.compiled(dialect).slots.map((s) => {
      if ('value' in s) return s.value;
      const v = args[s.name];
      // a missing argument is a programming error, never input: fail loudly rather than bind NULL
      if (v === undefined) throw new Error(`prepared query: argument "${s.name}" is missing`);
      return v;
    });
  }
}

export function prepare<R>(build: (db: Kysely<Database>) => Compilable<R>): Prepared<R> {
  return new Prepared(build);
}

/** Runs prepared queries on one connection or transaction. */
export interface Exec {
  readonly dialect: Dialect;
  all<R>(q: Prepared<R>, args?: Readonly<Record<string, unknown>>): Promise<R[]>;
  /** Rows changed by a write without RETURNING. */
  run(q: Prepared<unknown>, args?: Readonly<Record<string, unknown>>): Promise<number>;
}

export async function first<R>(
  x: Exec,
  q: Prepared<R>,
  args?: Readonly<Record<string, unknown>>,
): Promise<R | undefined> {
  const rows = await x.all(q, args);
  return rows[0];
}

/** Straight on the better-sqlite3 connection: only inside a transaction that holds it. */
export class SqliteExec implements Exec {
  readonly dialect = 'sqlite';
  private readonly statements = new Map<Prepared<unknown>, SQLite.Statement>();

  constructor(private readonly sqlite: SQLite.Database) {}

  private readonly texts = new Map<string, SQLite.Statement>();

  /** A fixed statement without parameters (SAVEPOINT and friends), prepared once. */
  runText(text: string): void {
    let st = this.texts.get(text);
    if (!st) {
      st = this.sqlite.prepare(text);
      this.texts.set(text, st);
    }
    st.run();
  }

  private statement(q: Prepared<unknown>): SQLite.Statement {
    let st = this.statements.get(q);
    if (!st) {
      st = this.sqlite.prepare(q.compiled('sqlite').sql);
      this.statements.set(q, st);
    }
    return st;
  }

  private readonly readers = new Map<Prepared<unknown>, { st: SQLite.Statement; row: RowMaker }>();

  /**
   * A reading statement in raw mode with a row maker of its own: better-sqlite3 builds each row
   * object property by property in C++, which for a wide row (rooms has 31 columns) cost more than
   * the lookup itself; arrays turned into objects of one fixed shape cost about half (measured:
   * 12 vs 21 us for one room by id).
   */
  private reader(q: Prepared<unknown>): { st: SQLite.Statement; row: RowMaker } {
    let r = this.readers.get(q);
    if (!r) {
      const st = this.sqlite.prepare(q.compiled('sqlite').sql).raw(true);
      r = { st, row: rowMaker(st.columns().map((c) => c.name)) };
      this.readers.set(q, r);
    }
    return r;
  }

  all<R>(q: Prepared<R>, args: Readonly<Record<string, unknown>> = {}): Promise<R[]> {
    try {
      if (!q.compiled('sqlite').reader)
        return Promise.resolve(this.statement(q).all(q.parameters('sqlite', args)) as R[]);
      const { st, row } = this.reader(q);
      const rows = st.all(q.parameters('sqlite', args)) as unknown[][];
      return Promise.resolve(rows.map(row) as R[]);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  run(q: Prepared<unknown>, args: Readonly<Record<string, unknown>> = {}): Promise<number> {
    try {
      const st = this.statement(q);
      const params = q.parameters('sqlite', args);
      if (st.reader) return Promise.resolve(st.all(params).length);
      return Promise.resolve(st.run(params).changes);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }
}

type RowMaker = (values: unknown[]) => unknown;

/**
 * One function per column list, `(a) => ({ "_id": a[0], ... })`: every row gets the same shape.
 * The names are the statement's own columns (our schema, never input); a name that appears twice
 * keeps its last value, as better-sqlite3's object rows do.
 */
function rowMaker(names: readonly string[]): RowMaker {
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: a[${i}]`).join(', ')}};`;
  return new Function('a', body) as RowMaker;
}

/** Through Kysely's executor (PostgreSQL, or SQLite outside a transaction): no rebuild, no recompile. */
export class KyselyExec implements Exec {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: Dialect,
  ) {}

  async all<R>(q: Prepared<R>, args: Readonly<Record<string, unknown>> = {}): Promise<R[]> {
    const c = q.compiled(this.dialect);
    const res = await this.db.executeQuery<R>(CompiledQuery.raw(c.sql, q.parameters(this.dialect, args)));
    return res.rows;
  }

  async run(q: Prepared<unknown>, args: Readonly<Record<string, unknown>> = {}): Promise<number> {
    const c = q.compiled(this.dialect);
    const res = await this.db.executeQuery(CompiledQuery.raw(c.sql, q.parameters(this.dialect, args)));
    return c.reader ? res.rows.length : Number(res.numAffectedRows ?? 0n);
  }
}

/**
 * Raw SQL (Kysely's `sql` template) as a prepared query, for the statements the builder cannot
 * express (UPDATE ... WHERE seq IN (subquery ... FOR UPDATE SKIP LOCKED), correlated counts).
 * The builder gets the dialect, so one Prepared may hold different SQL per dialect.
 */
export function prepareRaw<R>(build: (dialect: Dialect) => RawBuilder<R>): Prepared<R> {
  return prepare<R>((db) => ({ compile: () => build(dialectOf(db)).compile(db) }));
}

/** Which compiler a Kysely instance was built with (store-internal: callers use capabilities). */
function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

/** The executor for a statement outside any transaction: always through Kysely's connection handling. */
export function plainExec(db: Kysely<Database>): Exec {
  return new KyselyExec(db, dialectOf(db));
}
