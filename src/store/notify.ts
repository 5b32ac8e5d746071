/**
 * PostgreSQL LISTEN/NOTIFY as a text channel between processes sharing a database (the live
 * event bridge rides on it, see realtime/bridge.ts). One dedicated connection LISTENs; a small
 * pool sends with pg_notify.
 * NOTIFY is delivered only to sessions listening at commit time and is limited to 8000 bytes: a
 * text over the limit is not sent (receivers must never depend on it; it is a hint).
 */
import pg from 'pg';

/** bytes; PostgreSQL's limit is 8000 */
export const MAX_NOTIFY_PAYLOAD = 7900;

export interface PgChannel {
  /** Fire and forget: a failure goes to onError; a text over MAX_NOTIFY_PAYLOAD bytes is dropped. */
  send(text: string): void;
  /** Texts NOTIFYed on the channel, by any session, this one included. */
  onMessage(fn: (text: string) => void): void;
  close(): Promise<void>;
}

/** Connects and LISTENs before resolving. `channel`: one per database (and per schema when tests share one). */
export async function openPgChannel(url: string, channel: string, onError?: (err: Error) => void): Promise<PgChannel> {
  // LISTEN takes an identifier, not a parameter: only plain lower-case names are accepted.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error('invalid channel name');
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Pool({ connectionString: url, max: 2 });
  const handlers: ((text: string) => void)[] = [];
  await listener.connect();
  await listener.query(`LISTEN ${channel}`);
  listener.on('notification', (n) => {
    if (n.channel !== channel || !n.payload) return;
    for (const fn of handlers) fn(n.payload);
  });
  listener.on('error', (err) => onError?.(err));
  return {
    send(text) {
      if (Buffer.byteLength(text) > MAX_NOTIFY_PAYLOAD) return;
      sender.query('SELECT pg_notify($1, $2)', [channel, text]).catch((err: Error) => onError?.(err));
    },
    onMessage(fn) {
      handlers.push(fn);
    },
    async close() {
      await listener.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
