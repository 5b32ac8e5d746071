/**
 * The managers' dashboard (issue 13): what is happening now (waiting, open chats, agents) and
 * what happened in a range the page chooses ("today" is the manager's local day, so the browser
 * sends its bounds). Also Rocket.Chat's simple dashboard charts, in its shapes.
 * Read-only: no transaction, each figure is one aggregate query (store/livechat-stats.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Range, Timing } from '../../store/livechat-stats.ts';
import {
  agentCounts,
  agentLoads,
  departmentNames,
  durationClosedIn,
  durationStartedIn,
  firstResponseIn,
  openByDepartment,
  queueByDepartment,
  reactionIn,
  roomsClosedIn,
  roomsStartedIn,
} from '../../store/livechat-stats.ts';
import { fail } from '../../domain/errors.ts';

interface Deps {
  db: Kysely<Database>;
  now(): number;
}

/** A year at most: the range queries walk the rooms of the range. */
const MAX_RANGE_MS = 366 * 24 * 3600 * 1000;

/** Parses Rocket.Chat's `start`/`end` (dates), with its error text for a bad one. */
export function parseRange(start: string | undefined, end: string | undefined, now: number): Range {
  const parse = (v: string | undefined, name: string, fallback: number): number => {
    if (v === undefined || v === '') return fallback;
    const t = Date.parse(v);
    if (Number.isNaN(t)) fail('invalid-params', `The "${name}" query parameter must be a valid date.`);
    return t;
  };
  const d = new Date(now);
  const utcMidnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const s = parse(start, 'start', utcMidnight);
  const e = parse(end, 'end', Math.max(now, s) + 1);
  if (e <= s) fail('invalid-params', 'The "end" query parameter must be after "start".');
  if (e - s > MAX_RANGE_MS) fail('invalid-params', 'The range may span at most 366 days.');
  return { start: s, end: e };
}

export interface Dashboard {
  range: { start: string; end: string };
  generatedAt: string;
  chats: { started: number; closed: number; open: number; queued: number };
  waiting: { count: number; oldestSince: string | null; oldestWaitSeconds: number };
  firstResponse: Timing;
  reaction: Timing;
  chatDuration: Timing;
  agentsStatus: { available: number; away: number; busy: number; offline: number; connected: number };
  agents: {
    _id: string;
    username: string;
    name: string;
    statusLivechat: string;
    online: boolean;
    openChats: number;
  }[];
  departments: { _id: string | null; name: string; open: number; queued: number }[];
}

const round = (t: Timing): Timing => ({ ...t, avg: Math.round(t.avg * 10) / 10, longest: Math.round(t.longest) });

export async function dashboard(s: Deps, range: Range): Promise<Dashboard> {
  const { db } = s;
  const now = s.now();
  // One query after another, not Promise.all: on PostgreSQL each would hold a pool connection
  // the delivery worker may need, for a page that refreshes every few seconds.
  const started = await roomsStartedIn(db, range);
  const closed = await roomsClosedIn(db, range);
  const queue = await queueByDepartment(db);
  const open = await openByDepartment(db);
  const agents = await agentLoads(db);
  const counts = await agentCounts(db);
  const deps = await departmentNames(db);
  const fr = await firstResponseIn(db, range);
  const re = await reactionIn(db, range);
  const dur = await durationClosedIn(db, range);
  const queued = queue.reduce((a, q) => a + q.n, 0);
  const oldest = queue.reduce<number | null>(
    (a, q) => (q.oldest != null && (a == null || q.oldest < a) ? q.oldest : a),
    null,
  );
  const byDep = new Map<string | null, { open: number; queued: number }>();
  for (const o of open) byDep.set(o.department_id, { open: o.n, queued: 0 });
  for (const q of queue) byDep.set(q.department_id, { open: byDep.get(q.department_id)?.open ?? 0, queued: q.n });
  const departments: Dashboard['departments'] = deps
    .filter((d) => d.enabled === 1 || byDep.has(d._id))
    .map((d) => ({ _id: d._id, name: d.name, ...(byDep.get(d._id) ?? { open: 0, queued: 0 }) }));
  const none = byDep.get(null);
  if (none) departments.push({ _id: null, name: 'No department', ...none });
  return {
    range: { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() },
    generatedAt: new Date(now).toISOString(),
    chats: { started: started.total, closed, open: open.reduce((a, o) => a + o.n, 0), queued },
    waiting: {
      count: queued,
      oldestSince: oldest == null ? null : new Date(oldest).toISOString(),
      oldestWaitSeconds: oldest == null ? 0 : Math.max(0, Math.round((now - oldest) / 1000)),
    },
    firstResponse: round(fr),
    reaction: round(re),
    chatDuration: round(dur),
    agentsStatus: {
      available: counts.available,
      away: counts.away,
      busy: 0,
      offline: counts.agents - counts.available - counts.away,
      connected: counts.connected,
    },
    agents: agents.map((a) => ({
      _id: a._id,
      username: a.username,
      name: a.name,
      statusLivechat: a.status_livechat,
      online: a.online === 1,
      openChats: a.open_chats,
    })),
    departments,
  };
}

/** Rocket.Chat's charts/chats: the rooms started in the range by state (we have no on-hold). */
export async function chartsChats(s: Deps, range: Range, departmentId?: string) {
  const r = await roomsStartedIn(s.db, range, departmentId);
  return { open: r.open, closed: r.closed, queued: r.queued, onhold: 0 };
}

/**
 * Rocket.Chat's charts/agents-status. Its `away` and `busy` are the user's chat status with
 * livechat available; ours has no such status, so `away` is "available but not connected"
 * (routing skips them, as Rocket.Chat's skips away agents) and `busy` is always 0.
 */
export async function chartsAgentsStatus(s: Deps, departmentId?: string) {
  const c = await agentCounts(s.db, departmentId);
  return { offline: c.agents - c.available - c.away, away: c.away, busy: 0, available: c.available };
}

/** Rocket.Chat's charts/timings: averages and maxima (seconds) over the rooms started in the range. */
export async function chartsTimings(s: Deps, range: Range, departmentId?: string) {
  const response = await firstResponseIn(s.db, range, departmentId);
  const reaction = await reactionIn(s.db, range, departmentId);
  const chatDuration = await durationStartedIn(s.db, range, departmentId);
  const pick = (t: Timing) => ({ avg: t.avg, longest: t.longest });
  return { response: pick(response), reaction: pick(reaction), chatDuration: pick(chatDuration) };
}
