/**
 * Which errors mean "the database is unavailable right now" rather than "this request is wrong"
 * or "our code is wrong". Only the store knows the drivers' error shapes (better-sqlite3 codes,
 * PostgreSQL SQLSTATEs, node socket errors, pg's own messages); the HTTP layer asks through
 * services/health.ts and answers 503 error-unavailable with Retry-After instead of 500.
 */

/** What a client should wait before retrying a request the store could not serve, seconds. */
export const STORE_RETRY_AFTER_SECONDS = 5;

// better-sqlite3 puts SQLite's extended result code in `code` (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT).
// CORRUPT, CONSTRAINT, MISUSE... are not here: waiting does not fix them.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY|NOMEM|PROTOCOL|NOLFS)(_|$)/;

// PostgreSQL SQLSTATEs: 08 connection exception, 53 insufficient resources (disk full, too many
// connections), 57P01-57P03 shutting down / starting up, 57014 statement_timeout, 55P03
// lock_timeout, 58 I/O error. Deadlocks and serialization failures stay errors of their own.
const PG_UNAVAILABLE = /^(08...|53...|57P0[1-3]|57014|55P03|58...)$/;

// Socket errors of the connection to the database.
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
]);

// pg and pg-pool raise plain Errors without a code for these.
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|timeout expired|Cannot use a pool after calling end|driver has already been destroyed|Connection ended/;

/** True when `err` (or an error it wraps) says the store cannot serve now; retrying later may succeed. */
export function isStoreUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLITE_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code)) return true;
    if (code.length === 5 && PG_UNAVAILABLE.test(code)) return true;
  }
  // pg's errors have no code of their own; a SQLSTATE-coded error is the server's verdict
  if (typeof code !== 'string' && PG_MESSAGES.test(err.message)) return true;
  // a connection refused on every address of localhost arrives as an AggregateError
  if (err instanceof AggregateError && err.errors.some((e) => isStoreUnavailable(e, depth + 1))) return true;
  return err.cause !== undefined && isStoreUnavailable(err.cause, depth + 1);
}

/**
 * True when the connection `err` happened on cannot be used again (lost, reset, timed out
 * client-side): the pool must drop it. A statement the server cancelled (57014) or a failed
 * statement leaves the connection usable.
 */
export function isConnectionLost(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return NET_UNAVAILABLE.has(code) || /^(08...|57P0[1-3])$/.test(code);
  return PG_MESSAGES.test(err.message);
}
