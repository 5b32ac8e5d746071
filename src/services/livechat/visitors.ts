/**
 * Visitors: registered (upserted) by the token the widget keeps, so repeating a registration is
 * harmless and a token never seen before simply creates the visitor.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { LivechatDeps } from './deps.ts';
import { visitorByToken } from './deps.ts';
import { newId } from '../../domain/ids.ts';
import { fail } from '../../domain/errors.ts';
import { parseJson, toVisitor } from '../../store/mappers.ts';
import { first } from '../../store/prepared.ts';
import { updateVisitorDataQ, visitorByTokenQ } from '../../store/statements.ts';
import type { VisitorRow } from '../../store/mappers.ts';
import type { Visitor } from '../../domain/models.ts';
import { EMAIL_PATTERN } from '../users.ts';
import { inTx } from '../tx.ts';
import { apiFields, registrationFields } from '../custom-fields.ts';
import { forgetVisitorContact, syncVisitorContact } from '../contacts.ts';

export interface CustomFieldInput {
  key: string;
  value: string;
  overwrite: boolean;
}

export interface RegisterVisitorInput {
  token: string;
  name?: string;
  email?: string;
  department?: string;
  phone?: string | { number: string };
  username?: string;
  customFields?: CustomFieldInput[];
}

export interface ConnectionInfo {
  ip?: string;
  userAgent?: string;
  host?: string;
  /** The request came from a widget (Rocket.Chat's isWidget: its cookies), so a new room's source is `widget`. */
  widget?: boolean;
}

/** Resolves a department given by id or by name (Rocket.Chat accepts both). */
export async function resolveDepartment(db: Kysely<Database>, idOrName: string): Promise<string> {
  const d = await db
    .selectFrom('departments')
    .select(['_id', 'enabled'])
    .where((eb) => eb.or([eb('_id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!d || d.enabled !== 1) fail('error-invalid-department', 'Invalid department');
  return d._id;
}

/**
 * Rocket.Chat's registerGuest: a token it has never seen, with the phone number of a known visitor,
 * is that visitor (who keeps their own token). Phones are stored as JSON, so a LIKE narrows the
 * candidates and the exact comparison is made on the parsed list.
 */
async function visitorByPhone(db: Kysely<Database>, phone: string): Promise<VisitorRow | undefined> {
  const needle = JSON.stringify(phone).slice(1, -1);
  const rows = await db
    .selectFrom('visitors')
    .selectAll()
    .where('phones', 'like', `%${needle}%`)
    .orderBy('created_at')
    .limit(50)
    .execute();
  return rows.find((r) => parseJson<{ phoneNumber: string }[]>(r.phones, []).some((p) => p.phoneNumber === phone));
}

export function mergeCustomFields(
  current: Record<string, unknown>,
  fields: CustomFieldInput[],
): Record<string, unknown> {
  const next = { ...current };
  for (const f of fields) {
    if (f.overwrite || next[f.key] === undefined) next[f.key] = f.value;
  }
  return next;
}

function addUnique<T>(list: T[], items: T[], key: (t: T) => string): T[] {
  const seen = new Set(list.map(key));
  const out = [...list];
  for (const item of items) {
    if (seen.has(key(item))) continue;
    out.push(item);
    seen.add(key(item));
  }
  return out;
}

export class VisitorsService {
  constructor(private readonly deps: LivechatDeps) {}

  async register(input: RegisterVisitorInput, conn: ConnectionInfo): Promise<Visitor> {
    const { db } = this.deps;
    if (input.email !== undefined && input.email !== '' && !EMAIL_PATTERN.test(input.email)) {
      fail('error-invalid-email', 'Invalid email');
    }
    const department = input.department ? await resolveDepartment(db, input.department) : undefined;
    const phone = typeof input.phone === 'string' ? input.phone : input.phone?.number;
    return inTx(this.deps.store, async (tx) => {
      // only registered visitor fields are kept; a missing required one refuses (custom-fields.ts)
      const custom = await registrationFields(tx.db, input.customFields ?? []);
      const now = this.deps.now();
      const existing =
        (await first(tx.x, visitorByTokenQ, { token: input.token })) ??
        (phone ? await visitorByPhone(tx.db, phone) : undefined);
      const emails = input.email ? [{ address: input.email.toLowerCase() }] : undefined;
      const phones = phone ? [{ phoneNumber: phone }] : undefined;
      if (existing) {
        const fields = mergeCustomFields(parseJson(existing.custom_fields, {}), custom);
        const patch = {
          name: input.name ?? existing.name,
          department: department ?? existing.department,
          emails: emails ? JSON.stringify(emails) : existing.emails,
          phones: phones ? JSON.stringify(phones) : existing.phones,
          custom_fields: JSON.stringify(fields),
          ip: conn.ip ?? existing.ip,
          user_agent: conn.userAgent ?? existing.user_agent,
          host: conn.host ?? existing.host,
          updated_at: now,
        };
        await tx.x.run(updateVisitorDataQ, { id: existing._id, ...patch });
        // the visitor's contact follows its data (services/contacts.ts)
        const contactId = await syncVisitorContact(tx, { ...existing, ...patch }, now, {
          type: conn.widget ? 'widget' : 'api',
        });
        return toVisitor({ ...existing, ...patch, contact_id: contactId });
      }
      let username = input.username;
      if (username) {
        const taken = await tx.db
          .selectFrom('visitors')
          .select('_id')
          .where('username', '=', username)
          .executeTakeFirst();
        if (taken) fail('error-username-taken', `${username} is already in use`);
      } else {
        username = `guest-${await this.deps.settings.next('Livechat_guest_count', tx.db)}`;
      }
      const row: VisitorRow = {
        _id: newId(),
        token: input.token,
        username,
        name: input.name ?? null,
        department: department ?? null,
        emails: emails ? JSON.stringify(emails) : null,
        phones: phones ? JSON.stringify(phones) : null,
        custom_fields: JSON.stringify(mergeCustomFields({}, custom)),
        ip: conn.ip ?? null,
        user_agent: conn.userAgent ?? null,
        host: conn.host ?? null,
        status: 'online',
        created_at: now,
        updated_at: now,
        contact_id: null,
      };
      await tx.db.insertInto('visitors').values(row).execute();
      row.contact_id = await syncVisitorContact(tx, row, now, { type: conn.widget ? 'widget' : 'api' });
      return toVisitor(row);
    });
  }

  async get(token: string): Promise<Visitor> {
    return toVisitor(await visitorByToken(this.deps.db, token));
  }

  async find(token: string): Promise<Visitor | undefined> {
    const v = await this.deps.db.selectFrom('visitors').selectAll().where('token', '=', token).executeTakeFirst();
    return v ? toVisitor(v) : undefined;
  }

  /**
   * livechat/custom.field(s): each key must be a registered custom field (services/custom-fields.ts);
   * a visitor-scope field lands on the visitor, a room-scope one on the visitor's open rooms
   * (Rocket.Chat's setMultipleCustomFields). Returns what was applied: room fields, then visitor ones.
   */
  async setCustomFields(token: string, fields: CustomFieldInput[]): Promise<CustomFieldInput[]> {
    return inTx(this.deps.store, async (tx) => {
      const v = await visitorByToken(tx, token);
      const scoped = await apiFields(tx.db, fields);
      const now = this.deps.now();
      if (scoped.visitor.length) {
        await tx.db
          .updateTable('visitors')
          .set({
            custom_fields: JSON.stringify(mergeCustomFields(parseJson(v.custom_fields, {}), scoped.visitor)),
            updated_at: now,
          })
          .where('_id', '=', v._id)
          .execute();
      }
      const rooms = scoped.room.length
        ? await tx.db
            .selectFrom('rooms')
            .select(['_id', 'custom_fields'])
            .where('visitor_token', '=', token)
            .where('open', '=', 1)
            .execute()
        : [];
      for (const room of rooms) {
        await tx.db
          .updateTable('rooms')
          .set({
            custom_fields: JSON.stringify(mergeCustomFields(parseJson(room.custom_fields, {}), scoped.room)),
            updated_at: now,
          })
          .where('_id', '=', room._id)
          .execute();
      }
      return [...scoped.room, ...scoped.visitor];
    });
  }

  /** Lead capture: adds emails and phone numbers found in a visitor message. */
  async addContacts(db: Kysely<Database>, visitor: VisitorRow, emails: string[], phones: string[]): Promise<void> {
    const nextEmails = addUnique(
      parseJson<{ address: string }[]>(visitor.emails, []),
      emails.map((e) => ({ address: e.toLowerCase() })),
      (e) => e.address,
    );
    const nextPhones = addUnique(
      parseJson<{ phoneNumber: string }[]>(visitor.phones, []),
      phones.map((p) => ({ phoneNumber: p })),
      (p) => p.phoneNumber,
    );
    await db
      .updateTable('visitors')
      .set({ emails: JSON.stringify(nextEmails), phones: JSON.stringify(nextPhones), updated_at: this.deps.now() })
      .where('_id', '=', visitor._id)
      .execute();
  }

  /** "Remove my data": the visitor, their rooms, messages, files and inquiries. Events already recorded stay. */
  async remove(token: string): Promise<{ _id: string; ts: Date }> {
    return inTx(this.deps.store, async (tx) => {
      const v = await visitorByToken(tx, token);
      const rooms = await tx.db.selectFrom('rooms').select(['_id', 'open']).where('visitor_id', '=', v._id).execute();
      // Rocket.Chat refuses while a conversation is open (its GDPR bypass,
      // Livechat_Allow_collect_and_store_HTTP_header_informations, is inert here): close it first.
      if (rooms.some((r) => r.open === 1)) fail('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms');
      const rids = rooms.map((r) => r._id);
      if (rids.length) {
        await tx.db.deleteFrom('messages').where('rid', 'in', rids).execute();
        await tx.db.deleteFrom('uploads').where('rid', 'in', rids).execute();
        await tx.db.deleteFrom('inquiries').where('rid', 'in', rids).execute();
        await tx.db.deleteFrom('rooms').where('_id', 'in', rids).execute();
      }
      await forgetVisitorContact(tx, v._id);
      await tx.db.deleteFrom('visitors').where('_id', '=', v._id).execute();
      return { _id: v._id, ts: new Date(this.deps.now()) };
    });
  }
}
