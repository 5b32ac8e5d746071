/**
 * Contacts (migration 0015): the rows, their mapping to Rocket.Chat's ILivechatContact, and the
 * queries the contact service needs. Emails and phones are JSON on the contact row and mirrored
 * in `contact_keys`, kept in step with every save, so exact look-ups are indexed on both dialects.
 * Every function takes the caller's builder (tx.db) or executor (tx.x): inside a transaction, the transaction's.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ContactChannelsTable, ContactsTable, Database } from './schema.ts';
import { parseJson } from './mappers.ts';
import { lowerContains } from './text.ts';
import { arg, first, plainExec, prepare } from './prepared.ts';
import type { Exec } from './prepared.ts';
import type {
  ConflictingField,
  Contact,
  ContactChannel,
  ContactData,
  ContactSource,
  ContactVisitorAssociation,
} from '../domain/contacts.ts';

type Db = Kysely<Database>;
export type ContactRow = Selectable<ContactsTable>;
export type ChannelRow = Selectable<ContactChannelsTable>;

export function dataOf(r: ContactRow): ContactData {
  return {
    name: r.name,
    emails: parseJson<{ address: string }[]>(r.emails, []).map((e) => e.address),
    phones: parseJson<{ phoneNumber: string }[]>(r.phones, []).map((p) => p.phoneNumber),
    contactManager: r.contact_manager ?? undefined,
    unknown: r.unknown === 1,
    customFields: parseJson<Record<string, unknown>>(r.custom_fields, {}),
    conflictingFields: parseJson<ConflictingField[]>(r.conflicting_fields, []),
  };
}

function columnsOf(d: ContactData, now: number) {
  return {
    name: d.name,
    emails: JSON.stringify(d.emails.map((address) => ({ address }))),
    phones: JSON.stringify(d.phones.map((phoneNumber) => ({ phoneNumber }))),
    contact_manager: d.contactManager ?? null,
    unknown: d.unknown ? 1 : 0,
    custom_fields: JSON.stringify(d.customFields),
    conflicting_fields: JSON.stringify(d.conflictingFields),
    updated_at: now,
  };
}

// Prepared (prepared.ts): a visitor's registration syncs its contact with these on every call
// (the widget registers on each page load), and Kysely's per-call build cost more than SQLite.
const contactColumns = {
  name: arg<string>('name'),
  emails: arg<string>('emails'),
  phones: arg<string>('phones'),
  contact_manager: arg<string | null>('contact_manager'),
  unknown: arg<number>('unknown'),
  custom_fields: arg<string>('custom_fields'),
  conflicting_fields: arg<string>('conflicting_fields'),
  updated_at: arg<number>('updated_at'),
};
const deleteKeysQ = prepare((db) => db.deleteFrom('contact_keys').where('contact_id', '=', arg('id')));
const insertKeyQ = prepare((db) =>
  db
    .insertInto('contact_keys')
    .values({ kind: arg('kind'), value: arg('value'), contact_id: arg('id') })
    // written by difference: a key the row already has (whatever wrote it) is not an error
    .onConflict((oc) => oc.doNothing()),
);
const insertContactQ = prepare((db) =>
  db.insertInto('contacts').values({ _id: arg('id'), ...contactColumns, enabled: 1, created_at: arg('updated_at') }),
);
const saveContactQ = prepare((db) => db.updateTable('contacts').set(contactColumns).where('_id', '=', arg('id')));
const contactByIdQ = prepare((db) => db.selectFrom('contacts').selectAll().where('_id', '=', arg('id')));
const enabledContactByIdQ = prepare((db) =>
  db.selectFrom('contacts').selectAll().where('_id', '=', arg('id')).where('enabled', '=', 1),
);

const deleteKeyQ = prepare((db) =>
  db
    .deleteFrom('contact_keys')
    .where('kind', '=', arg('kind'))
    .where('value', '=', arg('value'))
    .where('contact_id', '=', arg('id')),
);

type Key = { kind: 'email' | 'phone'; value: string };

/** The look-up keys of a contact's data, by `kind:value`: its emails (lower case) and phones. */
function keysOf(d: ContactData): Map<string, Key> {
  const keys: Key[] = [
    ...d.emails.map((e) => ({ kind: 'email' as const, value: e.toLowerCase() })),
    ...d.phones.map((p) => ({ kind: 'phone' as const, value: p })),
  ];
  return new Map(keys.map((k) => [`${k.kind}:${k.value}`, k]));
}

/**
 * Writes the contact's keys. With the data it had (`before`), only the keys that changed: a
 * contact gathers every email its visitors ever gave, and rewriting them all on each save made a
 * returning visitor's registration cost one insert per address.
 */
async function writeKeys(x: Exec, id: string, d: ContactData, before?: ContactData): Promise<void> {
  const keys = keysOf(d);
  if (!before) await x.run(deleteKeysQ, { id });
  const had = before ? keysOf(before) : new Map<string, Key>();
  for (const [k, key] of had) if (!keys.has(k)) await x.run(deleteKeyQ, { ...key, id });
  for (const [k, key] of keys) if (!had.has(k)) await x.run(insertKeyQ, { ...key, id });
}

export async function insertContact(x: Exec, id: string, d: ContactData, now: number): Promise<void> {
  await x.run(insertContactQ, { id, ...columnsOf(d, now) });
  await writeKeys(x, id, d);
}

/** `before`: the data the stored row holds now (from `dataOf`), when the caller read it. */
export async function saveContact(
  x: Exec,
  id: string,
  d: ContactData,
  now: number,
  before?: ContactData,
): Promise<void> {
  await x.run(saveContactQ, { id, ...columnsOf(d, now) });
  await writeKeys(x, id, d, before);
}

export async function contactRow(x: Exec, id: string, enabledOnly = true): Promise<ContactRow | undefined> {
  return first(x, enabledOnly ? enabledContactByIdQ : contactByIdQ, { id });
}

export async function channelsOf(db: Db, contactIds: string[]): Promise<ChannelRow[]> {
  if (!contactIds.length) return [];
  return db
    .selectFrom('contact_channels')
    .selectAll()
    .where('contact_id', 'in', contactIds)
    .orderBy('created_at')
    .orderBy('visitor_id')
    .execute();
}

/** The newest room of each visitor: Rocket.Chat's lastChat, derived instead of stored. */
async function lastChats(db: Db, visitorIds: string[]): Promise<Map<string, { _id: string; ts: Date }>> {
  const out = new Map<string, { _id: string; ts: Date }>();
  if (!visitorIds.length) return out;
  const rows = await db
    .selectFrom('rooms')
    .select(['_id', 'visitor_id', 'created_at'])
    .where('visitor_id', 'in', visitorIds)
    .orderBy('created_at', 'desc')
    .orderBy('_id', 'desc')
    .execute();
  for (const r of rows) {
    if (!out.has(r.visitor_id)) out.set(r.visitor_id, { _id: r._id, ts: new Date(Number(r.created_at)) });
  }
  return out;
}

function toChannel(r: ChannelRow, last: { _id: string; ts: Date } | undefined): ContactChannel {
  return {
    name: r.name,
    verified: r.verified === 1,
    visitor: { visitorId: r.visitor_id, source: { type: r.source_type, ...(r.source_id ? { id: r.source_id } : {}) } },
    blocked: r.blocked === 1,
    ...(r.field ? { field: r.field } : {}),
    ...(r.value ? { value: r.value } : {}),
    ...(r.verified_at ? { verifiedAt: new Date(Number(r.verified_at)) } : {}),
    details: parseJson<ContactSource>(r.details, { type: r.source_type }),
    ...(last ? { lastChat: last } : {}),
  };
}

/** Contacts in Rocket.Chat's shape, with their channels and last chats, in the rows' order. */
export async function toContacts(db: Db, rows: ContactRow[]): Promise<Contact[]> {
  const channels = await channelsOf(
    db,
    rows.map((r) => r._id),
  );
  const last = await lastChats(db, [...new Set(channels.map((c) => c.visitor_id))]);
  return rows.map((r) => {
    const d = dataOf(r);
    const own = channels.filter((c) => c.contact_id === r._id).map((c) => toChannel(c, last.get(c.visitor_id)));
    const newest = own
      .map((c) => c.lastChat)
      .filter((l): l is { _id: string; ts: Date } => !!l)
      .sort((a, b) => b.ts.getTime() - a.ts.getTime())[0];
    return {
      _id: r._id,
      _updatedAt: new Date(Number(r.updated_at)),
      name: d.name,
      ...(d.emails.length ? { emails: d.emails.map((address) => ({ address })) } : {}),
      ...(d.phones.length ? { phones: d.phones.map((phoneNumber) => ({ phoneNumber })) } : {}),
      ...(d.contactManager ? { contactManager: d.contactManager } : {}),
      unknown: d.unknown,
      ...(d.conflictingFields.length ? { conflictingFields: d.conflictingFields } : {}),
      customFields: d.customFields,
      channels: own,
      createdAt: new Date(Number(r.created_at)),
      ...(newest ? { lastChat: newest } : {}),
    };
  });
}

export interface ContactSearch {
  searchText?: string;
  unknown: boolean;
  count: number;
  offset: number;
  sort: { column: 'name' | 'created_at' | 'updated_at'; dir: 'asc' | 'desc' };
}

/** Rocket.Chat's findPaginatedContacts: name, email or phone contains the text; known or unknown. */
export async function searchContacts(db: Db, s: ContactSearch): Promise<{ rows: ContactRow[]; total: number }> {
  let q = db
    .selectFrom('contacts')
    .where('enabled', '=', 1)
    .where('unknown', '=', s.unknown ? 1 : 0);
  if (s.searchText) {
    const text = s.searchText;
    q = q.where((eb) =>
      eb.or([
        lowerContains('contacts.name', text),
        eb.exists(
          eb
            .selectFrom('contact_keys')
            .select('contact_keys.contact_id')
            .whereRef('contact_keys.contact_id', '=', 'contacts._id')
            .where(lowerContains('contact_keys.value', text)),
        ),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy(s.sort.column, s.sort.dir)
    .orderBy('_id')
    .limit(s.count)
    .offset(s.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Rocket.Chat's countByContactInfo: by id, or by an exact email (case-insensitive) or phone. */
export async function countByInfo(
  db: Db,
  info: { contactId?: string; email?: string; phone?: string },
): Promise<number> {
  if (info.contactId) {
    const r = await contactRow(plainExec(db), info.contactId);
    return r ? 1 : 0;
  }
  const [kind, value] = info.email ? ['email', info.email.toLowerCase()] : ['phone', info.phone ?? ''];
  const r = await db
    .selectFrom('contact_keys')
    .innerJoin('contacts', 'contacts._id', 'contact_keys.contact_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_keys.kind', '=', kind)
    .where('contact_keys.value', '=', value)
    .where('contacts.enabled', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function sourceIdOf(a: ContactVisitorAssociation): string {
  return a.source.id ?? '';
}

const channelByAssociationQ = prepare((db) =>
  db
    .selectFrom('contact_channels')
    .selectAll()
    .where('visitor_id', '=', arg('visitorId'))
    .where('source_type', '=', arg('type'))
    .where('source_id', '=', arg('sourceId')),
);
const insertChannelQ = prepare((db) =>
  db.insertInto('contact_channels').values({
    visitor_id: arg('visitorId'),
    source_type: arg('type'),
    source_id: arg('sourceId'),
    contact_id: arg('contactId'),
    name: arg('name'),
    verified: 0,
    verified_at: null,
    field: null,
    value: null,
    blocked: 0,
    details: arg('details'),
    created_at: arg('now'),
  }),
);

export async function channelByAssociation(x: Exec, a: ContactVisitorAssociation): Promise<ChannelRow | undefined> {
  return first(x, channelByAssociationQ, { visitorId: a.visitorId, type: a.source.type, sourceId: sourceIdOf(a) });
}

export async function insertChannel(
  x: Exec,
  contactId: string,
  a: ContactVisitorAssociation,
  details: ContactSource,
  name: string,
  now: number,
): Promise<void> {
  await x.run(insertChannelQ, {
    visitorId: a.visitorId,
    type: a.source.type,
    sourceId: sourceIdOf(a),
    contactId,
    name,
    details: JSON.stringify(details),
    now,
  });
}

export async function setChannelBlocked(db: Db, a: ContactVisitorAssociation, blocked: boolean): Promise<void> {
  await db
    .updateTable('contact_channels')
    .set({ blocked: blocked ? 1 : 0 })
    .where('visitor_id', '=', a.visitorId)
    .where('source_type', '=', a.source.type)
    .where('source_id', '=', sourceIdOf(a))
    .execute();
}

export async function setChannelVerified(
  db: Db,
  a: ContactVisitorAssociation,
  v: { field: string; value: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('contact_channels')
    .set({ verified: 1, verified_at: now, field: v.field, value: v.value })
    .where('visitor_id', '=', a.visitorId)
    .where('source_type', '=', a.source.type)
    .where('source_id', '=', sourceIdOf(a))
    .execute();
}

/** Any blocked channel of this visitor: the visitor may not start a chat. */
export async function visitorHasBlockedChannel(db: Db, visitorId: string): Promise<boolean> {
  const r = await db
    .selectFrom('contact_channels')
    .select('visitor_id')
    .where('visitor_id', '=', visitorId)
    .where('blocked', '=', 1)
    .executeTakeFirst();
  return !!r;
}

/**
 * Rocket.Chat's findContactMatchingVisitor: an enabled contact that no visitor is linked to yet
 * (created by an agent or the API) sharing one of the visitor's emails or phones.
 */
export async function contactMatchingVisitor(
  db: Db,
  emails: string[],
  phones: string[],
): Promise<ContactRow | undefined> {
  const emailKeys = emails.map((e) => e.toLowerCase());
  if (!emailKeys.length && !phones.length) return undefined;
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('enabled', '=', 1)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('contact_channels')
            .select('visitor_id')
            .whereRef('contact_channels.contact_id', '=', 'contacts._id'),
        ),
      ),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('contact_keys')
          .select('contact_id')
          .whereRef('contact_keys.contact_id', '=', 'contacts._id')
          .where((k) =>
            k.or([
              ...(emailKeys.length ? [k.and([k('kind', '=', 'email'), k('value', 'in', emailKeys)])] : []),
              ...(phones.length ? [k.and([k('kind', '=', 'phone'), k('value', 'in', phones)])] : []),
            ]),
          ),
      ),
    )
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Rocket.Chat's findSimilarVerifiedContacts: other contacts verified on the same field and value. */
export async function similarVerifiedContactIds(
  db: Db,
  v: { field: string; value: string },
  exceptId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('contact_channels')
    .innerJoin('contacts', 'contacts._id', 'contact_channels.contact_id')
    .select('contact_channels.contact_id')
    .distinct()
    .where('contact_channels.verified', '=', 1)
    .where('contact_channels.field', '=', v.field)
    .where('contact_channels.value', '=', v.value)
    .where('contact_channels.contact_id', '<>', exceptId)
    .where('contacts.enabled', '=', 1)
    .execute();
  return rows.map((r) => r.contact_id);
}

/** Moves channels and visitors of merged contacts to the survivor, then deletes them. */
export async function absorbContacts(db: Db, survivorId: string, mergedIds: string[]): Promise<void> {
  if (!mergedIds.length) return;
  await db
    .updateTable('contact_channels')
    .set({ contact_id: survivorId })
    .where('contact_id', 'in', mergedIds)
    .execute();
  await db.updateTable('visitors').set({ contact_id: survivorId }).where('contact_id', 'in', mergedIds).execute();
  await db.deleteFrom('contact_keys').where('contact_id', 'in', mergedIds).execute();
  await db.deleteFrom('contacts').where('_id', 'in', mergedIds).execute();
}

const linkVisitorQ = prepare((db) =>
  db
    .updateTable('visitors')
    .set({ contact_id: arg('contactId') })
    .where('_id', '=', arg('visitorId')),
);

export async function linkVisitor(x: Exec, visitorId: string, contactId: string): Promise<void> {
  await x.run(linkVisitorQ, { visitorId, contactId });
}

/** The visitor ids on a contact's channels. */
export async function contactVisitorIds(db: Db, contactId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contact_channels')
    .select('visitor_id')
    .where('contact_id', '=', contactId)
    .execute();
  return [...new Set(rows.map((r) => r.visitor_id))];
}

/** Closed rooms of these visitors, newest close first (Rocket.Chat's contact history order). */
export async function closedRoomsOf(db: Db, visitorIds: string[]) {
  if (!visitorIds.length) return [];
  return db
    .selectFrom('rooms')
    .selectAll()
    .where('visitor_id', 'in', visitorIds)
    .where('open', '=', 0)
    .orderBy('closed_at', 'desc')
    .orderBy('_id')
    .execute();
}

export async function anyRoomOf(db: Db, visitorIds: string[]): Promise<boolean> {
  if (!visitorIds.length) return false;
  const r = await db.selectFrom('rooms').select('_id').where('visitor_id', 'in', visitorIds).executeTakeFirst();
  return !!r;
}

export async function disableContact(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('contacts').set({ enabled: 0, updated_at: now }).where('_id', '=', id).execute();
  await db.deleteFrom('contact_keys').where('contact_id', '=', id).execute();
  await db.deleteFrom('contact_channels').where('contact_id', '=', id).execute();
}

/**
 * A visitor erased ("remove my data"): its channels go; a contact it alone made (unknown, no
 * channel left) goes too, while a contact an agent created stays with its own data.
 */
export async function forgetVisitor(db: Db, visitorId: string): Promise<void> {
  const rows = await db
    .selectFrom('contact_channels')
    .select('contact_id')
    .where('visitor_id', '=', visitorId)
    .execute();
  await db.deleteFrom('contact_channels').where('visitor_id', '=', visitorId).execute();
  for (const contactId of new Set(rows.map((r) => r.contact_id))) {
    const left = await db
      .selectFrom('contact_channels')
      .select('visitor_id')
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    if (left) continue;
    const c = await contactRow(plainExec(db), contactId, false);
    if (c && c.unknown === 1) {
      await db.deleteFrom('contact_keys').where('contact_id', '=', contactId).execute();
      await db.deleteFrom('contacts').where('_id', '=', contactId).execute();
    }
  }
}

/** The payload's view of a contact: id, name and channels, without derived last chats. */
// The CRM payload's contact, read for every room event: one prepared statement (the contact and
// its channels joined) in the event's own transaction, so a contact change committed before the
// event always shows in its payload. Two unprepared queries here cost about a sixth of the
// message path's time (docs/benchmarks.md).
const payloadContactQ = prepare((db) =>
  db
    .selectFrom('contacts')
    .leftJoin('contact_channels', 'contact_channels.contact_id', 'contacts._id')
    .select([
      'contacts._id as contact_id',
      'contacts.name as contact_name',
      'contact_channels.visitor_id',
      'contact_channels.source_type',
      'contact_channels.source_id',
      'contact_channels.name',
      'contact_channels.verified',
      'contact_channels.verified_at',
      'contact_channels.field',
      'contact_channels.value',
      'contact_channels.blocked',
      'contact_channels.details',
      'contact_channels.created_at',
    ])
    .where('contacts._id', '=', arg('id'))
    .where('contacts.enabled', '=', 1)
    .orderBy('contact_channels.created_at')
    .orderBy('contact_channels.visitor_id'),
);

export async function contactForPayload(
  x: Exec,
  contactId: string | null,
): Promise<{ _id: string; name: string; channels: ContactChannel[] } | undefined> {
  if (!contactId) return undefined;
  const rows = await x.all(payloadContactQ, { id: contactId });
  const head = rows[0];
  if (!head) return undefined;
  const channels: ContactChannel[] = [];
  for (const r of rows) {
    // a contact without channels comes back as one row of NULL channel columns
    if (r.visitor_id === null) continue;
    const channel: ChannelRow = {
      visitor_id: r.visitor_id,
      source_type: r.source_type!,
      source_id: r.source_id!,
      contact_id: head.contact_id,
      name: r.name!,
      verified: Number(r.verified),
      verified_at: r.verified_at === null ? null : Number(r.verified_at),
      field: r.field,
      value: r.value,
      blocked: Number(r.blocked),
      details: r.details!,
      created_at: Number(r.created_at),
    };
    channels.push(toChannel(channel, undefined));
  }
  return { _id: head.contact_id, name: head.contact_name, channels };
}
