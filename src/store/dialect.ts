/**
 * The dialect seam: which database the store runs on, and what that database can do. Code
 * outside `store/` never asks which database it is; it asks for a capability, so adding a
 * dialect means filling in one more row here, not hunting for `if`s.
 */

export type Dialect = 'sqlite' | 'postgres';

export interface Capabilities {
  readonly dialect: Dialect;
  /**
   * One process serves the database (SQLite, enforced by ARCHITECTURE rule 2): a lease held by
   * another owner at start belongs to a dead predecessor, and no other process changes settings.
   */
  readonly singleProcess: boolean;
  /**
   * Transactions arriving together commit as one (a savepoint per unit): a commit costs more than
   * the statements of a typical change, and one writer at a time means batched units cannot
   * deadlock each other.
   */
  readonly groupCommit: boolean;
  /** `FOR UPDATE SKIP LOCKED`: concurrent claimers take disjoint rows without waiting. */
  readonly skipLocked: boolean;
  /** LISTEN/NOTIFY carries live events between the processes sharing the database. */
  readonly listenNotify: boolean;
  /**
   * An array binds as one parameter (`= ANY($1)`), so a batch lookup is one statement text for
   * every batch size. Without it (SQLite, in-process) a prepared point lookup per key is cheaper.
   */
  readonly arrayParams: boolean;
  /** Column type of an auto-increment primary key. */
  readonly serial: 'integer' | 'bigserial';
  /** Column type of raw bytes. */
  readonly bytes: 'blob' | 'bytea';
}

const CAPABILITIES: Record<Dialect, Capabilities> = {
  sqlite: {
    dialect: 'sqlite',
    singleProcess: true,
    groupCommit: true,
    skipLocked: false,
    listenNotify: false,
    arrayParams: false,
    serial: 'integer',
    bytes: 'blob',
  },
  postgres: {
    dialect: 'postgres',
    singleProcess: false,
    groupCommit: false,
    skipLocked: true,
    listenNotify: true,
    arrayParams: true,
    serial: 'bigserial',
    bytes: 'bytea',
  },
};

export function capabilitiesOf(dialect: Dialect): Capabilities {
  return CAPABILITIES[dialect];
}

/** The dialect a DATABASE_URL names. */
export function dialectOfUrl(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
}
