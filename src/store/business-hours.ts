/**
 * Business hours' rows (migration 0021, Rocket.Chat's livechat_business_hours) and which
 * department follows which (Rocket.Chat's department.businessHourId, kept in a table of its own
 * keyed by department, so a department has at most one and the departments table stays as it is).
 * The tables' types are declared here, next to their only reader and writer.
 */
import type { Kysely, Migration } from 'kysely';
import type { Database } from './schema.ts';
import { parseJson } from './mappers.ts';
import { lowerContains } from './text.ts';
import { newId } from '../domain/ids.ts';
import { defaultWorkHours } from '../domain/business-hours.ts';
import type { BusinessHourType, WorkDay } from '../domain/business-hours.ts';

export interface BusinessHoursTable {
  _id: string;
  name: string;
  type: string; // 'default' | 'custom'
  active: number;
  timezone: string; // IANA name
  work_hours: string; // JSON WorkDay[]
  created_at: number;
  updated_at: number;
}

export interface BusinessHourDepartmentsTable {
  department_id: string;
  business_hour_id: string;
}

// a type alias, not an interface: withTables needs an index-compatible record
type Tables = {
  business_hours: BusinessHoursTable;
  business_hour_departments: BusinessHourDepartmentsTable;
};

type Db = Kysely<Database>;
const tables = (db: Db) => db.withTables<Tables>();

/** A business hour as stored; services/business-hours.ts shapes Rocket.Chat's answer from it. */
export interface BusinessHourRecord {
  _id: string;
  name: string;
  type: BusinessHourType;
  active: boolean;
  timezone: string;
  workHours: WorkDay[];
  createdAt: number;
  updatedAt: number;
}

function toRecord(r: BusinessHoursTable): BusinessHourRecord {
  return {
    _id: r._id,
    name: r.name,
    type: r.type === 'custom' ? 'custom' : 'default',
    active: Number(r.active) === 1,
    timezone: r.timezone,
    workHours: parseJson<WorkDay[]>(r.work_hours, []),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/**
 * Migration 0021: both tables, and the default business hour Rocket.Chat creates at start
 * (createDefaultBusinessHourIfNotExists) in the server's time zone, so it always exists.
 */
export function businessHoursMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('business_hours')
        .addColumn('_id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('type', 'text', (col) => col.notNull())
        .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('timezone', 'text', (col) => col.notNull())
        .addColumn('work_hours', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('updated_at', 'bigint', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('business_hours_type_name').on('business_hours').columns(['type', 'name']).execute();
      await db.schema
        .createTable('business_hour_departments')
        .addColumn('department_id', 'text', (col) => col.primaryKey())
        .addColumn('business_hour_id', 'text', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('business_hour_departments_bh')
        .on('business_hour_departments')
        .column('business_hour_id')
        .execute();
      const now = Date.now();
      await (db as Kysely<Tables>)
        .insertInto('business_hours')
        .values({
          _id: newId(),
          name: '',
          type: 'default',
          active: 1,
          timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
          work_hours: JSON.stringify(defaultWorkHours()),
          created_at: now,
          updated_at: now,
        })
        .execute();
    },
  };
}

export async function defaultBusinessHour(db: Db): Promise<BusinessHourRecord | undefined> {
  const r = await tables(db)
    .selectFrom('business_hours')
    .selectAll()
    .where('type', '=', 'default')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function businessHourById(db: Db, id: string): Promise<BusinessHourRecord | undefined> {
  const r = await tables(db).selectFrom('business_hours').selectAll().where('_id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function businessHourByName(db: Db, name: string): Promise<BusinessHourRecord | undefined> {
  const r = await tables(db).selectFrom('business_hours').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** The schedule a department follows: its own active custom one, else none (the caller uses the default). */
export async function departmentBusinessHour(db: Db, departmentId: string): Promise<BusinessHourRecord | undefined> {
  const r = await tables(db)
    .selectFrom('business_hour_departments as d')
    .innerJoin('business_hours as b', 'b._id', 'd.business_hour_id')
    .selectAll('b')
    .where('d.department_id', '=', departmentId)
    .where('b.active', '=', 1)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** Business hours by name (Rocket.Chat's sort), `name` matching anywhere, case-insensitively. */
export async function listBusinessHours(
  db: Db,
  opts: { name?: string; offset: number; count: number; descending?: boolean },
): Promise<{ rows: BusinessHourRecord[]; total: number }> {
  let q = tables(db).selectFrom('business_hours');
  if (opts.name) q = q.where(lowerContains('name', opts.name));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('name', opts.descending ? 'desc' : 'asc')
    .orderBy('created_at')
    .offset(opts.offset)
    .limit(opts.count)
    .execute();
  return { rows: rows.map(toRecord), total: Number(total.n) };
}

/** The departments (id and name) that follow each of the given business hours. */
export async function departmentsOf(
  db: Db,
  businessHourIds: readonly string[],
): Promise<Map<string, { _id: string; name: string }[]>> {
  const out = new Map<string, { _id: string; name: string }[]>();
  if (businessHourIds.length === 0) return out;
  const rows = await tables(db)
    .selectFrom('business_hour_departments as d')
    .innerJoin('departments as dep', 'dep._id', 'd.department_id')
    .select(['d.business_hour_id', 'dep._id', 'dep.name'])
    .where('d.business_hour_id', 'in', [...businessHourIds])
    .orderBy('dep.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.business_hour_id) ?? [];
    list.push({ _id: r._id, name: r.name });
    out.set(r.business_hour_id, list);
  }
  return out;
}

export interface BusinessHourWrite {
  name: string;
  type: BusinessHourType;
  active: boolean;
  timezone: string;
  workHours: WorkDay[];
}

/** Inserts (no id) or updates a business hour; returns its id. */
export async function writeBusinessHour(
  db: Db,
  id: string | undefined,
  w: BusinessHourWrite,
  now: number,
): Promise<string> {
  const cols = {
    name: w.name,
    type: w.type,
    active: w.active ? 1 : 0,
    timezone: w.timezone,
    work_hours: JSON.stringify(w.workHours),
    updated_at: now,
  };
  if (id) {
    await tables(db).updateTable('business_hours').set(cols).where('_id', '=', id).execute();
    return id;
  }
  const _id = newId();
  await tables(db)
    .insertInto('business_hours')
    .values({ _id, ...cols, created_at: now })
    .execute();
  return _id;
}

/** Makes exactly `departmentIds` follow the business hour (a department leaves any other it had). */
export async function setBusinessHourDepartments(db: Db, id: string, departmentIds: readonly string[]): Promise<void> {
  await tables(db).deleteFrom('business_hour_departments').where('business_hour_id', '=', id).execute();
  if (departmentIds.length === 0) return;
  await tables(db)
    .deleteFrom('business_hour_departments')
    .where('department_id', 'in', [...departmentIds])
    .execute();
  await tables(db)
    .insertInto('business_hour_departments')
    .values(departmentIds.map((department_id) => ({ department_id, business_hour_id: id })))
    .execute();
}

export async function deleteBusinessHour(db: Db, id: string): Promise<void> {
  await tables(db).deleteFrom('business_hour_departments').where('business_hour_id', '=', id).execute();
  await tables(db).deleteFrom('business_hours').where('_id', '=', id).execute();
}

/** Which of the ids are departments that exist. */
export async function existingDepartments(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('departments')
    .select('_id')
    .where('_id', 'in', [...ids])
    .execute();
  return rows.map((r) => r._id);
}
