/**
 * The custom-field registry's rows (migration 0017) and their Rocket.Chat shape
 * (ILivechatCustomField). An attribute never given stays null and is left out of the answer,
 * as Rocket.Chat's document simply lacks it.
 */
import type { Kysely } from 'kysely';
import type { Database, LivechatCustomFieldsTable } from './schema.ts';
import { lower, lowerContains } from './text.ts';

type Db = Kysely<Database>;
type Row = LivechatCustomFieldsTable;

export type CustomFieldScope = 'visitor' | 'room';

export interface CustomField {
  _id: string;
  label: string;
  scope: CustomFieldScope;
  visibility: string;
  type?: string;
  regexp?: string;
  required?: boolean;
  defaultValue?: string;
  options?: string;
  public?: boolean;
  searchable?: boolean;
  _updatedAt: Date;
}

/** What a save may set besides the id: Rocket.Chat's customFieldData without `field`. */
export interface CustomFieldData {
  label: string;
  scope: CustomFieldScope;
  visibility: string;
  type?: string;
  regexp?: string;
  required?: boolean;
  defaultValue?: string;
  options?: string;
  public?: boolean;
  searchable?: boolean;
}

function bool(v: number | null): boolean | undefined {
  return v === null ? undefined : v === 1;
}

export function toCustomField(r: Row): CustomField {
  const out: CustomField = {
    _id: r._id,
    label: r.label,
    scope: r.scope === 'room' ? 'room' : 'visitor',
    visibility: r.visibility,
    _updatedAt: new Date(Number(r.updated_at)),
  };
  if (r.type !== null) out.type = r.type;
  if (r.regexp !== null) out.regexp = r.regexp;
  if (r.required !== null) out.required = bool(r.required);
  if (r.default_value !== null) out.defaultValue = r.default_value;
  if (r.options !== null) out.options = r.options;
  if (r.public !== null) out.public = bool(r.public);
  if (r.searchable !== null) out.searchable = bool(r.searchable);
  return out;
}

const SORTABLE = { _id: '_id', label: 'label', scope: 'scope', visibility: 'visibility' } as const;
export type CustomFieldSort = { key: keyof typeof SORTABLE; dir: 'asc' | 'desc' };

export function isSortableCustomFieldKey(k: string): k is keyof typeof SORTABLE {
  return Object.prototype.hasOwnProperty.call(SORTABLE, k);
}

/** Rocket.Chat's findLivechatCustomFields: `text` matches label or _id, case-insensitively. */
export async function listCustomFields(
  db: Db,
  opts: { text?: string; offset: number; count: number; sort?: CustomFieldSort },
): Promise<{ fields: CustomField[]; total: number }> {
  let q = db.selectFrom('livechat_custom_fields');
  const text = opts.text;
  if (text) q = q.where((eb) => eb.or([lowerContains('label', text), lowerContains('_id', text)]));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const sort = opts.sort ?? { key: 'label', dir: 'asc' };
  let page = q.selectAll().orderBy(lower(SORTABLE[sort.key]), sort.dir).orderBy('_id');
  if (opts.count > 0) page = page.limit(opts.count);
  const rows = await page.offset(opts.offset).execute();
  return { fields: rows.map(toCustomField), total: Number(total) };
}

export async function getCustomField(db: Db, id: string): Promise<CustomField | undefined> {
  const r = await db.selectFrom('livechat_custom_fields').selectAll().where('_id', '=', id).executeTakeFirst();
  return r ? toCustomField(r) : undefined;
}

export async function customFieldsByIds(db: Db, ids: readonly string[]): Promise<CustomField[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('livechat_custom_fields')
    .selectAll()
    .where('_id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toCustomField);
}

/** Rocket.Chat's findByScope; includeHidden false leaves out visibility 'hidden'. */
export async function customFieldsByScope(
  db: Db,
  scope: CustomFieldScope,
  includeHidden = true,
): Promise<CustomField[]> {
  let q = db.selectFrom('livechat_custom_fields').selectAll().where('scope', '=', scope);
  if (!includeHidden) q = q.where('visibility', '<>', 'hidden');
  return (await q.orderBy('_id').execute()).map(toCustomField);
}

function columns(d: CustomFieldData, now: number): Omit<Row, '_id'> {
  const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
  const b = (v: boolean | undefined): number | null => (v === undefined ? null : v ? 1 : 0);
  return {
    label: d.label,
    scope: d.scope,
    visibility: d.visibility,
    type: n(d.type),
    regexp: n(d.regexp),
    required: b(d.required),
    default_value: n(d.defaultValue),
    options: n(d.options),
    public: b(d.public),
    searchable: b(d.searchable),
    updated_at: now,
  };
}

export async function insertCustomField(db: Db, id: string, d: CustomFieldData, now: number): Promise<void> {
  await db
    .insertInto('livechat_custom_fields')
    .values({ _id: id, ...columns(d, now) })
    .execute();
}

/**
 * Rocket.Chat's update is a `$set` of what was sent: an attribute left out keeps its value.
 * Returns false when no such field exists.
 */
export async function updateCustomField(db: Db, id: string, d: CustomFieldData, now: number): Promise<boolean> {
  const all = columns(d, now);
  const set = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null)) as Partial<Row>;
  const res = await db.updateTable('livechat_custom_fields').set(set).where('_id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteCustomField(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('livechat_custom_fields').where('_id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
