/**
 * Rocket.Chat 7's contact model (core-typings ILivechatContact), as types and the pure rules
 * over it: which custom fields a contact may carry, and how the fields of a visitor or of another
 * contact merge into a contact (Rocket.Chat's ContactMerger). No I/O here: the store loads and
 * saves, the service decides when.
 */
import { AppError } from './errors.ts';
import type { ErrorCode } from './errors.ts';

/** Rocket.Chat's IOmnichannelSource: where a conversation comes from ('widget', 'api', ...). */
export interface ContactSource {
  type: string;
  id?: string;
  alias?: string;
  label?: string;
}

export interface ContactVisitorAssociation {
  visitorId: string;
  source: { type: string; id?: string };
}

export interface ContactChannel {
  name: string;
  verified: boolean;
  visitor: ContactVisitorAssociation;
  blocked: boolean;
  field?: string;
  value?: string;
  verifiedAt?: Date;
  details: ContactSource;
  lastChat?: { _id: string; ts: Date };
}

/** 'name' | 'manager' | `customFields.${key}`: a value that lost against the contact's own. */
export interface ConflictingField {
  field: string;
  value: string;
}

export interface Contact {
  _id: string;
  _updatedAt: Date;
  name: string;
  emails?: { address: string }[];
  phones?: { phoneNumber: string }[];
  contactManager?: string;
  unknown: boolean;
  conflictingFields?: ConflictingField[];
  customFields: Record<string, unknown>;
  channels: ContactChannel[];
  createdAt: Date;
  lastChat?: { _id: string; ts: Date };
}

/** What a merge reads and writes: the mergeable part of a contact. */
export interface ContactData {
  name: string;
  emails: string[];
  phones: string[];
  contactManager?: string;
  unknown: boolean;
  customFields: Record<string, unknown>;
  conflictingFields: ConflictingField[];
}

export type MergeField =
  | { type: 'name' | 'username' | 'email' | 'phone' | 'manager'; value: string }
  | { type: `customFields.${string}`; value: string };

/** Rocket.Chat's modes: 'conflict' keeps the contact's values and records the others. */
export type ConflictMode = 'conflict' | 'overwrite';

/** The channel name Rocket.Chat gives a source: its label, else its type. */
export function channelName(source: ContactSource): string {
  return source.label || source.type;
}

/**
 * Rocket.Chat throws a plain `Error(id)` for these (error-contact-not-found, ...): its answer
 * carries the bare id (or text) as `error`, with no "[code]" suffix. `details.error` overrides the
 * catalogue's composed message (domain/errors.ts errorBody spreads details last).
 */
export function plainError(code: ErrorCode, text: string = code): AppError {
  return new AppError(code, text, { error: text });
}

export function failPlain(code: ErrorCode, text: string = code): never {
  throw plainError(code, text);
}

/** A registered visitor-scope custom field, as the custom-field registry describes it. */
export interface AllowedCustomField {
  _id: string;
  label?: string;
  required?: boolean;
  regexp?: string;
}

function invalidValue(cf: AllowedCustomField): never {
  failPlain('error-invalid-custom-field-value', `Invalid value for ${cf.label || cf._id} field`);
}

/**
 * Rocket.Chat's validateCustomFields: each registered field checked (required, regexp, trimmed
 * string), and a key nobody registered refused, unless `legacy` lists it: keys the contact
 * already carries from before they were unregistered are ignored, so the caller keeps them.
 */
export function validateCustomFields(
  allowed: AllowedCustomField[],
  given: Record<string, unknown>,
  legacy: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const valid: Record<string, string> = {};
  for (const cf of allowed) {
    if (!Object.prototype.hasOwnProperty.call(given, cf._id)) {
      if (cf.required) invalidValue(cf);
      continue;
    }
    const raw = given[cf._id];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) {
      if (cf.required) invalidValue(cf);
      continue;
    }
    if (cf.regexp && !safeTest(cf.regexp, value)) invalidValue(cf);
    valid[cf._id] = value;
  }
  const ids = new Set(allowed.map((cf) => cf._id));
  for (const key of Object.keys(given)) {
    if (!ids.has(key) && !legacy.has(key)) {
      failPlain('error-custom-field-not-allowed', `Custom field ${key} is not allowed`);
    }
  }
  return valid;
}

/** A registry regexp that does not compile validates nothing, rather than failing every save. */
function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

/**
 * Rocket.Chat's ContactMerger.mergeFieldsIntoContact, pure. Emails and phones are added to the
 * lists; a name, manager or custom field the contact lacks is set (or, in 'overwrite' mode,
 * replaced) by the first new value, and every other new value is kept as a conflicting field.
 * A username counts as a name only when the contact has no name and no name is offered.
 */
export function mergeIntoContact(contact: ContactData, fields: MergeField[], mode: ConflictMode): ContactData {
  const overwrite = mode === 'overwrite';
  const known = (f: MergeField): boolean => {
    if (f.type === 'email') return contact.emails.includes(f.value);
    if (f.type === 'phone') return contact.phones.includes(f.value);
    if (f.type === 'name') return contact.name === f.value;
    if (f.type === 'manager') return contact.contactManager === f.value;
    if (f.type === 'username') return false;
    const key = f.type.slice('customFields.'.length);
    if (contact.customFields[key] === f.value) return true;
    return contact.conflictingFields.some((c) => c.field === f.type && c.value === f.value);
  };
  const fresh = fields.filter((f) => f.value && !known(f));
  const of = (t: MergeField['type']) => [...new Set(fresh.filter((f) => f.type === t).map((f) => f.value))];
  const next: ContactData = {
    ...contact,
    emails: [...contact.emails, ...of('email')],
    phones: [...contact.phones, ...of('phone')],
    customFields: { ...contact.customFields },
    conflictingFields: [...contact.conflictingFields],
  };
  const names = of('name').filter((n) => !contact.conflictingFields.some((c) => c.field === 'name' && c.value === n));
  if (!contact.name && names.length === 0) names.push(...of('username'));
  const managers = of('manager');
  const conflicts: ConflictingField[] = [];
  if (names.length && (!contact.name || overwrite)) next.name = names.shift()!;
  if (managers.length && (!contact.contactManager || overwrite)) next.contactManager = managers.shift()!;
  conflicts.push(...names.map((value) => ({ field: 'name', value })));
  conflicts.push(...managers.map((value) => ({ field: 'manager', value })));
  const customKeys = new Set(fresh.filter((f) => f.type.startsWith('customFields.')).map((f) => f.type));
  for (const type of customKeys) {
    const key = type.slice('customFields.'.length);
    const values = of(type as MergeField['type']);
    if (!contact.customFields[key] || overwrite) next.customFields[key] = values.shift();
    conflicts.push(...values.map((value) => ({ field: type, value })));
  }
  if (!overwrite) next.conflictingFields.push(...conflicts);
  return next;
}

/** Every field of a contact, as merge input (Rocket.Chat's getAllFieldsFromContact). */
export function fieldsOfContact(c: ContactData): MergeField[] {
  return [
    ...c.emails.map((value) => ({ type: 'email' as const, value })),
    ...c.phones.map((value) => ({ type: 'phone' as const, value })),
    ...(c.name ? [{ type: 'name' as const, value: c.name }] : []),
    ...(c.contactManager ? [{ type: 'manager' as const, value: c.contactManager }] : []),
    ...Object.entries(c.customFields)
      .filter(([, v]) => typeof v === 'string' && v !== '')
      .map(([k, v]) => ({ type: `customFields.${k}` as const, value: v as string })),
    ...c.conflictingFields.map((f) => ({ type: f.field, value: f.value }) as MergeField),
  ];
}
