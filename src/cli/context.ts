/**
 * What every command runs on: the settings (src/config, the same reader as the server), the store
 * they name, and the services over it.
 *
 * Only `migrate` (and `serve`) may create a database. Every other command opens an existing,
 * migrated one and refuses otherwise: run from the wrong folder, a command that quietly created
 * an empty `./data/omnihook.db` would report no endpoints and no deliveries, and the operator would
 * conclude their data was gone.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { Migrator } from 'kysely';
import { loadConfig } from '../config/index.ts';
import type { Config } from '../config/index.ts';
import { describeStartupError, errorCode } from '../config/startup-errors.ts';
import { isStoreUnavailable } from '../store/errors.ts';
import { migrate, openStore } from '../store/open.ts';
import type { Store } from '../store/open.ts';
import { migrationProvider } from '../store/migrations.ts';
import { createServices } from '../services/container.ts';
import type { Services } from '../services/container.ts';
import { Hub } from '../realtime/hub.ts';

/** A refusal the CLI explains itself; exit code 2 for usage, 1 for everything else. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** The SQLite file of a `sqlite:` URL, or undefined for PostgreSQL and `:memory:`. */
export function sqliteFile(databaseUrl: string): string | undefined {
  if (!databaseUrl.startsWith('sqlite:')) return undefined;
  const path = databaseUrl.slice('sqlite:'.length);
  return path === ':memory:' ? undefined : path;
}

/** `./data/omnihook.db` as written, with the absolute path when it was relative. */
export function describeSqlitePath(path: string): string {
  return isAbsolute(path) ? path : `${path} (${resolve(path)})`;
}

export interface MigrationState {
  applied: number;
  known: number;
  /** Names of the migrations this version has that the database has not run. */
  pending: string[];
}

/** Which migrations the database has run; reads only (Kysely's migrator, no lock, no table created). */
export async function migrationState(store: Store): Promise<MigrationState> {
  const migrations = await new Migrator({ db: store.db, provider: migrationProvider(store.caps) }).getMigrations();
  const pending = migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
  return { applied: migrations.length - pending.length, known: migrations.length, pending };
}

/** Opens the configured store; `create` (migrate only) may create and migrate the database. */
export async function openCliStore(config: Config, opts: { create?: boolean } = {}): Promise<Store> {
  const file = sqliteFile(config.databaseUrl);
  if (file !== undefined && !opts.create && !existsSync(file))
    throw new CliError(
      `no database at ${describeSqlitePath(file)}; set DATABASE_URL (e.g. DATABASE_URL=sqlite:/srv/omnihook/data/omnihook.db) or run from the server's folder`,
    );
  let store: Store;
  try {
    store = await openStore(config.databaseUrl, { timeoutMs: config.databaseTimeoutMs });
    await store.ping();
  } catch (err) {
    throw new CliError(describeStartupError(err, config));
  }
  try {
    if (opts.create) {
      await migrate(store);
      return store;
    }
    const state = await migrationState(store);
    if (state.applied === 0)
      throw new CliError(
        `the database ${file ? describeSqlitePath(file) : 'of DATABASE_URL'} has no Omnihook tables: start the server once or run \`omnihook migrate\``,
      );
    if (state.pending.length > 0)
      throw new CliError(
        `the database is ${state.pending.length} migration(s) behind this version (next: ${state.pending[0]}): run \`omnihook migrate\` or start the server`,
      );
    return store;
  } catch (err) {
    await store.close();
    if (err instanceof CliError) throw err;
    throw new CliError(describeStartupError(err, config));
  }
}

/** A database that stopped answering mid-command: said in one line, not as a stack trace. */
function unavailable(err: unknown, config: Config): CliError {
  const described = describeStartupError(err, config);
  const message = err instanceof Error ? err.message : String(err);
  return new CliError(
    described !== message
      ? described
      : `the database did not answer (${errorCode(err) ?? message}): try again; DATABASE_TIMEOUT_MS sets how long a command waits`,
  );
}

/** Runs `fn` on the services of the configured, existing database, and closes everything. */
export async function withServices<T>(fn: (s: Services) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const store = await openCliStore(config, opts);
  try {
    const services = await createServices(config, store, new Hub());
    try {
      return await fn(services);
    } finally {
      services.settings.stop();
    }
  } catch (err) {
    if (isStoreUnavailable(err)) throw unavailable(err, config);
    throw err;
  } finally {
    await store.close();
  }
}
