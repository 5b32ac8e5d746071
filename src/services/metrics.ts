/**
 * Prometheus metrics, read from the store at scrape time. Deriving them from the deliveries and
 * attempts tables (rather than counting in memory) makes them survive restarts and cover every
 * worker process sharing a PostgreSQL database; attempts are append-only, so the attempt
 * counters and the latency histogram only ever grow, as Prometheus expects.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { attemptLatencyHistogram, attemptsByOutcome } from '../store/metrics.ts';
import { endpointHealth } from './endpoint-health.ts';

export const LATENCY_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function line(name: string, labels: Record<string, string>, value: number): string {
  const l = Object.entries(labels)
    .map(([k, v]) => `${k}="${label(v)}"`)
    .join(',');
  return `${name}${l ? `{${l}}` : ''} ${Number.isFinite(value) ? value : 0}`;
}

export async function deliveryMetrics(s: { db: Kysely<Database>; now(): number }): Promise<string> {
  const { db } = s;
  const now = s.now();
  const out: string[] = [];

  const byStatus = await db
    .selectFrom('deliveries')
    .select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['endpoint_id', 'status'])
    .execute();
  out.push('# HELP omnihook_deliveries Deliveries by endpoint and current status (pending, succeeded, failed).');
  out.push('# TYPE omnihook_deliveries gauge');
  for (const r of byStatus)
    out.push(line('omnihook_deliveries', { endpoint: r.endpoint_id, status: r.status }, Number(r.n)));

  const attempts = await attemptsByOutcome(db);
  out.push('# HELP omnihook_delivery_attempts_total Delivery attempts by endpoint and outcome.');
  out.push('# TYPE omnihook_delivery_attempts_total counter');
  for (const r of attempts)
    out.push(line('omnihook_delivery_attempts_total', { endpoint: r.endpoint_id, outcome: r.outcome }, Number(r.n)));

  const hist = await attemptLatencyHistogram(db, LATENCY_BUCKETS_S);
  out.push('# HELP omnihook_attempt_duration_seconds Duration of delivery attempts (request to response).');
  out.push('# TYPE omnihook_attempt_duration_seconds histogram');
  for (const r of hist) {
    const row = r as unknown as Record<string, number | string>;
    LATENCY_BUCKETS_S.forEach((b, i) =>
      out.push(
        line(
          'omnihook_attempt_duration_seconds_bucket',
          { endpoint: r.endpoint_id, le: String(b) },
          Number(row[`b${i}`]),
        ),
      ),
    );
    out.push(line('omnihook_attempt_duration_seconds_bucket', { endpoint: r.endpoint_id, le: '+Inf' }, Number(r.n)));
    out.push(line('omnihook_attempt_duration_seconds_sum', { endpoint: r.endpoint_id }, Number(r.sum) / 1000));
    out.push(line('omnihook_attempt_duration_seconds_count', { endpoint: r.endpoint_id }, Number(r.n)));
  }

  const health = await endpointHealth(db, now);
  const endpoints = await db
    .selectFrom('endpoints')
    .select(['_id', 'enabled', 'paused_until'])
    .where('deleted_at', 'is', null)
    .execute();
  out.push('# HELP omnihook_backlog Pending deliveries per endpoint.');
  out.push('# TYPE omnihook_backlog gauge');
  for (const e of endpoints) out.push(line('omnihook_backlog', { endpoint: e._id }, health.get(e._id)?.backlog ?? 0));
  out.push('# HELP omnihook_oldest_pending_age_seconds Age of the oldest pending delivery per endpoint (0 when none).');
  out.push('# TYPE omnihook_oldest_pending_age_seconds gauge');
  for (const e of endpoints)
    out.push(
      line(
        'omnihook_oldest_pending_age_seconds',
        { endpoint: e._id },
        (health.get(e._id)?.oldestPendingAgeMs ?? 0) / 1000,
      ),
    );
  out.push('# HELP omnihook_endpoint_up 1 when the endpoint is enabled and not paused by the circuit breaker.');
  out.push('# TYPE omnihook_endpoint_up gauge');
  for (const e of endpoints)
    out.push(
      line(
        'omnihook_endpoint_up',
        { endpoint: e._id },
        e.enabled === 1 && !(e.paused_until && e.paused_until > now) ? 1 : 0,
      ),
    );
  return out.join('\n') + '\n';
}
