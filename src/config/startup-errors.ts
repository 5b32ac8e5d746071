/**
 * Start-up failures in words an operator can act on: what failed, why (the system's code), and
 * which setting fixes it. Each known cause is one rule; anything else keeps its own message.
 *
 * It lives beside the settings because every fix it names is a setting (DATABASE_URL, PORT,
 * HOST); it reads only error codes, which are Node's and PostgreSQL's, not a driver's internals.
 */
import type { Config } from './index.ts';

type Where = Pick<Config, 'databaseUrl' | 'port' | 'host'>;

/** Node's socket codes that mean "nothing answered there". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
]);

/** The first `code` found on the error, an error it wraps (cause) or one of an AggregateError. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (!(err instanceof Error) || depth > 4) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code !== '') return code;
  if (err instanceof AggregateError) {
    for (const inner of err.errors as unknown[]) {
      const c = errorCode(inner, depth + 1);
      if (c) return c;
    }
  }
  return errorCode(err.cause, depth + 1);
}

/** `host:port` of a postgres:// URL, as pg would use it (its defaults: localhost, 5432). */
export function postgresAddress(url: string): string {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? (u.hostname === '' ? 'localhost' : u.hostname);
    return `${host}:${u.port || '5432'}`;
  } catch {
    return 'the DATABASE_URL host';
  }
}

function postgresDatabase(url: string): { user: string; database: string } {
  try {
    const u = new URL(url);
    return { user: decodeURIComponent(u.username) || '(default user)', database: u.pathname.slice(1) || '(default)' };
  } catch {
    return { user: '?', database: '?' };
  }
}

function sqlitePath(url: string): string {
  return url.slice('sqlite:'.length);
}

/** One sentence naming the cause and the fix, for `omnihook: failed to start: <sentence>`. */
export function describeStartupError(err: unknown, where: Where): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  const postgres = where.databaseUrl.startsWith('postgres');
  if (code === 'EADDRINUSE') return `port ${where.port} is in use: set PORT to a free port, or stop what listens on it`;
  if (code === 'EACCES' && /listen/i.test(message))
    return `port ${where.port} needs privileges this process lacks: set PORT to 1024 or above`;
  if (code === 'EADDRNOTAVAIL') return `HOST ${where.host} is not an address of this machine: set HOST (e.g. 0.0.0.0)`;
  if (postgres) {
    const at = postgresAddress(where.databaseUrl);
    const { user, database } = postgresDatabase(where.databaseUrl);
    if (code && UNREACHABLE.has(code))
      return `cannot reach PostgreSQL at ${at} (${code}): is it running? check DATABASE_URL`;
    if (/timeout expired|timeout exceeded when trying to connect|Connection terminated/i.test(message))
      return `cannot reach PostgreSQL at ${at} (no answer in time): is it running? check DATABASE_URL`;
    if (code === '28P01' || code === '28000')
      return `PostgreSQL at ${at} refused the login of ${user} (${code}: ${message}): check the user and password in DATABASE_URL`;
    if (code === '3D000')
      return `PostgreSQL at ${at} has no database "${database}" (${code}): create it (createdb ${database}) or check DATABASE_URL`;
    if (code === '3F000') return `PostgreSQL at ${at}: ${message} (${code}): create the schema or check DATABASE_URL`;
  } else if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS' || code === 'ENOTDIR') {
    return `cannot open the SQLite database at ${sqlitePath(where.databaseUrl)} (${code}): check that its folder can be written, or set DATABASE_URL`;
  }
  return message || String(err);
}
