/**
 * Live events across processes sharing PostgreSQL: every event this process publishes is also
 * sent with NOTIFY, and events NOTIFYed by other processes are re-published on the local hub, so
 * an agent connected to one process sees a visitor message posted through another.
 * NOTIFY is delivered only to sessions listening at commit time and is limited to 8000 bytes: an
 * event over the limit is not bridged (clients reload history when they reconnect), and polling
 * (the delivery worker) never depends on it.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Hub, LiveEvent } from './hub.ts';

const MAX_PAYLOAD = 7900; // bytes; PostgreSQL's limit is 8000
const DATE_KEYS = new Set(['ts', '_updatedAt', 'editedAt', 'lm', 'closedAt', 'queuedAt', 'createdAt']);

/** JSON turns Dates into ISO strings; the hub's consumers expect Dates back in these fields. */
function revive(key: string, value: unknown): unknown {
  return typeof value === 'string' && DATE_KEYS.has(key) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) ? new Date(value) : value;
}

export interface PgBridge {
  stop(): Promise<void>;
}

export interface PgBridgeOptions {
  url: string;
  /** Channel name; one per database (and per schema when tests share a database). */
  channel?: string;
  onError?: (err: Error) => void;
}

export async function startPgBridge(hub: Hub, opts: PgBridgeOptions): Promise<PgBridge> {
  const channel = opts.channel ?? 'omnihook_live';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error('invalid channel name');
  const origin = randomUUID();
  const listener = new pg.Client({ connectionString: opts.url });
  const sender = new pg.Pool({ connectionString: opts.url, max: 2 });
  await listener.connect();
  await listener.query(`LISTEN ${channel}`);
  listener.on('notification', (n) => {
    if (n.channel !== channel || !n.payload) return;
    try {
      const msg = JSON.parse(n.payload, revive) as { o: string; e: LiveEvent };
      if (msg.o !== origin) hub.emitLocal(msg.e);
    } catch {
      // a malformed notification is dropped; it can only come from a buggy peer
    }
  });
  listener.on('error', (err) => opts.onError?.(err));
  hub.setRelay((event) => {
    const payload = JSON.stringify({ o: origin, e: event });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) return;
    sender.query('SELECT pg_notify($1, $2)', [channel, payload]).catch((err: Error) => opts.onError?.(err));
  });
  return {
    async stop() {
      hub.setRelay(undefined);
      await listener.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
