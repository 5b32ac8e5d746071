/**
 * Where a waiting visitor stands: their place in the queue and, once recent chats tell, about how
 * long they will wait. Rocket.Chat's `queueInfo` / `queueData` shape (`spot` from 1,
 * `estimatedWaitTimeSeconds`), read by both widgets: in `livechat/config` and live, after every
 * change of the queue (SSE `queue` events; the DDP session sends `queueData`).
 *
 * Place (Rocket.Chat's getCurrentSortedQueueAsync): a room of a department counts the queued
 * inquiries of that department, a room without one the whole queue; oldest queued first.
 *
 * Estimate (docs/decisions.md, "Estimated wait"): measured, not Rocket.Chat's formula (the average
 * chat duration times a factor). Over the last RECENT rooms taken from the queue, each one's
 * "time at the front" is how long it waited once nobody was ahead of it: from its queueing, or
 * from the previous take if that came later, to its own take. Their mean is how long the front of
 * the queue waits for an agent; a visitor at spot N waits about N times that. The department's own
 * rooms count when it has some, else every department's. No taken room yet: no estimate.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { LiveEvent, LiveEvents } from '../../domain/live-events.ts';

/** Rocket.Chat's Livechat_number_most_recent_chats_estimate_wait_time default. */
export const RECENT = 100;

export interface QueueInfo {
  spot: number;
  estimatedWaitTimeSeconds?: number;
}

interface Queued {
  rid: string;
  visitorToken: string;
  departmentId: string | null;
  spot: number;
}

type Db = Kysely<Database>;

/** Every queued room with its spot, in queue order. */
export async function queuedSpots(db: Db): Promise<Queued[]> {
  const rows = await db
    .selectFrom('inquiries')
    .select(['rid', 'visitor_token', 'department_id'])
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .orderBy('_id')
    .execute();
  const perDepartment = new Map<string, number>();
  return rows.map((r, i) => {
    let spot = i + 1; // no department: the whole queue
    if (r.department_id) {
      spot = (perDepartment.get(r.department_id) ?? 0) + 1;
      perDepartment.set(r.department_id, spot);
    }
    return { rid: r.rid, visitorToken: r.visitor_token, departmentId: r.department_id, spot };
  });
}

/** Mean time at the front of the queue in ms over recent takes, or undefined with none yet. */
export async function frontWaitMs(db: Db, departmentId: string | null): Promise<number | undefined> {
  let q = db
    .selectFrom('rooms')
    .select(['queued_at', 'served_by_ts'])
    .where('queued_at', 'is not', null)
    .where('served_by_ts', 'is not', null)
    .orderBy('served_by_ts', 'desc')
    .limit(RECENT);
  if (departmentId) q = q.where('department_id', '=', departmentId);
  const rows = (await q.execute())
    .map((r) => ({ queued: Number(r.queued_at), served: Number(r.served_by_ts) }))
    .filter((r) => r.served >= r.queued) // a forward re-serves a room: its old queue time says nothing
    .reverse();
  if (rows.length === 0) return departmentId ? frontWaitMs(db, null) : undefined;
  let total = 0;
  let previous = -Infinity;
  for (const r of rows) {
    total += r.served - Math.max(r.queued, Math.min(previous, r.served));
    previous = r.served;
  }
  return total / rows.length;
}

function estimate(spot: number, frontMs: number | undefined): number | undefined {
  return frontMs === undefined ? undefined : Math.round((spot * frontMs) / 1000);
}

/** The room's queue info, or undefined when it is not queued. */
export async function queueInfoOf(db: Db, rid: string): Promise<QueueInfo | undefined> {
  const me = (await queuedSpots(db)).find((q) => q.rid === rid);
  if (!me) return undefined;
  const est = estimate(me.spot, await frontWaitMs(db, me.departmentId));
  return { spot: me.spot, ...(est !== undefined ? { estimatedWaitTimeSeconds: est } : {}) };
}

/** Events after which some queued room may stand elsewhere. */
function movesQueue(e: LiveEvent): boolean {
  if (e.kind === 'inquiry') return true;
  return e.kind === 'room' && (e.action === 'closed' || e.action === 'forwarded' || e.action === 'queued');
}

/**
 * Wraps the live hub: after a change of the queue is published, every queued room whose place or
 * estimate changed hears its new one. Changes within `delayMs` are told once (Rocket.Chat debounces
 * the same way), and the work runs after the publishing transaction, never inside it.
 */
export class QueuePositions implements LiveEvents {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private again = false;
  /** What each queued room heard last, so an unchanged place is not told again. */
  private readonly told = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly hub: LiveEvents,
    private readonly opts: { delayMs?: number; onError?: (err: unknown, what: string) => void } = {},
  ) {}

  publish(e: LiveEvent): void {
    this.hub.publish(e);
    if (movesQueue(e)) this.schedule();
  }

  subscribe(fn: (e: LiveEvent) => void): () => void {
    return this.hub.subscribe(fn);
  }

  /** The queue info of a room (livechat/config's `queueInfo`). */
  info(rid: string): Promise<QueueInfo | undefined> {
    return queueInfoOf(this.db, rid);
  }

  /**
   * Stops pending work and waits for a recount in flight (the store is closing): a recount that
   * fires after the store closed fails on a destroyed connection.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tell()
        .catch((err: unknown) => this.opts.onError?.(err, 'queue positions'))
        .finally(() => {
          this.running = undefined;
          if (this.again) {
            this.again = false;
            this.schedule();
          }
        });
    }, this.opts.delayMs ?? 250);
    this.timer.unref?.();
  }

  private async tell(): Promise<void> {
    const queued = await queuedSpots(this.db);
    const fronts = new Map<string | null, number | undefined>();
    const seen = new Set<string>();
    for (const q of queued) {
      seen.add(q.rid);
      if (!fronts.has(q.departmentId)) fronts.set(q.departmentId, await frontWaitMs(this.db, q.departmentId));
      const est = estimate(q.spot, fronts.get(q.departmentId));
      const key = `${q.spot}/${est ?? ''}`;
      if (this.told.get(q.rid) === key) continue;
      this.told.set(q.rid, key);
      const audience = {
        rid: q.rid,
        visitorToken: q.visitorToken,
        ...(q.departmentId ? { departmentId: q.departmentId } : {}),
      };
      this.hub.publish({
        kind: 'queue',
        audience,
        spot: q.spot,
        ...(est !== undefined ? { estimatedWaitTimeSeconds: est } : {}),
      });
    }
    for (const rid of this.told.keys()) if (!seen.has(rid)) this.told.delete(rid);
  }
}
