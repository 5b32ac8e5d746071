/**
 * Webhook endpoints beyond the Webhooks page: many URLs, each with its events, departments,
 * headers, timeout, retry schedule, ordering, rate limit and a Standard Webhooks secret.
 * The built-in 'rocketchat' endpoint is listed here too but configured on the Webhooks page.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { newEndpointRow } from '../store/rows.ts';
import type { EndpointRow } from '../store/rows.ts';
import { insertDeliveries, insertEvent } from '../store/outbox/enqueue.ts';
import { targetOf } from '../store/outbox/targets.ts';
import { newEventId, newId } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';
import {
  BUILTIN_ENDPOINT_ID,
  checkEvents,
  checkHeaders,
  checkRetry,
  checkUrl,
  newSecret,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
} from '../domain/endpoint-rules.ts';
import type { Ordering, RetrySchedule } from '../domain/endpoint-rules.ts';
import { samplePayload } from '../domain/samples.ts';
import { renderBody } from '../domain/payloads.ts';
import type { EventType } from '../domain/models.ts';
import { parseJson } from '../store/mappers.ts';
import type { Waker } from './events.ts';
import { inTx } from './tx.ts';
import type { EgressCheck } from './egress-check.ts';
import { endpointHealth } from './endpoint-health.ts';
import type { EndpointHealth } from './endpoint-health.ts';

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string;
  departmentIds?: string[] | null;
  headers?: Record<string, string>;
  timeoutMs?: number;
  retry?: { kind: string; delaysMs?: number[] };
  ordering?: Ordering;
  rateLimitPerSecond?: number | null;
  maxConcurrency?: number;
  enabled?: boolean;
}

export interface Endpoint {
  _id: string;
  kind: 'rocketchat' | 'custom';
  url: string;
  description?: string;
  events: EventType[];
  departmentIds: string[] | null;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: RetrySchedule;
  ordering: Ordering;
  rateLimitPerSecond: number | null;
  maxConcurrency: number;
  enabled: boolean;
  disabledReason?: string;
  pausedUntil?: Date;
  failingSince?: Date;
  secretRotation?: { previousExpiresAt: Date };
  createdAt: Date;
  _updatedAt: Date;
}

export function toEndpoint(r: EndpointRow): Endpoint {
  const e: Endpoint = {
    _id: r._id,
    kind: r.kind === 'rocketchat' ? 'rocketchat' : 'custom',
    url: r.url,
    // the built-in endpoint's per-sender message subscriptions (domain/targets.ts) show as Message
    events: [...new Set(parseJson<string[]>(r.events, []).map((e) => e.split(':')[0]!))] as EventType[],
    departmentIds: parseJson<string[] | null>(r.department_ids, null),
    headers: parseJson<Record<string, string>>(r.headers, {}),
    timeoutMs: r.timeout_ms,
    retry: parseJson<RetrySchedule>(r.retry, { kind: 'exponential' }),
    ordering: r.ordering === 'none' ? 'none' : 'room',
    rateLimitPerSecond: r.rate_limit_per_second,
    maxConcurrency: r.max_concurrency,
    enabled: r.enabled === 1,
    createdAt: new Date(r.created_at),
    _updatedAt: new Date(r.updated_at),
  };
  if (r.description) e.description = r.description;
  if (r.disabled_reason) e.disabledReason = r.disabled_reason;
  if (r.paused_until) e.pausedUntil = new Date(r.paused_until);
  if (r.failing_since) e.failingSince = new Date(r.failing_since);
  if (r.previous_secret && r.previous_secret_expires_at)
    e.secretRotation = { previousExpiresAt: new Date(r.previous_secret_expires_at) };
  return e;
}

export class EndpointsService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly store: Store,
    private readonly waker: Waker,
    private readonly egress: EgressCheck,
    private readonly now: () => number = Date.now,
  ) {
    this.db = store.db;
  }

  private async row(id: string): Promise<EndpointRow> {
    const r = await this.db
      .selectFrom('endpoints')
      .selectAll()
      .where('_id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!r) fail('error-invalid-endpoint', 'Unknown endpoint');
    return r;
  }

  private async custom(id: string): Promise<EndpointRow> {
    const r = await this.row(id);
    if (r.kind !== 'custom')
      fail('error-not-allowed', 'The built-in endpoint is configured on the Omnichannel > Webhooks page');
    return r;
  }

  private async checkDepartments(ids: string[] | null | undefined): Promise<string[] | null> {
    if (!ids || ids.length === 0) return null;
    const unique = [...new Set(ids)];
    const found = await this.db.selectFrom('departments').select('_id').where('_id', 'in', unique).execute();
    if (found.length !== unique.length) fail('error-invalid-department', 'departmentIds: unknown department');
    return unique;
  }

  async list(): Promise<Endpoint[]> {
    const rows = await this.db
      .selectFrom('endpoints')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toEndpoint);
  }

  async get(id: string): Promise<Endpoint> {
    return toEndpoint(await this.row(id));
  }

  async create(input: EndpointInput): Promise<{ endpoint: Endpoint; secret: string }> {
    const url = checkUrl(input.url);
    await this.egress.checkUrl(url);
    const now = this.now();
    const secret = newSecret();
    const row = newEndpointRow(
      {
        _id: newId(),
        kind: 'custom',
        url,
        description: input.description ?? null,
        events: JSON.stringify(checkEvents(input.events)),
        department_ids: JSON.stringify(await this.checkDepartments(input.departmentIds)),
        headers: JSON.stringify(checkHeaders(input.headers ?? {})),
        timeout_ms: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        retry: JSON.stringify(checkRetry(input.retry ?? { kind: 'exponential' })),
        ordering: input.ordering ?? 'room',
        rate_limit_per_second: input.rateLimitPerSecond ?? null,
        max_concurrency: input.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
        enabled: input.enabled === false ? 0 : 1,
        disabled_reason: input.enabled === false ? 'disabled by a manager' : null,
        secret,
      },
      now,
    );
    await this.db.insertInto('endpoints').values(row).execute();
    return { endpoint: toEndpoint(row), secret };
  }

  async update(id: string, input: Partial<EndpointInput>): Promise<Endpoint> {
    const current = await this.custom(id);
    const patch: Partial<EndpointRow> = { updated_at: this.now() };
    if (input.url !== undefined) {
      patch.url = checkUrl(input.url);
      await this.egress.checkUrl(patch.url);
    }
    if (input.events !== undefined) patch.events = JSON.stringify(checkEvents(input.events));
    if (input.departmentIds !== undefined)
      patch.department_ids = JSON.stringify(await this.checkDepartments(input.departmentIds));
    if (input.headers !== undefined) patch.headers = JSON.stringify(checkHeaders(input.headers));
    if (input.description !== undefined) patch.description = input.description;
    if (input.timeoutMs !== undefined) patch.timeout_ms = input.timeoutMs;
    if (input.retry !== undefined) patch.retry = JSON.stringify(checkRetry(input.retry));
    if (input.ordering !== undefined) patch.ordering = input.ordering;
    if (input.rateLimitPerSecond !== undefined) patch.rate_limit_per_second = input.rateLimitPerSecond;
    if (input.maxConcurrency !== undefined) patch.max_concurrency = input.maxConcurrency;
    if (input.enabled !== undefined) {
      patch.enabled = input.enabled ? 1 : 0;
      // Re-enabling clears the breaker: the manager says the receiver is back.
      patch.disabled_reason = input.enabled ? null : 'disabled by a manager';
      if (input.enabled) Object.assign(patch, { paused_until: null, failing_since: null, consecutive_failures: 0 });
    }
    await this.db.updateTable('endpoints').set(patch).where('_id', '=', id).execute();
    if (patch.enabled === 1) this.waker.wake();
    return toEndpoint({ ...current, ...patch });
  }

  /** Soft delete: the endpoint stops receiving; its deliveries and attempts stay in the log. */
  async remove(id: string): Promise<void> {
    await this.custom(id);
    const now = this.now();
    await this.db
      .updateTable('endpoints')
      .set({ deleted_at: now, enabled: 0, disabled_reason: 'deleted', updated_at: now })
      .where('_id', '=', id)
      .execute();
  }

  async rotateSecret(id: string, graceSeconds: number): Promise<{ endpoint: Endpoint; secret: string }> {
    const current = await this.custom(id);
    const now = this.now();
    const secret = newSecret();
    const patch = {
      secret,
      previous_secret: graceSeconds > 0 ? current.secret : null,
      previous_secret_expires_at: graceSeconds > 0 ? now + graceSeconds * 1000 : null,
      updated_at: now,
    };
    await this.db.updateTable('endpoints').set(patch).where('_id', '=', id).execute();
    return { endpoint: toEndpoint({ ...current, ...patch }), secret };
  }

  async revealSecret(id: string): Promise<string> {
    return (await this.custom(id)).secret;
  }

  /** Queues a realistic sample of `type` to this endpoint only, through the normal worker. */
  async sendTest(id: string, type: EventType): Promise<{ eventId: string; deliveryId: string }> {
    const ep = await this.row(id);
    if (ep.kind !== 'custom') fail('error-not-allowed', 'Use webhook.test for the built-in endpoint');
    const now = this.now();
    const event = {
      _id: newEventId(),
      type,
      rid: null,
      departmentId: null,
      body: renderBody(samplePayload(type, new Date(now))),
      createdAt: now,
    };
    const deliveryId = await inTx(this.store, async (tx) => {
      const target = await targetOf(tx.x, id);
      if (!target) fail('error-invalid-endpoint', 'Unknown endpoint');
      await insertEvent(tx.x, event);
      const [delivery] = await insertDeliveries(tx.x, event, [target]);
      tx.after(() => this.waker.wake());
      return delivery!;
    });
    return { eventId: event._id, deliveryId };
  }

  /** Re-sends every failed delivery of the endpoint created in [since, until]. */
  async recover(id: string, since: number, until: number | undefined): Promise<number> {
    await this.row(id);
    const now = this.now();
    let q = this.db
      .updateTable('deliveries')
      .set({
        status: 'pending',
        next_attempt_at: now,
        lease_owner: null,
        lease_until: null,
        completed_at: null,
        updated_at: now,
      })
      .where('endpoint_id', '=', id)
      .where('status', '=', 'failed')
      .where('created_at', '>=', since);
    if (until !== undefined) q = q.where('created_at', '<=', until);
    const res = await q.executeTakeFirst();
    this.waker.wake();
    return Number(res.numUpdatedRows);
  }

  /** Health at a glance (services/endpoint-health.ts) of every endpoint, or of one. */
  health(endpointId?: string): Promise<Map<string, EndpointHealth>> {
    return endpointHealth(this.db, this.now(), endpointId);
  }

  isBuiltin(id: string): boolean {
    return id === BUILTIN_ENDPOINT_ID;
  }
}
