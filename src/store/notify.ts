/**
 * PostgreSQL LISTEN/NOTIFY as a text channel between processes sharing a database (the live
 * event bridge rides on it, see realtime/bridge.ts). One dedicated connection LISTENs; a small
 * pool sends with pg_notify.
 * NOTIFY is delivered only to sessions listening at commit time and is limited to 8000 bytes: a
 * text over the limit is not sent (receivers must never depend on it; it is a hint).
 *
 * The listening connection outlives its database: when it is lost (restart, failover,
 * pg_terminate_backend, a reset) it reconnects with backoff and LISTENs again; a heartbeat
 * notices a connection that went silent without closing. Texts sent while it was away are lost,
 * which a hint may be. Errors are reported once per outage, not once per retry or per send.
 */
import pg from 'pg';
import { pgClientConfig } from './pg-pool.ts';

/** bytes; PostgreSQL's limit is 8000 */
export const MAX_NOTIFY_PAYLOAD = 7900;

export interface PgChannel {
  /** Fire and forget: a failure goes to onError; a text over MAX_NOTIFY_PAYLOAD bytes is dropped. */
  send(text: string): void;
  /** Texts NOTIFYed on the channel, by any session, this one included. */
  onMessage(fn: (text: string) => void): void;
  close(): Promise<void>;
}

export interface PgChannelOptions {
  /** Bound on connecting and on one statement, ms. */
  stepMs?: number;
  /** Called when the listening connection is back after a loss (for the log). */
  onRestored?: () => void;
  /** How often the idle listening connection is checked, ms. */
  heartbeatMs?: number;
}

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5000;

/** Connects and LISTENs before resolving. `channel`: one per database (and per schema when tests share one). */
export async function openPgChannel(
  url: string,
  channel: string,
  onError?: (err: Error) => void,
  opts: PgChannelOptions = {},
): Promise<PgChannel> {
  // LISTEN takes an identifier, not a parameter: only plain lower-case names are accepted.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error('invalid channel name');
  const config = pgClientConfig(url, opts.stepMs ?? 2500);
  const sender = new pg.Pool({ ...config, max: 2 });
  const handlers: ((text: string) => void)[] = [];
  let closed = false;
  let listener: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let backoff = BACKOFF_MIN_MS;
  let lost = false; // an outage already reported
  let sendFailing = false;

  const report = (err: Error) => {
    if (lost) return;
    lost = true;
    onError?.(err);
  };

  async function connect(): Promise<void> {
    const client = new pg.Client(config);
    // every 'error' is followed by 'end' for a connected client; the listening one reconnects
    // on 'end' (one that failed to connect is retried by schedule(), one dropped by the heartbeat
    // is no longer `listener`)
    client.on('error', report);
    client.on('end', () => {
      if (listener !== client) return;
      listener = undefined;
      report(new Error('the LISTEN connection ended'));
      schedule();
    });
    client.on('notification', (n) => {
      if (n.channel !== channel || !n.payload) return;
      for (const fn of handlers) fn(n.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    listener = client;
    backoff = BACKOFF_MIN_MS;
    if (lost) {
      lost = false;
      opts.onRestored?.();
    }
  }

  function schedule(): void {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((err: unknown) => {
        report(err as Error);
        schedule();
      });
    }, backoff);
    retry.unref();
    backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  }

  // A partition closes nothing: the heartbeat's query times out (query_timeout) and the
  // connection is dropped, which schedules the reconnect.
  const heartbeat = setInterval(() => {
    const client = listener;
    if (!client) return;
    client.query('SELECT 1').catch((err: Error) => {
      report(err);
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      schedule();
    });
  }, opts.heartbeatMs ?? 10_000);
  heartbeat.unref();

  sender.on('error', report); // an idle sender connection lost: the pool opens another
  await connect();
  return {
    send(text) {
      if (Buffer.byteLength(text) > MAX_NOTIFY_PAYLOAD) return;
      sender.query('SELECT pg_notify($1, $2)', [channel, text]).then(
        () => (sendFailing = false),
        (err: Error) => {
          if (!sendFailing) onError?.(err);
          sendFailing = true;
        },
      );
    },
    onMessage(fn) {
      handlers.push(fn);
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      if (retry) clearTimeout(retry);
      await listener?.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
