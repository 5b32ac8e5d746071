/**
 * Contacts, Rocket.Chat 7's model (apps/meteor/app/livechat/server/lib/contacts/*): a contact has
 * channels (one per visitor and source), emails, phones, a contact manager, custom fields and
 * conflicting fields. A visitor joins a contact when it registers (a contact nobody is linked to
 * yet that shares its email or phone, else a new unknown contact); contacts merge when a channel
 * is verified and another contact is verified on the same email or phone. Blocking a channel
 * closes its open chat and keeps the visitor from starting another.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { Store } from '../store/open.ts';
import type { Database } from '../store/schema.ts';
import type { VisitorRow } from '../store/mappers.ts';
import { parseJson, toRoom } from '../store/mappers.ts';
import * as q from '../store/contacts.ts';
import { inTx } from './tx.ts';
import type { Tx } from './tx.ts';
import { newId } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';
import type { User } from '../domain/models.ts';
import { channelName, failPlain, fieldsOfContact, mergeIntoContact, validateCustomFields } from '../domain/contacts.ts';
import type {
  AllowedCustomField,
  Contact,
  ContactChannel,
  ContactData,
  ContactSource,
  ContactVisitorAssociation,
  MergeField,
} from '../domain/contacts.ts';

type Db = Kysely<Database>;

/** Where a visitor registered through REST comes from, until the room's own source is known. */
export const API_SOURCE: ContactSource = { type: 'api' };

export interface ContactInput {
  name?: string;
  emails?: string[];
  phones?: string[];
  customFields?: Record<string, unknown>;
  contactManager?: string;
}

export interface ContactsPorts {
  store: Store;
  now(): number;
  /** The visitor-scope fields of the custom-field registry; none registered = none allowed. */
  allowedCustomFields(db: Db): Promise<AllowedCustomField[]>;
  /** Closes a room as this user with this comment (the rooms service's close). */
  closeRoom(user: User, rid: string, comment: string): Promise<void>;
}

export interface HistoryEntry {
  _id: string;
  fname: string;
  ts: Date;
  v: unknown;
  msgs: number;
  servedBy?: unknown;
  closedAt?: Date;
  closedBy?: unknown;
  closer?: string;
  tags?: string[];
  source: unknown;
}

/** Rocket.Chat's sort parameter, a JSON object such as {"name":1}; only known keys are allowed. */
export function parseSort<K extends string>(
  sort: string | undefined,
  columns: Record<string, K>,
  fallback: { column: K; dir: 'asc' | 'desc' },
): { column: K; dir: 'asc' | 'desc' } {
  if (!sort) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(sort);
  } catch {
    fail('invalid-params', 'sort must be a JSON object');
  }
  if (!parsed || typeof parsed !== 'object') fail('invalid-params', 'sort must be a JSON object');
  const [key, dir] = Object.entries(parsed as Record<string, unknown>)[0] ?? [];
  if (key === undefined) return fallback;
  const column = columns[key];
  if (!column || (dir !== 1 && dir !== -1)) fail('invalid-params', `sort by ${key} is not supported`);
  return { column, dir: dir === 1 ? 'asc' : 'desc' };
}

async function requireContactManager(db: Db, id: string): Promise<void> {
  // Rocket.Chat's validateContactManager: the id of a user holding the livechat-agent role
  const u = await db.selectFrom('users').select(['roles']).where('_id', '=', id).executeTakeFirst();
  if (!u || !parseJson<string[]>(u.roles, []).includes('livechat-agent')) {
    failPlain('error-contact-manager-not-found');
  }
}

function visitorFields(v: VisitorRow): MergeField[] {
  const custom = parseJson<Record<string, unknown>>(v.custom_fields, {});
  return [
    ...parseJson<{ address: string }[]>(v.emails, []).map((e) => ({ type: 'email' as const, value: e.address })),
    ...parseJson<{ phoneNumber: string }[]>(v.phones, []).map((p) => ({
      type: 'phone' as const,
      value: p.phoneNumber,
    })),
    ...(v.name ? [{ type: 'name' as const, value: v.name }] : []),
    { type: 'username' as const, value: v.username },
    ...Object.entries(custom)
      .filter(([, val]) => typeof val === 'string' && val !== '')
      .map(([k, val]) => ({ type: `customFields.${k}` as const, value: val as string })),
  ];
}

/**
 * The visitor hook (livechat/visitor): keeps the visitor's contact in step, inside the caller's
 * transaction. A linked visitor's new data merges into its contact (Rocket.Chat's
 * registerGuestData: overwriting an unknown contact, recording conflicts on a known one); an
 * unlinked visitor takes the unlinked contact sharing its email or phone (migrateVisitorToContactId),
 * else a new unknown contact is made from it (createContactFromVisitor), with its channel.
 */
export async function syncVisitorContact(
  tx: Tx,
  visitor: VisitorRow,
  now: number,
  source: ContactSource = API_SOURCE,
): Promise<string> {
  const db = tx.db;
  const association: ContactVisitorAssociation = {
    visitorId: visitor._id,
    source: { type: source.type, ...(source.id ? { id: source.id } : {}) },
  };
  const linked = visitor.contact_id ? await q.contactRow(tx.x, visitor.contact_id) : undefined;
  const target =
    linked ??
    (await (async () => {
      const channel = await q.channelByAssociation(tx.x, association);
      return channel ? q.contactRow(tx.x, channel.contact_id) : undefined;
    })()) ??
    (await q.contactMatchingVisitor(
      db,
      parseJson<{ address: string }[]>(visitor.emails, []).map((e) => e.address),
      parseJson<{ phoneNumber: string }[]>(visitor.phones, []).map((p) => p.phoneNumber),
    ));
  let contactId: string;
  if (target) {
    const current = q.dataOf(target);
    const merged = mergeIntoContact(current, visitorFields(visitor), current.unknown ? 'overwrite' : 'conflict');
    // A returning visitor usually brings nothing new (the widget registers on every page load):
    // then the contact, its keys and its updated time stay as they are.
    if (!isDeepStrictEqual(current, merged)) await q.saveContact(tx.x, target._id, merged, now, current);
    contactId = target._id;
  } else {
    contactId = newId();
    const fresh: ContactData = {
      name: '',
      emails: [],
      phones: [],
      unknown: true,
      customFields: {},
      conflictingFields: [],
    };
    await q.insertContact(tx.x, contactId, mergeIntoContact(fresh, visitorFields(visitor), 'overwrite'), now);
  }
  if (!(await q.channelByAssociation(tx.x, association))) {
    await q.insertChannel(tx.x, contactId, association, source, channelName(source), now);
  }
  if (visitor.contact_id !== contactId) await q.linkVisitor(tx.x, visitor._id, contactId);
  return contactId;
}

/** Refuses a visitor whose channel is blocked (Rocket.Chat's error-contact-channel-blocked). */
export async function assertChannelNotBlocked(db: Db, visitorId: string): Promise<void> {
  if (await q.visitorHasBlockedChannel(db, visitorId)) failPlain('error-contact-channel-blocked');
}

/** "Remove my data": the visitor's channels, and a contact it alone made. */
export async function forgetVisitorContact(tx: Tx, visitorId: string): Promise<void> {
  await q.forgetVisitor(tx.db, visitorId);
}

/**
 * The CRM payload's contact: id, name and channels (ours; Rocket.Chat's payload has none). Read
 * in the event's transaction (`tx.x`): a contact change committed before it always shows.
 */
export async function payloadContact(tx: Pick<Tx, 'x'>, contactId: string | null) {
  return q.contactForPayload(tx.x, contactId);
}

export class ContactsService {
  constructor(private readonly p: ContactsPorts) {}

  private get db(): Db {
    return this.p.store.db;
  }

  /** POST omnichannel/contacts (createContact with unknown: false): the new id. */
  async create(input: ContactInput & { name: string; emails: string[]; phones: string[] }): Promise<string> {
    return inTx(this.p.store, async (tx) => {
      if (input.contactManager) await requireContactManager(tx.db, input.contactManager);
      const customFields = validateCustomFields(await this.p.allowedCustomFields(tx.db), input.customFields ?? {});
      const id = newId();
      await q.insertContact(
        tx.x,
        id,
        {
          name: input.name,
          emails: input.emails,
          phones: input.phones,
          contactManager: input.contactManager,
          unknown: false,
          customFields,
          conflictingFields: [],
        },
        this.p.now(),
      );
      return id;
    });
  }

  /**
   * omnichannel/contacts.update (updateContact): given fields replace the contact's; a contact
   * edited by an agent is known from then on; a new name renames its rooms and inquiries.
   */
  async update(contactId: string, input: ContactInput & { wipeConflicts?: boolean }): Promise<Contact> {
    await inTx(this.p.store, async (tx) => {
      const row = await q.contactRow(tx.x, contactId, false);
      if (!row) failPlain('error-contact-not-found');
      const current = q.dataOf(row);
      if (input.contactManager) await requireContactManager(tx.db, input.contactManager);
      let customFields = current.customFields;
      if (input.customFields) {
        const allowed = await this.p.allowedCustomFields(tx.db);
        const ids = new Set(allowed.map((f) => f._id));
        // keys the contact carries but nobody registers any more are kept as they are
        const legacy = Object.fromEntries(Object.entries(current.customFields).filter(([k]) => !ids.has(k)));
        const valid = validateCustomFields(allowed, input.customFields, new Set(Object.keys(legacy)));
        customFields = { ...legacy, ...valid };
      }
      const next: ContactData = {
        ...current,
        name: input.name ?? current.name,
        emails: input.emails ?? current.emails,
        phones: input.phones ?? current.phones,
        contactManager: input.contactManager ?? current.contactManager,
        customFields,
        unknown: false,
        conflictingFields: input.wipeConflicts ? [] : current.conflictingFields,
      };
      const now = this.p.now();
      await q.saveContact(tx.x, contactId, next, now, current);
      if (input.name !== undefined && input.name !== current.name) {
        const visitors = await q.contactVisitorIds(tx.db, contactId);
        if (visitors.length) {
          await tx.db
            .updateTable('rooms')
            .set({ fname: input.name, updated_at: now })
            .where('visitor_id', 'in', visitors)
            .execute();
          await tx.db
            .updateTable('inquiries')
            .set({ name: input.name, updated_at: now })
            .where('visitor_id', 'in', visitors)
            .execute();
        }
      }
    });
    return (await this.getAny(contactId))!;
  }

  /** omnichannel/contacts.conflicts (resolveContactConflicts): picks values, drops their conflicts. */
  async resolveConflicts(
    contactId: string,
    input: { name?: string; customFields?: Record<string, unknown>; contactManager?: string; wipeConflicts?: boolean },
  ): Promise<Contact> {
    await inTx(this.p.store, async (tx) => {
      const row = await q.contactRow(tx.x, contactId, false);
      if (!row) failPlain('error-contact-not-found');
      if (input.contactManager) await requireContactManager(tx.db, input.contactManager);
      const current = q.dataOf(row);
      const resolved = new Set<string>([
        ...(input.name ? ['name'] : []),
        ...(input.contactManager ? ['manager'] : []),
        ...Object.keys(input.customFields ?? {}).map((k) => `customFields.${k}`),
      ]);
      await q.saveContact(
        tx.x,
        contactId,
        {
          ...current,
          name: input.name || current.name,
          contactManager: input.contactManager || current.contactManager,
          customFields: input.customFields ? { ...current.customFields, ...input.customFields } : current.customFields,
          conflictingFields: input.wipeConflicts ? [] : current.conflictingFields.filter((c) => !resolved.has(c.field)),
        },
        this.p.now(),
        current,
      );
    });
    return (await this.getAny(contactId))!;
  }

  async get(contactId: string): Promise<Contact | undefined> {
    const row = await q.contactRow(this.p.store.exec, contactId);
    return row ? (await q.toContacts(this.db, [row]))[0] : undefined;
  }

  private async getAny(contactId: string): Promise<Contact | undefined> {
    const row = await q.contactRow(this.p.store.exec, contactId, false);
    return row ? (await q.toContacts(this.db, [row]))[0] : undefined;
  }

  async search(s: q.ContactSearch): Promise<{ contacts: Contact[]; total: number }> {
    const { rows, total } = await q.searchContacts(this.db, s);
    return { contacts: await q.toContacts(this.db, rows), total };
  }

  async exists(info: { contactId?: string; email?: string; phone?: string }): Promise<boolean> {
    return (await q.countByInfo(this.db, info)) > 0;
  }

  /** The contact's closed chats, newest close first, optionally of one source type. */
  async history(
    contactId: string,
    opts: { source?: string; count: number; offset: number; sortAsc?: boolean },
  ): Promise<{ history: HistoryEntry[]; total: number }> {
    const row = await q.contactRow(this.p.store.exec, contactId, false);
    if (!row) failPlain('error-contact-not-found');
    const rooms = (await q.closedRoomsOf(this.db, await q.contactVisitorIds(this.db, contactId))).map(toRoom);
    // the source is derived per room (store/mappers.ts), so it filters here; a contact's chats are few
    const all = rooms.filter((r) => !opts.source || (r as { source?: { type?: string } }).source?.type === opts.source);
    if (opts.sortAsc) all.reverse();
    const history = all.slice(opts.offset, opts.offset + opts.count).map((r) => {
      const x = r as unknown as Record<string, unknown>;
      const pick = (k: string) => (x[k] === undefined ? {} : { [k]: x[k] });
      return {
        ...pick('_id'),
        ...pick('fname'),
        ...pick('ts'),
        ...pick('v'),
        ...pick('msgs'),
        ...pick('servedBy'),
        ...pick('closedAt'),
        ...pick('closedBy'),
        ...pick('closer'),
        ...pick('tags'),
        ...pick('source'),
      } as unknown as HistoryEntry;
    });
    return { history, total: all.length };
  }

  /** Rocket.Chat's getContactChannelsGrouped: one channel per name, the one chatted on last. */
  async channels(contactId: string): Promise<ContactChannel[]> {
    const contact = await this.getAny(contactId);
    if (!contact) return [];
    const byName = new Map<string, ContactChannel>();
    for (const c of contact.channels) {
      const seen = byName.get(c.name);
      if (!seen || (c.lastChat?.ts.getTime() ?? 0) > (seen.lastChat?.ts.getTime() ?? 0)) byName.set(c.name, c);
    }
    return [...byName.values()];
  }

  /**
   * contacts.block / contacts.unblock (Rocket.Chat's changeContactBlockStatus). Blocking also
   * closes the channel's open chat, as Rocket.Chat's closeBlockedRoom does, after the commit.
   */
  async setBlocked(user: User, association: ContactVisitorAssociation, blocked: boolean): Promise<void> {
    await inTx(this.p.store, async (tx) => {
      const channel = await q.channelByAssociation(tx.x, association);
      if (!channel || !(await q.contactRow(tx.x, channel.contact_id))) failPlain('error-contact-not-found');
      await q.setChannelBlocked(tx.db, association, blocked);
      await tx.db
        .updateTable('contacts')
        .set({ updated_at: this.p.now() })
        .where('_id', '=', channel.contact_id)
        .execute();
    });
    if (!blocked) return;
    const open = await this.db
      .selectFrom('rooms')
      .select('_id')
      .where('visitor_id', '=', association.visitorId)
      .where('open', '=', 1)
      .execute();
    for (const r of open) await this.p.closeRoom(user, r._id, 'This channel has been blocked');
  }

  /**
   * Verifies a channel (Rocket.Chat does this through its Enterprise verifyContactChannel) and
   * merges every other contact verified on the same email or phone into this one (Rocket.Chat's
   * mergeContacts): their fields merge as conflicts, their channels and visitors move here.
   */
  async verifyChannel(input: {
    contactId: string;
    visitor: ContactVisitorAssociation;
    field: 'email' | 'phone';
    value: string;
  }): Promise<Contact> {
    await inTx(this.p.store, async (tx) => {
      const row = await q.contactRow(tx.x, input.contactId);
      if (!row) failPlain('error-invalid-contact');
      const channel = await q.channelByAssociation(tx.x, input.visitor);
      if (!channel || channel.contact_id !== row._id) failPlain('error-invalid-channel');
      const value = input.field === 'email' ? input.value.trim().toLowerCase() : input.value.trim();
      const now = this.p.now();
      await q.setChannelVerified(tx.db, input.visitor, { field: input.field, value }, now);
      let data = q.dataOf(row);
      const similar = await q.similarVerifiedContactIds(tx.db, { field: input.field, value }, row._id);
      for (const id of similar) {
        const other = await q.contactRow(tx.x, id);
        if (other) data = mergeIntoContact(data, fieldsOfContact(q.dataOf(other)), 'conflict');
      }
      // the verified value belongs to the contact from now on
      if (input.field === 'email' && !data.emails.some((e) => e.toLowerCase() === value))
        data = { ...data, emails: [...data.emails, value] };
      if (input.field === 'phone' && !data.phones.includes(value)) data = { ...data, phones: [...data.phones, value] };
      await q.saveContact(tx.x, row._id, data, now);
      await q.absorbContacts(tx.db, row._id, similar);
    });
    return (await this.get(input.contactId))!;
  }

  /**
   * omnichannel/contacts.delete (disableContactById): refused while the contact has any chat;
   * otherwise its visitors' data goes and the contact is disabled.
   */
  async remove(contactId: string): Promise<void> {
    await inTx(this.p.store, async (tx) => {
      const row = await q.contactRow(tx.x, contactId);
      if (!row) failPlain('error-contact-not-found');
      const visitors = await q.contactVisitorIds(tx.db, contactId);
      if (await q.anyRoomOf(tx.db, visitors)) failPlain('error-contact-has-open-rooms');
      // no room exists, so a visitor is only its row (its page visits go with it)
      if (visitors.length) {
        await tx.db.deleteFrom('visitors').where('_id', 'in', visitors).execute();
      }
      await q.disableContact(tx.db, contactId, this.p.now());
    });
  }
}
