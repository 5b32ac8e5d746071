/**
 * The PostgreSQL pool, made to survive its database: every wait bounded, every connection error
 * caught, every broken connection dropped instead of handed out again.
 *
 * - pg's Client emits 'error' when its socket dies; pg-pool listens only while a client is idle,
 *   so a reset while a client is checked out (inside a transaction, between statements) would be
 *   an unhandled 'error' event and kill the process. Each checkout adds its own listener.
 * - A query that timed out client-side (query_timeout) leaves its client stuck behind an answer
 *   that may never come; a lost connection is not queryable. Such a client is released with its
 *   error, which makes pg-pool destroy it, and later queries on it fail at once.
 */
import pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { isConnectionLost } from './errors.ts';

/**
 * pg settings for `url`. `stepMs` bounds one database step: connecting, and (unless
 * `unboundedStatements`, for migrations) every statement. `options` are extra server options
 * (`-c search_path=...`), merged with those of the URL's own `?options=`: pg lets the URL's
 * replace the config's, which would silently drop the timeouts.
 */
export function pgClientConfig(
  url: string,
  stepMs: number,
  opts: { options?: string; unboundedStatements?: boolean } = {},
): pg.ClientConfig {
  stepMs = Math.max(100, Math.floor(stepMs)); // the server options take whole milliseconds
  const u = new URL(url);
  const fromUrl = u.searchParams.get('options') ?? undefined;
  u.searchParams.delete('options');
  // The server cancels a slow statement a little before the client gives up on it, so a live
  // but slow database answers with a clean 57014 and the connection stays usable; the client's
  // own timeout only fires when nothing answers at all (a frozen network).
  const statementMs = Math.max(100, stepMs - 200);
  const bounds = opts.unboundedStatements
    ? []
    : [
        `-c statement_timeout=${statementMs}`,
        `-c lock_timeout=${statementMs}`,
        // a session left inside a transaction by a vanished client frees its row locks
        `-c idle_in_transaction_session_timeout=${Math.max(10_000, 4 * stepMs)}`,
      ];
  const options = [fromUrl, opts.options, ...bounds].filter(Boolean).join(' ');
  return {
    connectionString: u.toString(),
    connectionTimeoutMillis: stepMs,
    ...(opts.unboundedStatements ? {} : { query_timeout: stepMs }),
    // notices a dead peer on an idle connection (a restarted server, a dropped NAT entry)
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options ? { options } : {}),
  };
}

export interface GuardedPool {
  /** What Kysely's PostgresDialect is given. */
  readonly kysely: PostgresPool;
  readonly pool: pg.Pool;
}

export function guardedPool(config: pg.PoolConfig, onError: (err: Error) => void): GuardedPool {
  const pool = new pg.Pool(config);
  // An idle client's connection died (database restart, proxy reset): pg-pool drops it; the next
  // checkout opens a fresh one. Without a listener this event would kill the process.
  pool.on('error', (err) => onError(err));
  const kysely: PostgresPool = {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onClientError = (err: Error) => {
        broken ??= err;
        onError(err);
      };
      client.on('error', onClientError);
      const query = (sqlText: string, params: readonly unknown[]) => {
        if (broken) return Promise.reject(broken);
        return client.query(sqlText, params as unknown[]).catch((err: unknown) => {
          if (isConnectionLost(err)) broken ??= err as Error;
          throw err;
        });
      };
      return {
        query: query as unknown as PostgresPoolClient['query'],
        release() {
          client.removeListener('error', onClientError);
          // with an error, pg-pool destroys the client instead of keeping it idle
          client.release(broken);
        },
      };
    },
    end: () => pool.end(),
  };
  return { kysely, pool };
}
