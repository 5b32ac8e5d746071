/**
 * The trigger table (migration 0020, Rocket.Chat's livechat_trigger) and its Rocket.Chat shape.
 * Conditions and actions are small JSON lists kept as text, so both dialects store them alike.
 * The table's type is declared here, next to its only reader and writer.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { parseJson } from './mappers.ts';
import type { Trigger, TriggerAction, TriggerCondition, TriggerInput } from '../domain/triggers.ts';

export interface LivechatTriggersTable {
  _id: string;
  name: string;
  description: string;
  enabled: number;
  run_once: number;
  conditions: string; // JSON TriggerCondition[]
  actions: string; // JSON TriggerAction[]
  created_at: number;
  updated_at: number;
}

type Db = Kysely<Database>;
const tables = (db: Db) => db.withTables<{ livechat_triggers: LivechatTriggersTable }>();

function toTrigger(r: LivechatTriggersTable): Trigger {
  return {
    _id: r._id,
    name: r.name,
    description: r.description,
    enabled: Number(r.enabled) === 1,
    runOnce: Number(r.run_once) === 1,
    conditions: parseJson<TriggerCondition[]>(r.conditions, []),
    actions: parseJson<TriggerAction[]>(r.actions, []),
    _updatedAt: new Date(Number(r.updated_at)),
  };
}

function columns(input: TriggerInput, now: number) {
  return {
    name: input.name,
    description: input.description,
    enabled: input.enabled ? 1 : 0,
    run_once: input.runOnce ? 1 : 0,
    conditions: JSON.stringify(input.conditions),
    actions: JSON.stringify(input.actions),
    updated_at: now,
  };
}

export type TriggerSortKey = 'name' | '_id' | 'enabled' | 'description';
export const isTriggerSortKey = (k: string): k is TriggerSortKey =>
  k === 'name' || k === '_id' || k === 'enabled' || k === 'description';

export async function listTriggers(
  db: Db,
  opts: { offset: number; count: number; sort: { key: TriggerSortKey; dir: 'asc' | 'desc' } },
): Promise<{ triggers: Trigger[]; total: number }> {
  const t = tables(db);
  const { total } = await t
    .selectFrom('livechat_triggers')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const column = opts.sort.key === 'enabled' ? 'enabled' : opts.sort.key;
  const rows = await t
    .selectFrom('livechat_triggers')
    .selectAll()
    .orderBy(column, opts.sort.dir)
    .orderBy('_id')
    .limit(opts.count)
    .offset(opts.offset)
    .execute();
  return { triggers: rows.map(toTrigger), total: Number(total) };
}

export async function getTrigger(db: Db, id: string): Promise<Trigger | undefined> {
  const row = await tables(db).selectFrom('livechat_triggers').selectAll().where('_id', '=', id).executeTakeFirst();
  return row ? toTrigger(row) : undefined;
}

export async function enabledTriggers(db: Db): Promise<Trigger[]> {
  const rows = await tables(db)
    .selectFrom('livechat_triggers')
    .selectAll()
    .where('enabled', '=', 1)
    .orderBy('name')
    .orderBy('_id')
    .execute();
  return rows.map(toTrigger);
}

export async function insertTrigger(db: Db, id: string, input: TriggerInput, now: number): Promise<void> {
  await tables(db)
    .insertInto('livechat_triggers')
    .values({ _id: id, ...columns(input, now), created_at: now })
    .execute();
}

/** false when no trigger has that id (Rocket.Chat's updateById then changes nothing). */
export async function updateTrigger(db: Db, id: string, input: TriggerInput, now: number): Promise<boolean> {
  const res = await tables(db)
    .updateTable('livechat_triggers')
    .set(columns(input, now))
    .where('_id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteTrigger(db: Db, id: string): Promise<boolean> {
  const res = await tables(db).deleteFrom('livechat_triggers').where('_id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
