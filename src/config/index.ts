/**
 * The one place that reads process.env. Every setting is declared once with its type,
 * default and meaning; the result is validated at start and frozen.
 */

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `sqlite:<path>` (or `sqlite::memory:`) or `postgres://...` */
  readonly databaseUrl: string;
  readonly admin: { readonly username: string; readonly password?: string; readonly email: string };
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `auto`: readable lines (pino-pretty) when stdout is a terminal, JSON lines otherwise. */
  readonly logFormat: 'auto' | 'pretty' | 'json';
  /** Largest accepted request body, bytes. */
  readonly bodyLimit: number;
  /** Comma-separated hostnames and CIDRs that webhook deliveries may reach even if private. */
  readonly egressAllowlist: readonly string[];
  /** Inbound token that a Rocket.Chat server must present to the relay endpoint ('' = relay off). */
  readonly relayInboundToken: string;
  /** Bearer token for GET /metrics; when empty only loopback clients may scrape. */
  readonly metricsToken: string;
  /** A custom endpoint failing every attempt for this long is disabled (circuit breaker). */
  readonly disableFailingEndpointAfterMs: number;
  /** Run the delivery worker in this process. */
  readonly worker: boolean;
  /** Run it on a worker thread of its own (with its own database connection), not on the API's event loop. */
  readonly deliveryThread: boolean;
  /** Run the HTTP API in this process. */
  readonly http: boolean;
  /**
   * The longest a request waits on the database, ms: connecting, a statement, a lock (SQLite's
   * busy_timeout). Past it the request answers 503 error-unavailable instead of hanging.
   */
  readonly databaseTimeoutMs: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function logFormat(raw: string | undefined): Config['logFormat'] {
  const v = (raw || 'auto').toLowerCase();
  if (v === 'auto' || v === 'pretty' || v === 'json') return v;
  throw new ConfigError(`LOG_FORMAT must be pretty, json or auto, got "${raw}"`);
}

function databaseUrl(raw: string | undefined): string {
  const url = raw && raw.length > 0 ? raw : 'sqlite:./data/omnihook.db';
  if (url.startsWith('sqlite:')) {
    if (url.length === 'sqlite:'.length)
      throw new ConfigError('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/omnihook.db');
    return url;
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid postgres URL`);
    }
    return url;
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${url.split(':')[0]}:..."`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const host = env.HOST || '0.0.0.0';
  const adminEmail = env.ADMIN_EMAIL || 'admin@localhost';
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) throw new ConfigError(`ADMIN_EMAIL is not an email address`);
  const adminUser = env.ADMIN_USERNAME || 'admin';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(adminUser))
    throw new ConfigError('ADMIN_USERNAME may hold only letters, digits, . _ -');
  if (env.ADMIN_PASS !== undefined && env.ADMIN_PASS !== '' && env.ADMIN_PASS.length < 8) {
    throw new ConfigError('ADMIN_PASS must be at least 8 characters');
  }
  return Object.freeze({
    port: int(env, 'PORT', 3000, 0, 65535),
    host,
    databaseUrl: databaseUrl(env.DATABASE_URL),
    admin: Object.freeze({ username: adminUser, password: env.ADMIN_PASS || undefined, email: adminEmail }),
    logLevel: logLevel as Config['logLevel'],
    logFormat: logFormat(env.LOG_FORMAT),
    bodyLimit: int(env, 'BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    egressAllowlist: Object.freeze(
      (env.EGRESS_ALLOWLIST ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
    relayInboundToken: env.RELAY_INBOUND_TOKEN ?? '',
    metricsToken: env.METRICS_TOKEN ?? '',
    disableFailingEndpointAfterMs: int(
      env,
      'DISABLE_FAILING_ENDPOINT_AFTER_MS',
      5 * 86_400_000,
      60_000,
      365 * 86_400_000,
    ),
    worker: bool(env, 'OMNIHOOK_WORKER', true),
    deliveryThread: bool(env, 'OMNIHOOK_DELIVERY_THREAD', true),
    http: bool(env, 'OMNIHOOK_HTTP', true),
    databaseTimeoutMs: int(env, 'DATABASE_TIMEOUT_MS', 5000, 200, 600_000),
  });
}
