/**
 * The aggregates behind Rocket.Chat's analytics routes (livechat/analytics/overview,
 * agent-overview and the dashboards' totalizers and per-agent/per-department charts).
 * Same definitions as store/livechat-stats.ts: a visitor message carries the visitor's token, an
 * agent message is a plain message (no system type `t`) without one; times are ms in the rows.
 *
 * Each function is one aggregate statement over the rooms started in a range (indexed by
 * created_at); the per-agent and per-department grouping happens in SQL, so an answer never
 * loads rooms or messages into memory.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from './schema.ts';
import type { Range } from './livechat-stats.ts';

type Db = Kysely<Database>;

const n = (v: unknown): number => Number(v ?? 0);
const dep = (departmentId?: string) => (departmentId ? sql`and r.department_id = ${departmentId}` : sql``);
/** Rooms started in [start, end] (Rocket.Chat's `ts: { $gte, $lte }`). */
const startedIn = (range: Range) => sql`r.created_at >= ${range.start} and r.created_at <= ${range.end}`;

/** The first agent message's time in room `r`. */
const firstReplyTs: RawBuilder<number | null> = sql`(select min(m.ts) from messages m
  where m.rid = r._id and m.t is null and m.token is null)`;
/** Who sent it (Rocket.Chat's `responseBy`: the first responder keeps it after a forward). */
const firstResponder: RawBuilder<string | null> = sql`(select m.u_username from messages m
  where m.rid = r._id and m.t is null and m.token is null order by m.ts, m.seq limit 1)`;
/** The last agent message's time (Rocket.Chat's `responseBy.lastMessageTs`). */
const lastReplyTs: RawBuilder<number | null> = sql`(select max(m.ts) from messages m
  where m.rid = r._id and m.t is null and m.token is null)`;

/**
 * Per room, the average time an agent took to answer the visitor's latest message (Rocket.Chat's
 * `metrics.response.avg`: each agent reply that follows a visitor message counts once).
 */
const responseAvgByRoom = (range: Range, departmentId?: string) => sql`select x.rid, avg(x.ts - x.prev_ts) as a
  from (select m.rid, m.ts, m.token, lag(m.token) over w as prev_token, lag(m.ts) over w as prev_ts
        from messages m join rooms r on r._id = m.rid
        where m.t is null and ${startedIn(range)} ${dep(departmentId)}
        window w as (partition by m.rid order by m.ts, m.seq)) x
  where x.token is null and x.prev_token is not null
  group by x.rid`;

export interface ConversationCounts {
  total: number;
  open: number;
  messages: number;
}

/** Rooms started in the range: how many, how many still open, and their messages (`msgs`). */
export async function conversationCounts(db: Db, range: Range, departmentId?: string): Promise<ConversationCounts> {
  const res = await sql<{ total: unknown; open: unknown; msgs: unknown }>`select count(*) as total,
    sum(case when r.open = 1 then 1 else 0 end) as open, sum(r.msgs) as msgs
    from rooms r where ${startedIn(range)} ${dep(departmentId)}`.execute(db);
  const row = res.rows[0];
  return { total: n(row?.total), open: n(row?.open), messages: n(row?.msgs) };
}

/** Messages of the range's rooms by the hour (since the epoch, UTC) their room started in. */
export async function messagesByStartHour(
  db: Db,
  range: Range,
  departmentId?: string,
): Promise<{ hour: number; messages: number }[]> {
  const res = await sql<{ h: unknown; msgs: unknown }>`select r.created_at / 3600000 as h, sum(r.msgs) as msgs
    from rooms r where ${startedIn(range)} ${dep(departmentId)} group by r.created_at / 3600000`.execute(db);
  return res.rows.map((x) => ({ hour: Math.floor(n(x.h)), messages: n(x.msgs) }));
}

/** Visitors seen (last updated) in the range; with a department, those registered to it. */
export async function visitorsSeenIn(db: Db, range: Range, departmentId?: string): Promise<number> {
  let q = db
    .selectFrom('visitors')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('updated_at', '>=', range.start)
    .where('updated_at', '<', range.end);
  if (departmentId) q = q.where('department', '=', departmentId);
  return n((await q.executeTakeFirst())?.n);
}

export interface ProductivitySums {
  /** Rooms an agent took and answered. */
  count: number;
  /** Sums in ms over those rooms. */
  responseAvg: number;
  firstResponse: number;
  reaction: number;
}

/** Rocket.Chat's Productivity overview: rooms with a response and a reaction, their sums. */
export async function productivitySums(db: Db, range: Range, departmentId?: string): Promise<ProductivitySums> {
  const res = await sql<{ c: unknown; ra: unknown; fr: unknown; re: unknown }>`select count(*) as c,
    sum(coalesce(ra.a, 0)) as ra, sum(y.fr) as fr, sum(y.re) as re
    from (select r._id, ${firstReplyTs} - r.created_at as fr, r.served_by_ts - r.created_at as re
          from rooms r where ${startedIn(range)} ${dep(departmentId)}) y
    left join (${responseAvgByRoom(range, departmentId)}) ra on ra.rid = y._id
    where y.fr is not null and y.re is not null`.execute(db);
  const row = res.rows[0];
  return { count: n(row?.c), responseAvg: n(row?.ra), firstResponse: n(row?.fr), reaction: n(row?.re) };
}

export interface DepartmentAverage {
  department_id: string | null;
  /** Seconds, or a percentage for abandonment. */
  value: number;
}

/** Per department: average chat duration (s) of rooms started at/after start and closed by end. */
export async function chatDurationByDepartment(
  db: Db,
  range: Range,
  departmentId?: string,
): Promise<DepartmentAverage[]> {
  const res = await sql<{ d: string | null; v: unknown }>`select r.department_id as d,
    avg(r.closed_at - r.created_at) as v from rooms r
    where r.created_at >= ${range.start} and r.closed_at <= ${range.end} ${dep(departmentId)}
    group by r.department_id`.execute(db);
  return res.rows.map((x) => ({ department_id: x.d, value: Math.ceil(n(x.v) / 1000) }));
}

/** Per department: average time to the first agent answer (s), over the answered rooms of the range. */
export async function waitingByDepartment(db: Db, range: Range, departmentId?: string): Promise<DepartmentAverage[]> {
  const res = await sql<{ d: string | null; v: unknown }>`select y.d, avg(y.fr) as v
    from (select r.department_id as d, ${firstReplyTs} - r.created_at as fr
          from rooms r where ${startedIn(range)} ${dep(departmentId)}) y
    where y.fr is not null group by y.d`.execute(db);
  return res.rows.map((x) => ({ department_id: x.d, value: Math.ceil(n(x.v) / 1000) }));
}

/** Per department: average service time (s): taken until the agent's last message. */
export async function serviceTimeByDepartment(
  db: Db,
  range: Range,
  departmentId?: string,
): Promise<DepartmentAverage[]> {
  const res = await sql<{ d: string | null; v: unknown }>`select y.d, avg(y.st) as v
    from (select r.department_id as d, ${lastReplyTs} - r.served_by_ts as st
          from rooms r where ${startedIn(range)} and r.served_by_id is not null ${dep(departmentId)}) y
    where y.st is not null group by y.d`.execute(db);
  return res.rows.map((x) => ({ department_id: x.d, value: Math.ceil(n(x.v) / 1000) }));
}

/**
 * The visitor's silence (ms) before an agent closed the room: from the agent's first message after
 * the visitor's last one to the close (Rocket.Chat's `metrics.visitorInactivity`). Null when the
 * visitor never wrote, had the last word, or closed the room themselves.
 */
const inactivity: RawBuilder<number | null> = sql`case when r.closer = 'visitor' then null else
  r.closed_at - (select min(a.ts) from messages a where a.rid = r._id and a.t is null and a.token is null
    and a.ts >= (select max(v.ts) from messages v where v.rid = r._id and v.t is null and v.token is not null)) end`;

export interface AbandonedByDepartment {
  department_id: string | null;
  /** Abandoned rooms started at/after start and closed by end. */
  abandoned: number;
  /** floor(100 * abandoned / rooms) over the rooms started in the range. */
  percentage: number;
}

/** Abandoned chats per department: the visitor stayed silent `timeoutMs` or longer before an agent closed. */
export async function abandonedByDepartment(
  db: Db,
  range: Range,
  timeoutMs: number,
  departmentId?: string,
): Promise<AbandonedByDepartment[]> {
  const res = await sql<{ d: string | null; rooms: unknown; ab: unknown; abc: unknown }>`select y.d,
    count(*) as rooms,
    sum(case when y.ina >= ${timeoutMs} then 1 else 0 end) as ab,
    sum(case when y.ina >= ${timeoutMs} and y.closed_at <= ${range.end} then 1 else 0 end) as abc
    from (select r.department_id as d, r.closed_at, ${inactivity} as ina
          from rooms r where ${startedIn(range)} ${dep(departmentId)}) y
    group by y.d`.execute(db);
  return res.rows.map((x) => ({
    department_id: x.d,
    abandoned: n(x.abc),
    percentage: n(x.rooms) ? Math.floor((100 * n(x.ab)) / n(x.rooms)) : 0,
  }));
}

export interface Keyed {
  key: string;
  n: number;
}

/** Open, served rooms started in the range, by the serving agent's username. */
export async function openByAgent(db: Db, range: Range, departmentId?: string): Promise<Keyed[]> {
  const res = await sql<{ k: string; c: unknown }>`select r.served_by_username as k, count(*) as c from rooms r
    where r.open = 1 and r.served_by_username is not null and ${startedIn(range)} ${dep(departmentId)}
    group by r.served_by_username`.execute(db);
  return res.rows.map((x) => ({ key: x.k, n: n(x.c) }));
}

/** Closed, served rooms started at/after start and closed by end, by the serving agent's username. */
export async function closedByAgent(db: Db, range: Range, departmentId?: string): Promise<Keyed[]> {
  const res = await sql<{ k: string; c: unknown }>`select r.served_by_username as k, count(*) as c from rooms r
    where r.open = 0 and r.served_by_username is not null and r.created_at >= ${range.start}
      and r.closed_at <= ${range.end} ${dep(departmentId)}
    group by r.served_by_username`.execute(db);
  return res.rows.map((x) => ({ key: x.k, n: n(x.c) }));
}

/** Rooms of a department started in the range, open or closed (`open` 1/0), by department name. */
export async function byDepartmentName(db: Db, range: Range, open: boolean, departmentId?: string): Promise<Keyed[]> {
  const res = await sql<{ k: string; c: unknown }>`select d.name as k, count(*) as c
    from rooms r join departments d on d._id = r.department_id
    where r.open = ${open ? 1 : 0} and ${startedIn(range)} ${dep(departmentId)}
    group by d.name`.execute(db);
  return res.rows.map((x) => ({ key: x.k, n: n(x.c) }));
}

export interface AgentFigure {
  username: string;
  /** Rooms counted. */
  count: number;
  /** Sum (ms, or messages) over them; for `best`, the minimum. */
  total: number;
}

export type AgentMeasure =
  'conversations' | 'chatDuration' | 'messages' | 'firstResponse' | 'bestFirstResponse' | 'responseAvg' | 'reaction';

/** One agent-overview figure per agent over the rooms started in the range (Rocket.Chat's AgentData). */
export async function agentFigures(
  db: Db,
  range: Range,
  measure: AgentMeasure,
  departmentId?: string,
): Promise<AgentFigure[]> {
  const base = sql`from rooms r where ${startedIn(range)} ${dep(departmentId)}`;
  let q: RawBuilder<{ u: string; c: unknown; t: unknown }>;
  switch (measure) {
    case 'conversations':
      q = sql`select r.served_by_username as u, count(*) as c, count(*) as t ${base}
        and r.served_by_username is not null group by r.served_by_username`;
      break;
    case 'chatDuration':
      q = sql`select r.served_by_username as u, count(*) as c, sum(r.closed_at - r.created_at) as t ${base}
        and r.served_by_username is not null and r.closed_at > r.created_at group by r.served_by_username`;
      break;
    case 'messages':
      // A correlated count per room: messages_agent_replies (rid, ts; agent messages) serves it.
      q = sql`select y.u, count(*) as c, sum(y.k) as t
        from (select r.served_by_username as u, (select count(*) from messages m
                where m.rid = r._id and m.t is null and m.token is null) as k ${base}
                and r.served_by_username is not null) y
        where y.k > 0 group by y.u`;
      break;
    case 'firstResponse':
    case 'bestFirstResponse':
      q = sql`select y.u, count(*) as c, ${measure === 'bestFirstResponse' ? sql`min(y.d)` : sql`sum(y.d)`} as t
        from (select ${firstResponder} as u, ${firstReplyTs} - r.created_at as d ${base}) y
        where y.u is not null and y.d > 0 group by y.u`;
      break;
    case 'responseAvg':
      q = sql`select r.served_by_username as u, count(*) as c, sum(ra.a) as t
        from rooms r join (${responseAvgByRoom(range, departmentId)}) ra on ra.rid = r._id
        where r.served_by_username is not null and ra.a > 0 group by r.served_by_username`;
      break;
    case 'reaction':
      q = sql`select r.served_by_username as u, count(*) as c, sum(r.served_by_ts - r.created_at) as t ${base}
        and r.served_by_username is not null and r.served_by_ts > r.created_at group by r.served_by_username`;
      break;
  }
  const res = await q.execute(db);
  return res.rows.map((x) => ({ username: x.u, count: n(x.c), total: n(x.t) }));
}
