/**
 * Rocket.Chat's analytics reports, in its shapes: the Analytics page's overview and agent
 * overview (apps/meteor/server/services/omnichannel-analytics/OverviewData.ts and AgentData.ts)
 * and the Real-time Monitoring page's totalizers and charts
 * (apps/meteor/app/livechat/server/lib/analytics/dashboards.ts). Titles are Rocket.Chat's i18n
 * keys, values are formatted as it formats them (`HH:MM:SS`, `12.50%`, `3PM - 4PM`), so a client
 * that translates the keys renders our answers unchanged.
 *
 * Times are UTC: Rocket.Chat uses the caller's utcOffset; our users carry none.
 * Read-only: one aggregate query at a time, no transaction (store/livechat-analytics.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Range } from '../../store/livechat-stats.ts';
import type { AgentMeasure, DepartmentAverage } from '../../store/livechat-analytics.ts';
import {
  abandonedByDepartment,
  agentFigures,
  byDepartmentName,
  chatDurationByDepartment,
  closedByAgent,
  conversationCounts,
  messagesByStartHour,
  openByAgent,
  productivitySums,
  serviceTimeByDepartment,
  visitorsSeenIn,
  waitingByDepartment,
} from '../../store/livechat-analytics.ts';

interface Deps {
  db: Kysely<Database>;
  settings: { read(id: string): unknown };
}

export type { Range };

export interface Totalizer {
  title: string;
  value: string | number;
}

const DAY = 24 * 3600 * 1000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Rocket.Chat's secondsToHHMMSS (lib/utils/secondsToHHMMSS.ts). */
export function hhmmss(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec - h * 3600) / 60);
  const s = Math.round(sec - h * 3600 - m * 60);
  return [h, m, s].map((x) => String(x).padStart(2, '0')).join(':');
}

/** Rocket.Chat formats an average with toFixed(2) before HH:MM:SS; ms in, text out. */
const avgText = (totalMs: number, count: number): string =>
  hhmmss(count ? Number((totalMs / count / 1000).toFixed(2)) : 0);

/** `3PM` for hour 15 (moment's 'hA'). */
function hourLabel(h: number): string {
  const x = ((h % 24) + 24) % 24;
  return `${x % 12 === 0 ? 12 : x % 12}${x < 12 ? 'AM' : 'PM'}`;
}

/** The whole UTC days the range touches: the overview reports count whole days, as Rocket.Chat's do. */
export function wholeDays(range: Range): Range {
  const start = Math.floor(range.start / DAY) * DAY;
  const end = Math.floor(range.end / DAY) * DAY + DAY - 1;
  return { start, end };
}

/**
 * Parses the overview's `from`/`to` (YYYY-MM-DD) into whole UTC days; undefined when either is
 * not a date, where Rocket.Chat answers with an empty success.
 */
export function dayRange(from: string, to: string): Range | undefined {
  const day = (v: string) => (/^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(`${v.slice(0, 10)}T00:00:00Z`) : NaN);
  const f = day(from);
  const t = day(to);
  if (Number.isNaN(f) || Number.isNaN(t)) return undefined;
  return { start: f, end: t + DAY - 1 };
}

/** Rocket.Chat's Conversations overview over whole days. */
export async function conversationsOverview(s: Deps, days: Range, departmentId?: string): Promise<Totalizer[]> {
  const c = await conversationCounts(s.db, days, departmentId);
  const hours = await messagesByStartHour(s.db, days, departmentId);
  // Busiest day: the day whose rooms carry the most messages (first such day wins); then its busiest hour.
  const byDay = new Map<number, Map<number, number>>();
  for (const h of hours) {
    const d = Math.floor(h.hour / 24);
    const m = byDay.get(d) ?? new Map<number, number>();
    m.set(h.hour % 24, (m.get(h.hour % 24) ?? 0) + h.messages);
    byDay.set(d, m);
  }
  let busiestDay: number | undefined;
  let most = -1;
  for (const [d, m] of [...byDay].sort((a, b) => a[0] - b[0])) {
    const sum = [...m.values()].reduce((a, b) => a + b, 0);
    if (sum > most) {
      most = sum;
      busiestDay = d;
    }
  }
  let busiestHour = -1;
  let max = 0;
  for (const [h, v] of [...(busiestDay === undefined ? [] : (byDay.get(busiestDay) ?? []))].sort((a, b) => a[0] - b[0]))
    if (v > max) {
      max = v;
      busiestHour = h;
    }
  const numberOfDays = Math.floor((days.end - days.start) / DAY) + 1;
  return [
    { title: 'Total_conversations', value: c.total },
    { title: 'Open_conversations', value: c.open },
    // Omnihook has no on-hold state (an Enterprise feature in Rocket.Chat).
    { title: 'On_Hold_conversations', value: 0 },
    { title: 'Total_messages', value: c.messages },
    {
      title: 'Busiest_day',
      value: busiestDay === undefined ? '-' : (WEEKDAYS[new Date(busiestDay * DAY).getUTCDay()] ?? '-'),
    },
    { title: 'Conversations_per_day', value: (c.total / numberOfDays).toFixed(2) },
    {
      title: 'Busiest_time',
      value: busiestHour >= 0 ? `${hourLabel(busiestHour)} - ${hourLabel(busiestHour + 1)}` : '-',
    },
  ];
}

/** Rocket.Chat's Productivity overview: averages over the rooms an agent took and answered. */
export async function productivityOverview(s: Deps, days: Range, departmentId?: string): Promise<Totalizer[]> {
  const p = await productivitySums(s.db, days, departmentId);
  return [
    { title: 'Avg_response_time', value: avgText(p.responseAvg, p.count) },
    { title: 'Avg_first_response_time', value: avgText(p.firstResponse, p.count) },
    { title: 'Avg_reaction_time', value: avgText(p.reaction, p.count) },
  ];
}

export const OVERVIEW_NAMES = ['Conversations', 'Productivity'] as const;

/** livechat/analytics/overview: undefined for a name Rocket.Chat does not know (it answers `{ success: true }`). */
export function overview(s: Deps, name: string, days: Range, departmentId?: string): Promise<Totalizer[]> | undefined {
  if (name === 'Conversations') return conversationsOverview(s, days, departmentId);
  if (name === 'Productivity') return productivityOverview(s, days, departmentId);
  return undefined;
}

/** The agent-overview names, each with its column title, what it measures and its order. */
const AGENT_CHARTS: Record<string, { head: string; measure: AgentMeasure; descending: boolean }> = {
  Total_conversations: { head: '%_of_conversations', measure: 'conversations', descending: true },
  Avg_chat_duration: { head: 'Avg_chat_duration', measure: 'chatDuration', descending: true },
  Total_messages: { head: 'Total_messages', measure: 'messages', descending: true },
  Avg_first_response_time: { head: 'Avg_first_response_time', measure: 'firstResponse', descending: false },
  Best_first_response_time: { head: 'Best_first_response_time', measure: 'bestFirstResponse', descending: false },
  Avg_response_time: { head: 'Avg_response_time', measure: 'responseAvg', descending: false },
  Avg_reaction_time: { head: 'Avg_reaction_time', measure: 'reaction', descending: false },
};

export interface AgentOverview {
  head: { name: string }[];
  data: { name: string; value: string | number }[];
}

/** livechat/analytics/agent-overview: undefined for an unknown name, as Rocket.Chat. */
export async function agentOverview(
  s: Deps,
  name: string,
  days: Range,
  departmentId?: string,
): Promise<AgentOverview | undefined> {
  const chart = Object.hasOwn(AGENT_CHARTS, name) ? AGENT_CHARTS[name] : undefined;
  if (!chart) return undefined;
  const rows = await agentFigures(s.db, days, chart.measure, departmentId);
  const all = rows.reduce((a, r) => a + r.count, 0);
  const data = rows.map((r) => {
    switch (chart.measure) {
      case 'conversations':
        return { name: r.username, value: `${((r.count / all) * 100).toFixed(2)}%` };
      case 'messages':
        return { name: r.username, value: r.total };
      case 'bestFirstResponse':
        return { name: r.username, value: hhmmss(Number((r.total / 1000).toFixed(2))) };
      default:
        return { name: r.username, value: avgText(r.total, r.count) };
    }
  });
  // Rocket.Chat sorts by parseFloat(value): 'HH:MM:SS' sorts by its hours; ties keep the name order.
  data.sort((a, b) => a.name.localeCompare(b.name));
  const key = (v: string | number) => (typeof v === 'number' ? v : parseFloat(v));
  data.sort((a, b) => (chart.descending ? key(b.value) - key(a.value) : key(a.value) - key(b.value)));
  return { head: [{ name: 'Agent' }, { name: chart.head }], data };
}

/** The mean of per-department averages, as Rocket.Chat's totalizers compute them. */
const meanOf = (rows: DepartmentAverage[]): number =>
  rows.length ? rows.reduce((a, r) => a + r.value, 0) / rows.length : 0;

/** dashboards/conversation-totalizers. */
export async function conversationTotalizers(s: Deps, range: Range, departmentId?: string): Promise<Totalizer[]> {
  const keep = new Set(['Total_conversations', 'Open_conversations', 'On_Hold_conversations', 'Total_messages']);
  const conv = (await conversationsOverview(s, wholeDays(range), departmentId)).filter((t) => keep.has(t.title));
  return [...conv, { title: 'Total_visitors', value: await visitorsSeenIn(s.db, range, departmentId) }];
}

/** dashboards/agents-productivity-totalizers. */
export async function agentsProductivityTotalizers(s: Deps, range: Range, departmentId?: string): Promise<Totalizer[]> {
  const service = await serviceTimeByDepartment(s.db, range, departmentId);
  const conv = await conversationsOverview(s, wholeDays(range), departmentId);
  return [
    ...conv.filter((t) => t.title === 'Busiest_time'),
    // Rocket.Chat measures agents' available time from its agent-activity log; Omnihook keeps none.
    { title: 'Avg_of_available_service_time', value: hhmmss(0) },
    { title: 'Avg_of_service_time', value: hhmmss(meanOf(service)) },
  ];
}

/** dashboards/chats-totalizers: abandonment follows Livechat_visitor_inactivity_timeout. */
export async function chatsTotalizers(s: Deps, range: Range, departmentId?: string): Promise<Totalizer[]> {
  const timeoutS = Number(s.settings.read('Livechat_visitor_inactivity_timeout') ?? 3600);
  const abandoned = await abandonedByDepartment(s.db, range, timeoutS * 1000, departmentId);
  const duration = await chatDurationByDepartment(s.db, range, departmentId);
  const pct = abandoned.length ? abandoned.reduce((a, r) => a + r.percentage, 0) / abandoned.length : 0;
  return [
    { title: 'Total_abandoned_chats', value: abandoned.reduce((a, r) => a + r.abandoned, 0) },
    { title: 'Avg_of_abandoned_chats', value: `${pct}%` },
    { title: 'Avg_of_chat_duration_time', value: hhmmss(meanOf(duration)) },
  ];
}

/** dashboards/productivity-totalizers. */
export async function productivityTotalizers(s: Deps, range: Range, departmentId?: string): Promise<Totalizer[]> {
  const prod = await productivityOverview(s, wholeDays(range), departmentId);
  const waiting = await waitingByDepartment(s.db, range, departmentId);
  return [...prod, { title: 'Avg_of_waiting_time', value: hhmmss(meanOf(waiting)) }];
}

export type ChatsPerAgent = Record<string, { open: number; closed: number; onhold?: number }>;

/**
 * dashboards/charts/chats-per-agent, keyed by username. Rocket.Chat builds it in three passes and
 * the closed pass drops `onhold`; we keep that shape (an agent with closed chats has no `onhold`).
 */
export async function chatsPerAgent(s: Deps, range: Range, departmentId?: string): Promise<ChatsPerAgent> {
  const out: ChatsPerAgent = {};
  for (const o of await openByAgent(s.db, range, departmentId)) out[o.key] = { open: o.n, closed: 0, onhold: 0 };
  for (const c of await closedByAgent(s.db, range, departmentId))
    out[c.key] = { open: out[c.key]?.open ?? 0, closed: c.n };
  return out;
}

/** dashboards/charts/chats-per-department, keyed by department name. */
export async function chatsPerDepartment(
  s: Deps,
  range: Range,
  departmentId?: string,
): Promise<Record<string, { open: number; closed: number }>> {
  const out: Record<string, { open: number; closed: number }> = {};
  for (const o of await byDepartmentName(s.db, range, true, departmentId)) out[o.key] = { open: o.n, closed: 0 };
  for (const c of await byDepartmentName(s.db, range, false, departmentId))
    out[c.key] = { open: out[c.key]?.open ?? 0, closed: c.n };
  return out;
}
