/**
 * Endpoint health at a glance (the endpoints list, the UI and /metrics): backlog, oldest pending
 * age, success rate of the last 24 hours' attempts, last error.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

export interface EndpointHealth {
  backlog: number;
  oldestPendingAgeMs: number | null;
  attempts24h: number;
  successRate24h: number | null;
  lastError?: { at: Date; statusCode?: number; errorClass?: string; message?: string };
}

/** Health of every endpoint, or of one when `endpointId` is given. */
export async function endpointHealth(
  db: Kysely<Database>,
  now: number,
  endpointId?: string,
): Promise<Map<string, EndpointHealth>> {
  const out = new Map<string, EndpointHealth>();
  const get = (id: string) => {
    let h = out.get(id);
    if (!h) out.set(id, (h = { backlog: 0, oldestPendingAgeMs: null, attempts24h: 0, successRate24h: null }));
    return h;
  };
  const pending = await db
    .selectFrom('deliveries')
    .select(['endpoint_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .$if(endpointId !== undefined, (q) => q.where('endpoint_id', '=', endpointId!))
    .groupBy('endpoint_id')
    .execute();
  for (const p of pending) {
    const h = get(p.endpoint_id);
    h.backlog = Number(p.n);
    h.oldestPendingAgeMs = p.oldest === null ? null : now - Number(p.oldest);
  }
  const since = now - 24 * 3600_000;
  const attempts = await db
    .selectFrom('attempts')
    .select([
      'endpoint_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) =>
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('status_code', '>=', 200), eb('status_code', '<', 300)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('ok'),
    ])
    .where('started_at', '>=', since)
    .$if(endpointId !== undefined, (q) => q.where('endpoint_id', '=', endpointId!))
    .groupBy('endpoint_id')
    .execute();
  for (const a of attempts) {
    const h = get(a.endpoint_id);
    h.attempts24h = Number(a.n);
    h.successRate24h = h.attempts24h ? Number(a.ok) / h.attempts24h : null;
  }
  const failures = await db
    .selectFrom('attempts')
    .select(['endpoint_id', 'started_at', 'status_code', 'error_class', 'error_message'])
    .where('seq', 'in', (eb) =>
      eb
        .selectFrom('attempts')
        .select((e) => e.fn.max('seq').as('seq'))
        .where((w) => w.or([w('status_code', 'is', null), w('status_code', '<', 200), w('status_code', '>=', 300)]))
        .$if(endpointId !== undefined, (q) => q.where('endpoint_id', '=', endpointId!))
        .groupBy('endpoint_id'),
    )
    .execute();
  for (const f of failures) {
    const h = get(f.endpoint_id);
    h.lastError = { at: new Date(f.started_at) };
    if (f.status_code !== null) h.lastError.statusCode = f.status_code;
    if (f.error_class) h.lastError.errorClass = f.error_class;
    if (f.error_message) h.lastError.message = f.error_message;
  }
  return out;
}
