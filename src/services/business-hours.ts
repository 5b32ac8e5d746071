/**
 * Business hours (Livechat_enable_business_hours): the global (default) schedule and custom ones
 * that departments follow, in Rocket.Chat's shapes (ILivechatBusinessHour), and the gate routing
 * and `livechat/config` ask: is this department (or, with none, the shop) open now?
 *
 * Rocket.Chat applies hours by flipping agents' statusLivechat from cron jobs, so routing skips
 * them and `livechat/config` says offline. We ask the schedule at the moment of routing instead:
 * an agent's own available / not-available choice is never overwritten, nothing needs a job, and
 * processes sharing PostgreSQL agree because they read the same rows and clock.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import type { SettingsService } from './settings.ts';
import { inTx } from './tx.ts';
import { fail } from '../domain/errors.ts';
import {
  canonicalTimezone,
  formatOffset,
  isOpenAt,
  rcWorkHours,
  wallClock,
  workDayError,
  WEEKDAYS,
} from '../domain/business-hours.ts';
import type { BusinessHourType, RcWorkHour, WorkDay } from '../domain/business-hours.ts';
import {
  businessHourById,
  businessHourByName,
  defaultBusinessHour,
  deleteBusinessHour,
  departmentBusinessHour,
  departmentsOf,
  existingDepartments,
  listBusinessHours,
  setBusinessHourDepartments,
  writeBusinessHour,
} from '../store/business-hours.ts';
import type { BusinessHourRecord } from '../store/business-hours.ts';

/** Rocket.Chat's ILivechatBusinessHour as its REST answers carry it. */
export interface RcBusinessHour {
  _id: string;
  name: string;
  active: boolean;
  type: BusinessHourType;
  timezone: { name: string; utc: string };
  ts: Date;
  workHours: RcWorkHour[];
  _updatedAt: Date;
  departments?: { _id: string; name: string }[];
}

/** A save, shaped like Rocket.Chat's livechat:saveBusinessHour argument. */
export interface BusinessHourSave {
  _id?: string;
  type: BusinessHourType;
  name?: string;
  active?: boolean;
  timezone: string;
  workHours: WorkDay[];
  /** Department ids (custom ones only); Rocket.Chat sends them comma-separated. */
  departments?: string[];
}

export interface BusinessHoursDeps {
  store: Store;
  db: Kysely<Database>;
  settings: Pick<SettingsService, 'read'>;
  now(): number;
}

export function businessHoursEnabled(settings: Pick<SettingsService, 'read'>): boolean {
  return settings.read('Livechat_enable_business_hours') === true;
}

/**
 * True when chats may be routed for the department now: business hours are off, or the schedule
 * it follows (its own active custom one, else the default) is open. An inactive default limits
 * nothing. One small read, and only while business hours are on.
 */
export async function withinBusinessHours(
  db: Kysely<Database>,
  deps: { settings: Pick<SettingsService, 'read'>; now(): number },
  departmentId: string | null | undefined,
): Promise<boolean> {
  if (!businessHoursEnabled(deps.settings)) return true;
  const bh =
    (departmentId ? await departmentBusinessHour(db, departmentId) : undefined) ?? (await defaultBusinessHour(db));
  if (!bh || !bh.active) return true;
  return isOpenAt(bh, deps.now());
}

const SERVER_TIMEZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export class BusinessHoursService {
  constructor(private readonly deps: BusinessHoursDeps) {}

  private shape(r: BusinessHourRecord, departments?: { _id: string; name: string }[]): RcBusinessHour {
    const now = this.deps.now();
    return {
      _id: r._id,
      name: r.name,
      active: r.active,
      type: r.type,
      timezone: { name: r.timezone, utc: formatOffset(wallClock(now, r.timezone).offsetMinutes) },
      ts: new Date(r.createdAt),
      workHours: rcWorkHours(r, now, SERVER_TIMEZONE),
      _updatedAt: new Date(r.updatedAt),
      ...(departments && departments.length > 0 ? { departments } : {}),
    };
  }

  /**
   * Rocket.Chat's livechat/business-hour: the default one (no type, or type default), or a
   * custom one by id with its departments; null when there is none (a custom type without id).
   */
  async get(id: string | undefined, type: BusinessHourType | undefined): Promise<RcBusinessHour | null> {
    if ((type ?? 'default') === 'default') {
      const d = await defaultBusinessHour(this.deps.db);
      return d ? this.shape(d) : null;
    }
    if (!id) return null;
    const r = await businessHourById(this.deps.db, id);
    if (!r || r.type !== 'custom') return null;
    return this.shape(r, (await departmentsOf(this.deps.db, [r._id])).get(r._id) ?? []);
  }

  /** Rocket.Chat's livechat/business-hours (Enterprise there): all of them, by name, paged. */
  async list(opts: {
    name?: string;
    offset: number;
    count: number;
    descending?: boolean;
  }): Promise<{ businessHours: RcBusinessHour[]; total: number }> {
    const { rows, total } = await listBusinessHours(this.deps.db, opts);
    const deps = await departmentsOf(
      this.deps.db,
      rows.map((r) => r._id),
    );
    return { businessHours: rows.map((r) => this.shape(r, deps.get(r._id))), total };
  }

  /** Creates or updates a schedule; validation as Rocket.Chat's save, plus a known time zone. */
  async save(input: BusinessHourSave): Promise<RcBusinessHour> {
    const timezone = canonicalTimezone(input.timezone);
    if (!timezone) fail('error-invalid-timezone', `Unknown time zone ${input.timezone}`);
    const workHours = normalizeWorkHours(input.workHours);
    const name = input.type === 'custom' ? (input.name ?? '').trim() : '';
    if (input.type === 'custom' && !name) fail('error-business-hour-name-required', 'A business hour needs a name');
    const id = await inTx(this.deps.store, async (tx) => {
      let existing: BusinessHourRecord | undefined;
      if (input.type === 'default') {
        existing = await defaultBusinessHour(tx.db);
        if (input._id && existing && input._id !== existing._id)
          fail('error-invalid-business-hour', 'That is not the default business hour');
      } else if (input._id) {
        existing = await businessHourById(tx.db, input._id);
        if (!existing || existing.type !== 'custom') fail('error-invalid-business-hour', 'Unknown business hour');
      }
      if (input.type === 'custom') {
        const same = await businessHourByName(tx.db, name);
        if (same && same._id !== existing?._id)
          fail('error-business-hour-name-already-in-use', 'The business hour name is already in use');
      }
      const saved = await writeBusinessHour(
        tx.db,
        existing?._id,
        { name, type: input.type, active: input.active ?? existing?.active ?? true, timezone, workHours },
        this.deps.now(),
      );
      if (input.type === 'custom' && input.departments) {
        const wanted = [...new Set(input.departments)];
        const known = await existingDepartments(tx.db, wanted);
        const unknown = wanted.find((d) => !known.includes(d));
        if (unknown) fail('error-department-not-found', `Unknown department ${unknown}`);
        await setBusinessHourDepartments(tx.db, saved, wanted);
      }
      return saved;
    });
    const out = await this.get(id, input.type);
    if (!out) fail('error-invalid-business-hour', 'Unknown business hour');
    return out;
  }

  /** Removes a custom schedule; its departments follow the default one again. */
  async remove(id: string, type: BusinessHourType): Promise<void> {
    if (type !== 'custom') fail('error-invalid-business-hour', 'The default business hour cannot be removed');
    await inTx(this.deps.store, async (tx) => {
      const r = await businessHourById(tx.db, id);
      if (!r || r.type !== 'custom') fail('error-invalid-business-hour', 'Unknown business hour');
      await deleteBusinessHour(tx.db, id);
    });
  }
}

/** Exactly one row per weekday, in week order; a day not sent is closed. */
function normalizeWorkHours(input: readonly WorkDay[]): WorkDay[] {
  const byDay = new Map<string, WorkDay>();
  for (const d of input) {
    if (byDay.has(d.day)) fail('invalid-params', `${d.day} is given twice`);
    const err = workDayError(d);
    if (err === 'invalid-time') fail('invalid-params', `${d.day}: times are HH:mm, 00:00 to 23:59`);
    if (err) fail(err, `${d.day}: the finish time equals the start time`);
    byDay.set(d.day, { day: d.day, open: d.open, start: d.start, finish: d.finish });
  }
  return WEEKDAYS.map((day) => byDay.get(day) ?? { day, open: false, start: '08:00', finish: '20:00' });
}
