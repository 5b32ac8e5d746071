/**
 * Business hours: a weekly schedule in an IANA time zone, evaluated purely (no I/O, no clock of
 * its own: the caller passes `now`). Rocket.Chat's model (apps/meteor/app/livechat/server/
 * business-hour/LivechatBusinessHours.ts, AbstractBusinessHour.ts): one row per weekday, each
 * open or closed with a start and a finish wall-clock time ("HH:mm") in the schedule's time zone.
 *
 * Rocket.Chat flips agents' statusLivechat from cron jobs at each start and finish, and re-saves
 * schedules when daylight saving changes. We evaluate the wall clock of the time zone at the
 * moment it matters (routing, `livechat/config`), through Intl, so DST and server time zones
 * need no jobs and several processes agree without coordination.
 *
 * Two choices beyond Rocket.Chat, both so a shop can say what it means:
 * - a finish at or before the start runs past midnight into the next day (22:00 to 02:00);
 *   Rocket.Chat refuses it (error-business-hour-finish-time-before-start-time); equal times are
 *   refused as Rocket.Chat does;
 * - a finish of 23:59 means the end of the day, so 00:00 to 23:59 is open all day, without the
 *   one-minute gap Rocket.Chat's form leaves.
 */

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type BusinessHourType = 'default' | 'custom';

/** One weekday of a schedule, as stored and as a save request sends it. */
export interface WorkDay {
  day: Weekday;
  open: boolean;
  /** "HH:mm", wall clock in the schedule's time zone. */
  start: string;
  finish: string;
}

export interface Schedule {
  timezone: string;
  workHours: readonly WorkDay[];
}

const MINUTES_PER_DAY = 24 * 60;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isWeekday(s: string): s is Weekday {
  return (WEEKDAYS as readonly string[]).includes(s);
}

/** Minutes since midnight of "HH:mm", or undefined when it is not a time of day. */
export function parseTime(s: string): number | undefined {
  const m = TIME.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** The canonical name of a time zone Intl knows (e.g. "utc" -> "UTC"), or undefined. */
export function canonicalTimezone(name: string): string | undefined {
  if (!name || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Rocket.Chat's default business hour: Monday to Friday 08:00 to 20:00, the weekend closed. */
export function defaultWorkHours(): WorkDay[] {
  return WEEKDAYS.map((day) => ({
    day,
    open: day !== 'Saturday' && day !== 'Sunday',
    start: '08:00',
    finish: '20:00',
  }));
}

/** Why a day cannot be saved, as Rocket.Chat's error id, or undefined when it can. */
export function workDayError(
  d: WorkDay,
): 'invalid-time' | 'error-business-hour-finish-time-equals-start-time' | undefined {
  const start = parseTime(d.start);
  const finish = parseTime(d.finish);
  if (start === undefined || finish === undefined) return 'invalid-time';
  if (d.open && start === finish) return 'error-business-hour-finish-time-equals-start-time';
  return undefined;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      weekday: 'long',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall clock of `timezone` at `now`: weekday index (0 = Monday), minute of the day, offset. */
export function wallClock(now: number, timezone: string): { day: number; minute: number; offsetMinutes: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timezone).formatToParts(new Date(now))) parts[p.type] = p.value;
  const hour = Number(parts.hour) % 24;
  const minute = hour * 60 + Number(parts.minute);
  const day = WEEKDAYS.indexOf(parts.weekday as Weekday);
  // The offset is the wall clock read as if it were UTC, minus the instant (whole minutes).
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    hour,
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMinutes = Math.round((asUtc - Math.floor(now / 1000) * 1000) / 60_000);
  return { day, minute, offsetMinutes };
}

/** A day's open window in minutes from its own midnight; finish may pass 1440 (overnight). */
function window(d: WorkDay): { start: number; finish: number } | undefined {
  const start = parseTime(d.start);
  let finish = parseTime(d.finish);
  if (!d.open || start === undefined || finish === undefined || start === finish) return undefined;
  if (finish === MINUTES_PER_DAY - 1) finish = MINUTES_PER_DAY; // 23:59 closes at midnight
  if (finish <= start) finish += MINUTES_PER_DAY; // past midnight into the next day
  return { start, finish };
}

/** True when the schedule is open at `now` (a Date.now() value). */
export function isOpenAt(s: Schedule, now: number): boolean {
  const { day, minute } = wallClock(now, s.timezone);
  const today = WEEKDAYS[day];
  const yesterday = WEEKDAYS[(day + 6) % 7];
  for (const d of s.workHours) {
    const w = window(d);
    if (!w) continue;
    if (d.day === today && minute >= w.start && minute < w.finish) return true;
    // yesterday's window that runs past midnight
    if (d.day === yesterday && w.finish > MINUTES_PER_DAY && minute < w.finish - MINUTES_PER_DAY) return true;
  }
  return false;
}

/** "+02:00" / "-03:30", Rocket.Chat's `timezone.utc` (moment's format('Z')). */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** A weekday and time moved by `deltaMinutes` (wrapping around the week). */
export function shiftDayTime(day: Weekday, time: string, deltaMinutes: number): { dayOfWeek: Weekday; time: string } {
  const base = WEEKDAYS.indexOf(day) * MINUTES_PER_DAY + (parseTime(time) ?? 0);
  const week = 7 * MINUTES_PER_DAY;
  const t = (((base + deltaMinutes) % week) + week) % week;
  const m = t % MINUTES_PER_DAY;
  return {
    dayOfWeek: WEEKDAYS[Math.floor(t / MINUTES_PER_DAY)]!,
    time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
  };
}

interface RcTime {
  time: string;
  utc: { dayOfWeek: Weekday; time: string };
  cron: { dayOfWeek: Weekday; time: string };
}

/** A weekday as Rocket.Chat answers it (ILivechatBusinessHour's workHours item). */
export interface RcWorkHour {
  day: Weekday;
  start: RcTime;
  finish: RcTime;
  /** 1 = Monday ... 7 = Sunday, as Rocket.Chat numbers them. */
  code: number;
  open: boolean;
}

/**
 * Rocket.Chat's workHours answer: each time also in UTC and in the server's zone (`cron`), with
 * the offsets in force at `now`, so they are right on both sides of a DST change.
 */
export function rcWorkHours(s: Schedule, now: number, serverTimezone: string): RcWorkHour[] {
  const offset = wallClock(now, s.timezone).offsetMinutes;
  const serverOffset = wallClock(now, serverTimezone).offsetMinutes;
  const at = (day: Weekday, time: string): RcTime => ({
    time,
    utc: shiftDayTime(day, time, -offset),
    cron: shiftDayTime(day, time, serverOffset - offset),
  });
  return WEEKDAYS.map((day, i) => {
    const d = s.workHours.find((w) => w.day === day) ?? { day, open: false, start: '00:00', finish: '00:00' };
    return { day, start: at(day, d.start), finish: at(day, d.finish), code: i + 1, open: d.open };
  });
}
