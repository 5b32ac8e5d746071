/**
 * The custom-field registry (Rocket.Chat's livechat_custom_field): the admin API's use cases, and
 * the checks that decide which livechatData keys a visitor or a room may carry. Rocket.Chat is
 * not uniform here, and each entry point keeps its own rule:
 *
 * - livechat/visitor (registration): keys not registered for the visitor scope (or hidden) are
 *   dropped silently; when any field is sent, every required visible visitor field must be among
 *   them; no regexp check.
 * - livechat/custom.field(s): every key must be registered (else `invalid-custom-field`), each
 *   value must match the field's regexp; a room-scope field goes to the visitor's open rooms, a
 *   visitor-scope field to the visitor.
 * - room.saveInfo: keys not registered for that scope are dropped silently; values are trimmed,
 *   a non-empty value must match the regexp; an empty value removes the key.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import {
  customFieldsByIds,
  customFieldsByScope,
  deleteCustomField,
  getCustomField,
  insertCustomField,
  listCustomFields,
  updateCustomField,
} from '../store/custom-fields.ts';
import type { CustomField, CustomFieldData, CustomFieldScope, CustomFieldSort } from '../store/custom-fields.ts';
import { fail } from '../domain/errors.ts';
import { inTx } from './tx.ts';

export type { CustomField, CustomFieldData, CustomFieldScope, CustomFieldSort } from '../store/custom-fields.ts';
export { isSortableCustomFieldKey } from '../store/custom-fields.ts';

type Db = Kysely<Database>;

interface FieldValue {
  key: string;
  value: string;
  overwrite: boolean;
}

/** A field as the widget's registration form reads it from livechat/config (`config.customFields`). */
export interface WidgetCustomField {
  _id: string;
  label: string;
  type: string;
  required: boolean;
  defaultValue?: string;
  options?: string[];
  regexp?: string;
}

const FIELD_NAME = /^[0-9a-zA-Z-_]+$/;

function matches(field: CustomField, value: string): boolean {
  if (field.regexp === undefined || field.regexp === '') return true;
  try {
    return new RegExp(field.regexp).test(value);
  } catch {
    return false; // a pattern stored before saves were checked: no value can satisfy it
  }
}

function invalidValue(name: string): never {
  fail('error-invalid-custom-field-value', `Invalid value for ${name} field`);
}

export class CustomFieldsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  list(opts: { text?: string; offset: number; count: number; sort?: CustomFieldSort }) {
    return listCustomFields(this.store.db, opts);
  }

  get(id: string): Promise<CustomField | undefined> {
    return getCustomField(this.store.db, id);
  }

  /** livechat/custom-fields.save: create (id null: `field` becomes the id) or update by id. */
  async save(
    customFieldId: string | null | undefined,
    data: CustomFieldData & { field: string },
  ): Promise<CustomField> {
    const { field, ...rest } = data;
    if (!FIELD_NAME.test(field)) {
      fail(
        'error-invalid-custom-field-name',
        'Invalid custom field name. Use only letters, numbers, hyphens and underscores.',
      );
    }
    if (rest.regexp) {
      try {
        new RegExp(rest.regexp);
      } catch {
        // ours: Rocket.Chat stores any text and fails later, on the first value checked against it
        fail('invalid-params', 'customFieldData.regexp is not a valid regular expression');
      }
    }
    const now = this.now();
    const id = customFieldId || field;
    await inTx(this.store, async (tx) => {
      if (customFieldId) {
        if (!(await updateCustomField(tx.db, customFieldId, rest, now)))
          fail('error-invalid-custom-field', 'Custom Field Not found');
        return;
      }
      if (await getCustomField(tx.db, field))
        fail('error-custom-field-name-already-exists', 'Custom Field already exists');
      await insertCustomField(tx.db, field, rest, now);
    });
    return (await this.get(id))!;
  }

  async remove(id: string): Promise<void> {
    await inTx(this.store, async (tx) => {
      if (!(await deleteCustomField(tx.db, id))) fail('error-invalid-custom-field', 'Custom field not found');
    });
  }

  /** livechat/config's customFields: the public, visible visitor fields of the registration form. */
  async forWidget(): Promise<WidgetCustomField[]> {
    const fields = await customFieldsByScope(this.store.db, 'visitor', false);
    return fields
      .filter((f) => f.public === true)
      .map((f) => ({
        _id: f._id,
        label: f.label,
        type: f.type ?? 'input',
        required: f.required ?? false,
        ...(f.defaultValue ? { defaultValue: f.defaultValue } : {}),
        ...(f.options ? { options: f.options.split(',').map((o) => o.trim()) } : {}),
        ...(f.regexp ? { regexp: f.regexp } : {}),
      }));
  }
}

/** livechat/visitor: the sent fields Rocket.Chat keeps (module doc); throws for a missing required one. */
export async function registrationFields<T extends FieldValue>(db: Db, sent: readonly T[]): Promise<T[]> {
  if (sent.length === 0) return [];
  const fields = await customFieldsByScope(db, 'visitor', false);
  const keys = new Set(sent.map((f) => f.key));
  const missing = fields.filter((f) => f.required && !keys.has(f._id)).map((f) => f._id);
  if (missing.length) fail('invalid-params', `Missing required custom fields: ${missing.join(', ')}`);
  const known = new Set(fields.map((f) => f._id));
  return sent.filter((f) => known.has(f.key));
}

/** livechat/custom.field(s): every key registered, every value matching; split by scope. */
export async function apiFields<T extends FieldValue>(
  db: Db,
  sent: readonly T[],
): Promise<{ visitor: T[]; room: T[] }> {
  const fields = new Map(
    (
      await customFieldsByIds(
        db,
        sent.map((f) => f.key),
      )
    ).map((f) => [f._id, f]),
  );
  const out = { visitor: [] as T[], room: [] as T[] };
  for (const s of sent) {
    const field = fields.get(s.key);
    if (!field) fail('invalid-custom-field', 'invalid-custom-field');
    if (!matches(field, s.value)) invalidValue(field._id);
    out[field.scope].push(s);
  }
  return out;
}

/**
 * room.saveInfo's livechatData for one scope: only registered keys, values trimmed, a non-empty
 * value checked against the regexp (the error names the field's label, as Rocket.Chat's does).
 * An empty value means "remove this key" to the caller.
 */
export async function infoFields(
  db: Db,
  scope: CustomFieldScope,
  sent: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (Object.keys(sent).length === 0) return out;
  for (const field of await customFieldsByScope(db, scope)) {
    if (!Object.prototype.hasOwnProperty.call(sent, field._id)) continue;
    const value = String(sent[field._id] ?? '').trim();
    if (value !== '' && !matches(field, value)) invalidValue(field.label);
    out[field._id] = value;
  }
  return out;
}

/** Applies info fields to stored livechatData: a value sets its key, an empty one removes it. */
export function applyInfoFields(
  current: Record<string, unknown>,
  fields: Record<string, string>,
): Record<string, unknown> {
  const next = { ...current };
  for (const [k, v] of Object.entries(fields)) {
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}
