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
import type { Histogram } from '../store/livechat-stats.ts';
import {
  agentCounts,
  chatDurationHistogram,
  departmentNames,
  firstResponseHistogram,
  messagesBySender,
  openByDepartment,
  queueByDepartment,
  roomsStarted,
} from '../store/livechat-stats.ts';

export const LATENCY_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** First response: seconds to minutes matter; past an hour is "nobody answered for ages". */
export const FIRST_RESPONSE_BUCKETS_S = [5, 15, 30, 60, 120, 300, 600, 1800, 3600];
/** Chat duration: from a quick question to a chat left open all day. */
export const CHAT_DURATION_BUCKETS_S = [60, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 86400];

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

function histogramLines(out: string[], name: string, help: string, bounds: readonly number[], h: Histogram): void {
  out.push(`# HELP ${name} ${help}`);
  out.push(`# TYPE ${name} histogram`);
  bounds.forEach((b, i) => out.push(line(`${name}_bucket`, { le: String(b) }, h.buckets[i] ?? 0)));
  out.push(line(`${name}_bucket`, { le: '+Inf' }, h.count));
  out.push(line(`${name}_sum`, {}, h.sum));
  out.push(line(`${name}_count`, {}, h.count));
}

/**
 * Livechat metrics, from the rooms, inquiries, users and messages tables at scrape time. Every
 * department gets a line in the per-department gauges (0 when idle), so a query or an alert on
 * one never sees it vanish; `department=""` is the chats of no department.
 */
export async function livechatMetrics(s: { db: Kysely<Database>; now(): number }): Promise<string> {
  const { db } = s;
  const now = s.now();
  const out: string[] = [];
  const departments = [...(await departmentNames(db)).map((d) => d._id), ''];
  const queue = new Map((await queueByDepartment(db)).map((q) => [q.department_id ?? '', q]));
  const open = new Map((await openByDepartment(db)).map((o) => [o.department_id ?? '', o.n]));
  const gauge = (name: string, help: string, value: (dep: string) => number) => {
    out.push(`# HELP ${name} ${help}`);
    out.push(`# TYPE ${name} gauge`);
    for (const d of departments) out.push(line(name, { department: d }, value(d)));
  };
  gauge(
    'omnihook_livechat_queue_length',
    'Queued inquiries (chats waiting for an agent), by department.',
    (d) => queue.get(d)?.n ?? 0,
  );
  gauge(
    'omnihook_livechat_oldest_waiting_seconds',
    'How long the oldest queued inquiry has waited, by department (0 when none waits).',
    (d) => {
      const oldest = queue.get(d)?.oldest;
      return oldest == null ? 0 : Math.max(0, (now - oldest) / 1000);
    },
  );
  gauge('omnihook_livechat_open_chats', 'Open chats (served or queued), by department.', (d) => open.get(d) ?? 0);

  const agents = await agentCounts(db);
  out.push('# HELP omnihook_livechat_agents_connected Active agents holding a live connection (a console open).');
  out.push('# TYPE omnihook_livechat_agents_connected gauge');
  out.push(line('omnihook_livechat_agents_connected', {}, agents.connected));
  out.push('# HELP omnihook_livechat_agents_available Connected agents marked available: routing may give them chats.');
  out.push('# TYPE omnihook_livechat_agents_available gauge');
  out.push(line('omnihook_livechat_agents_available', {}, agents.available));

  const msgs = await messagesBySender(db);
  out.push(
    '# HELP omnihook_livechat_messages_total Chat messages by sender (visitor, agent); notes and system lines excluded.',
  );
  out.push('# TYPE omnihook_livechat_messages_total counter');
  out.push(line('omnihook_livechat_messages_total', { sender: 'visitor' }, msgs.visitor));
  out.push(line('omnihook_livechat_messages_total', { sender: 'agent' }, msgs.agent));

  out.push('# HELP omnihook_livechat_chats_started_total Chats (rooms) started.');
  out.push('# TYPE omnihook_livechat_chats_started_total counter');
  out.push(line('omnihook_livechat_chats_started_total', {}, await roomsStarted(db)));

  histogramLines(
    out,
    'omnihook_livechat_first_response_seconds',
    "Time from a chat's start to its first agent message, over every answered chat.",
    FIRST_RESPONSE_BUCKETS_S,
    await firstResponseHistogram(db, FIRST_RESPONSE_BUCKETS_S),
  );
  histogramLines(
    out,
    'omnihook_livechat_chat_duration_seconds',
    "Time from a chat's start to its close, over closed chats.",
    CHAT_DURATION_BUCKETS_S,
    await chatDurationHistogram(db, CHAT_DURATION_BUCKETS_S),
  );
  return out.join('\n') + '\n';
}
