/**
 * Endpoint health at a glance (the endpoints list, the UI and /metrics): backlog, oldest pending
 * age, success rate of the last 24 hours' attempts, last error; and what needs a manager
 * (issue 17): deliveries parked as failed, the breaker's streak, whether the egress policy is why
 * it fails. Also the two actions that go with it: "would this URL be allowed" before a save, and
 * "Resume now" on a paused endpoint.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { breakerStreaks, failedCounts } from '../store/outbox/attention.ts';
import { AppError, fail } from '../domain/errors.ts';
import { checkUrl } from '../domain/endpoint-rules.ts';
import type { Services } from './container.ts';
import { egressCheck } from './egress-check.ts';
import { inTx } from './tx.ts';

export interface EndpointHealth {
  backlog: number;
  oldestPendingAgeMs: number | null;
  attempts24h: number;
  successRate24h: number | null;
  lastError?: { at: Date; statusCode?: number; errorClass?: string; message?: string };
  /** Deliveries parked as failed (retries spent): each waits for a replay or a recover. */
  failed: number;
  /** Failures the breaker counted in the current streak (0 while healthy). */
  consecutiveFailures: number;
  /** The endpoint fails now, and its latest failure is the egress policy refusing the address. */
  blockedByEgress: boolean;
}

/** The health of an endpoint with no deliveries and no attempts. */
export const EMPTY_HEALTH: EndpointHealth = {
  backlog: 0,
  oldestPendingAgeMs: null,
  attempts24h: 0,
  successRate24h: null,
  failed: 0,
  consecutiveFailures: 0,
  blockedByEgress: false,
};

/** Health of every endpoint, or of one when `endpointId` is given. */
export async function endpointHealth(
  db: Kysely<Database>,
  now: number,
  endpointId?: string,
): Promise<Map<string, EndpointHealth>> {
  const out = new Map<string, EndpointHealth>();
  const get = (id: string) => {
    let h = out.get(id);
    if (!h) out.set(id, (h = { ...EMPTY_HEALTH }));
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
  const [failed, streaks] = await Promise.all([failedCounts(db, endpointId), breakerStreaks(db, endpointId)]);
  for (const [id, n] of failed) get(id).failed = n;
  for (const [id, streak] of streaks) {
    const h = get(id);
    h.consecutiveFailures = streak.consecutiveFailures;
    // failing now (no success since the streak began) and the last failure was the egress guard
    h.blockedByEgress = streak.failingSince !== null && h.lastError?.errorClass === 'ssrf';
  }
  return out;
}

/** Whether deliveries to `url` would be allowed by the egress policy, asked before a save. */
export async function urlVerdict(
  s: Services,
  url: string,
): Promise<{ allowed: boolean; message?: string; allowlist: string[] }> {
  const allowlist = [...s.config.egressAllowlist];
  // a malformed URL (scheme, credentials) is a 400 like at save time; only the policy is a verdict
  const checked = checkUrl(url);
  try {
    await egressCheck(allowlist).checkUrl(checked);
    return { allowed: true, allowlist };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { allowed: false, message: err.message.replace(/^url: /, ''), allowlist };
  }
}

/**
 * "Resume now": closes the breaker of an endpoint (no pause, a fresh streak) and makes its
 * pending deliveries due at once, so a fixed receiver gets its backlog now rather than at each
 * delivery's next backoff step. A disabled endpoint is enabled again with PATCH instead (that
 * is a manager's decision the breaker does not take back on its own).
 */
export async function resumeEndpoint(s: Services, id: string): Promise<{ due: number }> {
  const now = s.now();
  const due = await inTx(s.store, async (tx) => {
    const ep = await tx.db
      .selectFrom('endpoints')
      .select(['enabled'])
      .where('_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!ep) fail('error-invalid-endpoint', 'Unknown endpoint');
    if (ep.enabled !== 1) fail('error-endpoint-disabled', 'The endpoint is disabled: enable it instead');
    await tx.db
      .updateTable('endpoints')
      .set({ paused_until: null, failing_since: null, consecutive_failures: 0, updated_at: now })
      .where('_id', '=', id)
      .execute();
    const res = await tx.db
      .updateTable('deliveries')
      .set({ next_attempt_at: now, updated_at: now })
      .where('endpoint_id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '>', now)
      .executeTakeFirst();
    tx.after(() => s.waker.wake());
    return Number(res.numUpdatedRows);
  });
  return { due };
}
