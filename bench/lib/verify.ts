/**
 * After a run: opens the SQLite file read-only and checks that every bench message was persisted
 * with exactly one Message event, and (when webhooks were on) one delivery that succeeded.
 */
import SQLite from 'better-sqlite3';

export interface StoreCounts {
  messages: number;
  messageEvents: number;
  /** Distinct message ids carried by Message events (one event per message when = messages). */
  messagesWithEvent: number;
  /** Rooms whose message count differs from their Message event count. */
  roomsMismatched: number;
  deliveries: { pending: number; succeeded: number; failed: number };
  attempts: number;
  /**
   * Per-room ordering seen from the attempt log: a delivery whose first attempt started before the
   * previous delivery of the same (endpoint, room) had finished (2 ms tolerance for rounding).
   */
  orderViolations: number;
}

export function countStore(path: string): StoreCounts {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    const n = (q: string) => Number((db.prepare(q).pluck().get() as number | bigint | null) ?? 0);
    const byStatus = (s: string) =>
      n(`SELECT count(*) FROM deliveries WHERE event_type = 'Message' AND status = '${s}'`);
    return {
      messages: n(`SELECT count(*) FROM messages WHERE t IS NULL AND msg LIKE '%bench message%'`),
      messageEvents: n(`SELECT count(*) FROM events WHERE type = 'Message'`),
      messagesWithEvent: n(
        `SELECT count(DISTINCT json_extract(body, '$.messages[0]._id')) FROM events WHERE type = 'Message'`,
      ),
      roomsMismatched: n(`SELECT count(*) FROM
          (SELECT rid, count(*) AS c FROM messages WHERE t IS NULL AND msg LIKE '%bench message%' GROUP BY rid) m
          LEFT JOIN (SELECT rid, count(*) AS c FROM events WHERE type = 'Message' GROUP BY rid) e ON e.rid = m.rid
          WHERE e.c IS NULL OR e.c != m.c`),
      deliveries: { pending: byStatus('pending'), succeeded: byStatus('succeeded'), failed: byStatus('failed') },
      attempts: n(`SELECT count(*) FROM attempts`),
      orderViolations: n(`SELECT count(*) FROM (
          SELECT a.started_at AS s,
            LAG(a.started_at + a.duration_ms) OVER (PARTITION BY d.endpoint_id, d.order_key ORDER BY d.seq) AS prev_end
          FROM deliveries d JOIN attempts a ON a.delivery_id = d._id AND a.attempt = 1
          WHERE d.order_key IS NOT NULL) x
        WHERE x.prev_end IS NOT NULL AND x.s < x.prev_end - 2`),
    };
  } finally {
    db.close();
  }
}
