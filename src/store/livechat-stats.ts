/**
 * The aggregate queries behind the livechat metrics (/metrics) and the managers' dashboard.
 * Every number is derived from the rows as they stand, so it survives restarts and is the same
 * whichever process answers on a shared PostgreSQL.
 *
 * Definitions (docs/decisions.md, "Livechat metrics"):
 * - a visitor message has the visitor's token; an agent message is a plain message (no system
 *   type `t`, so no note, transfer line or close line) without one;
 * - first response = the first agent message's time minus the room's start (Rocket.Chat's
 *   `metrics.response.ft` falls back to the room's start when the visitor sent nothing else);
 * - reaction = when an agent took the room minus its start (`metrics.reaction.ft`);
 * - chat duration = closed_at minus the start (`metrics.chatDuration`).
 *
 * Indexes (migration 0013): `messages_agent_replies` (partial, agent messages, rid + ts) makes a
 * room's first reply one index seek; `rooms_open_department` (partial, open rooms) keeps the open
 * gauges proportional to the open rooms; `rooms_closed_at` serves "closed today".
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

const AGENT_ROLE = '%"livechat-agent"%';

/** The first agent message's time in room `r` (null when no agent answered yet). */
const firstReply: RawBuilder<number | null> = sql<number | null>`(select min(m.ts) from messages m
  where m.rid = r._id and m.t is null and m.token is null)`;

/** The indexes the aggregates need (migration 0013; migrations.ts lists it). */
export async function createLivechatStatsIndexes(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('messages_agent_replies')
    .on('messages')
    .columns(['rid', 'ts'])
    .where(sql<boolean>`t is null and token is null`)
    .execute();
  await db.schema
    .createIndex('rooms_open_department')
    .on('rooms')
    .column('department_id')
    .where(sql<boolean>`open = 1`)
    .execute();
  await db.schema.createIndex('rooms_closed_at').on('rooms').column('closed_at').execute();
}

export interface DepartmentCount {
  department_id: string | null;
  n: number;
}

/** Queued inquiries per department, with the oldest one's queued_at. */
export async function queueByDepartment(db: Db): Promise<(DepartmentCount & { oldest: number | null })[]> {
  const rows = await db
    .selectFrom('inquiries')
    .select(['department_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('queued_at').as('oldest')])
    .where('status', '=', 'queued')
    .groupBy('department_id')
    .execute();
  return rows.map((r) => ({
    department_id: r.department_id,
    n: Number(r.n),
    oldest: r.oldest == null ? null : Number(r.oldest),
  }));
}

/** Open rooms per department; `queued` counts those nobody serves yet. */
export async function openByDepartment(db: Db): Promise<(DepartmentCount & { queued: number })[]> {
  const rows = await db
    .selectFrom('rooms')
    .select([
      'department_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when served_by_id is null then 1 else 0 end)`.as('queued'),
    ])
    .where('open', '=', 1)
    .groupBy('department_id')
    .execute();
  return rows.map((r) => ({ department_id: r.department_id, n: Number(r.n), queued: Number(r.queued ?? 0) }));
}

export interface AgentCounts {
  /** Active users with the livechat-agent role. */
  agents: number;
  /** Holding a live connection (online). */
  connected: number;
  /** Online and marked available: routing may give them a chat. */
  available: number;
  /** Marked available but with no connection (Rocket.Chat's "away"). */
  away: number;
}

/** Agents by state; with a department, only its agents. */
export async function agentCounts(db: Db, departmentId?: string): Promise<AgentCounts> {
  let q = db
    .selectFrom('users as u')
    .select([
      (eb) => eb.fn.countAll<number>().as('agents'),
      sql<number>`sum(case when u.online = 1 then 1 else 0 end)`.as('connected'),
      sql<number>`sum(case when u.online = 1 and u.status_livechat = 'available' then 1 else 0 end)`.as('available'),
      sql<number>`sum(case when u.online = 0 and u.status_livechat = 'available' then 1 else 0 end)`.as('away'),
    ])
    .where('u.active', '=', 1)
    .where('u.roles', 'like', AGENT_ROLE);
  if (departmentId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('department_agents as da')
          .select('da.agent_id')
          .whereRef('da.agent_id', '=', 'u._id')
          .where('da.department_id', '=', departmentId),
      ),
    );
  const r = await q.executeTakeFirst();
  return {
    agents: Number(r?.agents ?? 0),
    connected: Number(r?.connected ?? 0),
    available: Number(r?.available ?? 0),
    away: Number(r?.away ?? 0),
  };
}

/** Plain messages by who sent them (visitor or agent). A scan of messages: one pass, no sort. */
export async function messagesBySender(db: Db): Promise<{ visitor: number; agent: number }> {
  const r = await db
    .selectFrom('messages')
    .select([
      sql<number>`sum(case when token is null then 0 else 1 end)`.as('visitor'),
      sql<number>`sum(case when token is null then 1 else 0 end)`.as('agent'),
    ])
    .where('t', 'is', null)
    .executeTakeFirst();
  return { visitor: Number(r?.visitor ?? 0), agent: Number(r?.agent ?? 0) };
}

export interface Histogram {
  /** Cumulative counts, one per bucket bound (seconds), in the bounds' order. */
  buckets: number[];
  count: number;
  /** Sum of the observations, in seconds. */
  sum: number;
}

/** Observations in ms from a derived table `x(d)` into a Prometheus histogram with bounds in seconds. */
async function histogram(db: Db, from: RawBuilder<unknown>, boundsS: readonly number[]): Promise<Histogram> {
  const cols = boundsS.map((b, i) => sql`sum(case when d <= ${b * 1000} then 1 else 0 end) as ${sql.ref(`b${i}`)}`);
  const res = await sql<Record<string, number | string | null>>`select count(*) as n, sum(d) as total
    ${cols.length ? sql`, ${sql.join(cols)}` : sql``} from (${from}) x where d is not null`.execute(db);
  const row = res.rows[0] ?? {};
  return {
    buckets: boundsS.map((_, i) => Number(row[`b${i}`] ?? 0)),
    count: Number(row.n ?? 0),
    sum: Number(row.total ?? 0) / 1000,
  };
}

/** Time to the first agent message, over every room an agent answered (open or closed). */
export function firstResponseHistogram(db: Db, boundsS: readonly number[]): Promise<Histogram> {
  return histogram(db, sql`select ${firstReply} - r.created_at as d from rooms r`, boundsS);
}

/** Chat duration over closed rooms. */
export function chatDurationHistogram(db: Db, boundsS: readonly number[]): Promise<Histogram> {
  return histogram(
    db,
    sql`select r.closed_at - r.created_at as d from rooms r where r.open = 0 and r.closed_at is not null`,
    boundsS,
  );
}

/** Every room ever started (a counter: rooms are only deleted with a visitor's data). */
export async function roomsStarted(db: Db): Promise<number> {
  const r = await db
    .selectFrom('rooms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface Range {
  start: number;
  end: number;
}

export interface Timing {
  /** Average in seconds (0 when there is nothing to average). */
  avg: number;
  /** Longest in seconds. */
  longest: number;
  count: number;
}

function timing(row: { n?: unknown; total?: unknown; longest?: unknown } | undefined): Timing {
  const count = Number(row?.n ?? 0);
  return {
    count,
    avg: count ? Number(row?.total ?? 0) / count / 1000 : 0,
    longest: Number(row?.longest ?? 0) / 1000,
  };
}

async function timingOf(db: Db, from: RawBuilder<unknown>): Promise<Timing> {
  const res = await sql<{ n: number; total: number | null; longest: number | null }>`select count(*) as n,
    sum(d) as total, max(d) as longest from (${from}) x where d is not null`.execute(db);
  return timing(res.rows[0]);
}

const depFilter = (departmentId?: string) => (departmentId ? sql`and r.department_id = ${departmentId}` : sql``);

/** First response, over the rooms started in the range that an agent answered. */
export function firstResponseIn(db: Db, range: Range, departmentId?: string): Promise<Timing> {
  return timingOf(
    db,
    sql`select ${firstReply} - r.created_at as d from rooms r
      where r.created_at >= ${range.start} and r.created_at < ${range.end} ${depFilter(departmentId)}`,
  );
}

/** Reaction (taken minus started), over the rooms started in the range that an agent took. */
export function reactionIn(db: Db, range: Range, departmentId?: string): Promise<Timing> {
  return timingOf(
    db,
    sql`select r.served_by_ts - r.created_at as d from rooms r
      where r.created_at >= ${range.start} and r.created_at < ${range.end} ${depFilter(departmentId)}`,
  );
}

/** Chat duration, over the rooms closed in the range. */
export function durationClosedIn(db: Db, range: Range, departmentId?: string): Promise<Timing> {
  return timingOf(
    db,
    sql`select r.closed_at - r.created_at as d from rooms r
      where r.closed_at >= ${range.start} and r.closed_at < ${range.end} ${depFilter(departmentId)}`,
  );
}

/** Chat duration, over the closed rooms started in the range (Rocket.Chat's charts/timings). */
export function durationStartedIn(db: Db, range: Range, departmentId?: string): Promise<Timing> {
  return timingOf(
    db,
    sql`select r.closed_at - r.created_at as d from rooms r
      where r.created_at >= ${range.start} and r.created_at < ${range.end} and r.open = 0 ${depFilter(departmentId)}`,
  );
}

/** Rooms started in the range, by state now: open and served, open and queued, closed. */
export async function roomsStartedIn(
  db: Db,
  range: Range,
  departmentId?: string,
): Promise<{ total: number; open: number; queued: number; closed: number }> {
  let q = db
    .selectFrom('rooms')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when open = 1 and served_by_id is not null then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when open = 1 and served_by_id is null then 1 else 0 end)`.as('queued'),
      sql<number>`sum(case when open = 0 then 1 else 0 end)`.as('closed'),
    ])
    .where('created_at', '>=', range.start)
    .where('created_at', '<', range.end);
  if (departmentId) q = q.where('department_id', '=', departmentId);
  const r = await q.executeTakeFirst();
  return {
    total: Number(r?.total ?? 0),
    open: Number(r?.open ?? 0),
    queued: Number(r?.queued ?? 0),
    closed: Number(r?.closed ?? 0),
  };
}

/** Rooms closed in the range. */
export async function roomsClosedIn(db: Db, range: Range): Promise<number> {
  const r = await db
    .selectFrom('rooms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('closed_at', '>=', range.start)
    .where('closed_at', '<', range.end)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface AgentLoad {
  _id: string;
  username: string;
  name: string;
  status_livechat: string;
  online: number;
  open_chats: number;
}

/** Every active agent with their open chats now (rooms_served_by_open serves the count). */
export async function agentLoads(db: Db): Promise<AgentLoad[]> {
  const rows = await db
    .selectFrom('users as u')
    .select([
      'u._id',
      'u.username',
      'u.name',
      'u.status_livechat',
      'u.online',
      (eb) =>
        eb
          .selectFrom('rooms as r')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('r.served_by_id', '=', 'u._id')
          .where('r.open', '=', 1)
          .as('open_chats'),
    ])
    .where('u.active', '=', 1)
    .where('u.roles', 'like', AGENT_ROLE)
    .orderBy('u.username')
    .execute();
  return rows.map((r) => ({ ...r, online: Number(r.online), open_chats: Number(r.open_chats ?? 0) }));
}

/** Departments' names (every one, enabled or not, so a gauge keeps its label when one is disabled). */
export async function departmentNames(db: Db): Promise<{ _id: string; name: string; enabled: number }[]> {
  return db.selectFrom('departments').select(['_id', 'name', 'enabled']).orderBy('name').execute();
}
