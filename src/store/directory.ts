/**
 * The staff directory's reads (issue 14), the queries behind Rocket.Chat's `livechat/visitors.search`,
 * `visitors.autocomplete`, `visitors.searchChats`, `livechat/:rid/messages`, `livechat/queue` and
 * the `livechat/inquiries.*` lists. Every list takes its order as `{ column, dir }` pairs (the
 * route maps Rocket.Chat's `sort` JSON onto columns) and always ends on a unique key, so paging
 * never repeats or skips a row.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder, SelectQueryBuilder, SqlBool } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';
import type { InquiryRow, MessageRow, RoomRow, VisitorRow } from './mappers.ts';
import { lowerContains } from './text.ts';
import { CLOSING_MESSAGE_TYPE } from '../domain/models.ts';

export type Dir = 'asc' | 'desc';
export interface Order<C extends string> {
  column: C;
  dir: Dir;
}
export interface Page {
  count: number;
  offset: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `lower(column) LIKE 'text%'`: Rocket.Chat's `^text` with the `i` flag. */
function lowerStartsWith(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`${likeEscape(text.toLowerCase())}%`} escape '\\'`;
}

/** A JSON array of objects (as the store writes it) holding `"key":value` exactly. */
function jsonArrayHas(column: string, key: string, value: string): RawBuilder<SqlBool> {
  const needle = `%${likeEscape(`${JSON.stringify(key)}:${JSON.stringify(value)}`.toLowerCase())}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${needle} escape '\\'`;
}

/**
 * Case-sensitive "contains", as Rocket.Chat's `$regex` without the `i` flag: LIKE folds case on
 * SQLite, so each dialect uses its own substring function.
 */
function containsExactly(dialect: Dialect, column: string, text: string): RawBuilder<SqlBool> {
  return dialect === 'sqlite'
    ? sql<SqlBool>`instr(${sql.ref(column)}, ${text}) > 0`
    : sql<SqlBool>`strpos(${sql.ref(column)}, ${text}) > 0`;
}

async function countOf<DB, TB extends keyof DB>(q: SelectQueryBuilder<DB, TB, object>): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number((row as { n?: number | string } | undefined)?.n ?? 0);
}

// ---------------------------------------------------------------- visitors

export const VISITOR_SORT = { ts: 'created_at', name: 'name', username: 'username', _updatedAt: 'updated_at' } as const;
export type VisitorColumn = (typeof VISITOR_SORT)[keyof typeof VISITOR_SORT];

/**
 * visitors.search: an exact email address or phone number, or a case-insensitive piece of the
 * name or username. With neither, every visitor.
 */
export async function searchVisitors(
  db: Kysely<Database>,
  f: { emailOrPhone?: string; nameOrUsername?: string; order: Order<VisitorColumn>[] } & Page,
): Promise<{ rows: VisitorRow[]; total: number }> {
  let q = db.selectFrom('visitors');
  const { emailOrPhone, nameOrUsername } = f;
  if (emailOrPhone || nameOrUsername) {
    q = q.where((eb) =>
      eb.or([
        ...(emailOrPhone
          ? [jsonArrayHas('emails', 'address', emailOrPhone), jsonArrayHas('phones', 'phoneNumber', emailOrPhone)]
          : []),
        ...(nameOrUsername ? [lowerContains('name', nameOrUsername), lowerContains('username', nameOrUsername)] : []),
      ]),
    );
  }
  const total = await countOf(q);
  let page = q.selectAll();
  for (const o of f.order) page = page.orderBy(o.column, o.dir);
  const rows = await page.orderBy('_id').limit(f.count).offset(f.offset).execute();
  return { rows, total };
}

/** Rocket.Chat's `lastChat` of each visitor: their newest room. */
export async function lastChats(
  db: Kysely<Database>,
  visitorIds: string[],
): Promise<Map<string, { _id: string; ts: number }>> {
  const out = new Map<string, { _id: string; ts: number }>();
  if (visitorIds.length === 0) return out;
  const rows = await db
    .selectFrom('rooms as r')
    .select(['r.visitor_id', 'r._id', 'r.created_at'])
    .where('r.visitor_id', 'in', visitorIds)
    .where((eb) =>
      eb(
        'r.created_at',
        '=',
        eb
          .selectFrom('rooms as r2')
          .select((e) => e.fn.max('r2.created_at').as('m'))
          .whereRef('r2.visitor_id', '=', 'r.visitor_id'),
      ),
    )
    .orderBy('r._id')
    .execute();
  for (const r of rows) if (!out.has(r.visitor_id)) out.set(r.visitor_id, { _id: r._id, ts: Number(r.created_at) });
  return out;
}

/** visitors.autocomplete: names starting with `term` (any case), A to Z, ten at most. */
export async function autocompleteVisitors(
  db: Kysely<Database>,
  term: string,
  exceptions: string[],
): Promise<Pick<VisitorRow, '_id' | 'name' | 'username'>[]> {
  let q = db.selectFrom('visitors').select(['_id', 'name', 'username']).where(lowerStartsWith('name', term.trim()));
  if (exceptions.length) q = q.where('_id', 'not in', exceptions);
  return q.orderBy('name').orderBy('_id').limit(10).execute();
}

// ---------------------------------------------------------------- a visitor's chats

export const CHAT_SORT = { ts: 'created_at', closedAt: 'closed_at', fname: 'fname', msgs: 'msgs' } as const;
export type ChatColumn = (typeof CHAT_SORT)[keyof typeof CHAT_SORT];

/**
 * visitors.searchChats before paging: the visitor's rooms, closed ones only or all, served ones
 * only or all, and with `searchText` in one of their messages (case-sensitive, as Rocket.Chat's).
 * All of them: one visitor's chats are few, and the caller still filters by source.
 */
export async function visitorChats(
  db: Kysely<Database>,
  dialect: Dialect,
  f: { visitorId: string; closedOnly: boolean; servedOnly: boolean; searchText?: string; order: Order<ChatColumn>[] },
): Promise<RoomRow[]> {
  let q = db.selectFrom('rooms').selectAll('rooms').where('rooms.visitor_id', '=', f.visitorId);
  if (f.closedOnly) q = q.where('rooms.closed_at', 'is not', null);
  if (f.servedOnly) q = q.where('rooms.served_by_id', 'is not', null);
  const text = f.searchText;
  if (text) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('messages as m')
          .select('m._id')
          .whereRef('m.rid', '=', 'rooms._id')
          .where(containsExactly(dialect, 'm.msg', text)),
      ),
    );
  }
  for (const o of f.order) q = q.orderBy(`rooms.${o.column}`, o.dir);
  return q.orderBy('rooms._id').limit(10_000).execute();
}

/** The closing message (`livechat-close`) of each room that has one. */
export async function closingMessages(db: Kysely<Database>, rids: string[]): Promise<Map<string, MessageRow>> {
  const out = new Map<string, MessageRow>();
  if (rids.length === 0) return out;
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('rid', 'in', rids)
    .where('t', '=', CLOSING_MESSAGE_TYPE)
    .orderBy('seq')
    .execute();
  for (const m of rows) out.set(m.rid, m);
  return out;
}

// ---------------------------------------------------------------- a room's messages

export const MESSAGE_SORT = { ts: 'ts', _updatedAt: 'updated_at' } as const;
export type MessageColumn = (typeof MESSAGE_SORT)[keyof typeof MESSAGE_SORT];

/**
 * livechat/:rid/messages: what the conversation said (plain messages and the closing message,
 * no system records, no notes), optionally those holding `searchTerm` (any case).
 */
export async function roomMessages(
  db: Kysely<Database>,
  f: { rid: string; searchTerm?: string; order: Order<MessageColumn>[] } & Page,
): Promise<{ rows: MessageRow[]; total: number }> {
  let q = db
    .selectFrom('messages')
    .where('rid', '=', f.rid)
    .where((eb) => eb.or([eb('t', 'is', null), eb('t', '=', CLOSING_MESSAGE_TYPE)]));
  if (f.searchTerm) q = q.where(lowerContains('msg', f.searchTerm));
  const total = await countOf(q);
  let page = q.selectAll();
  for (const o of f.order) page = page.orderBy(o.column, o.dir);
  const last = f.order[0]?.dir ?? 'desc';
  const rows = await page.orderBy('seq', last).limit(f.count).offset(f.offset).execute();
  return { rows, total };
}

// ---------------------------------------------------------------- queue metrics

export const QUEUE_SORT = {
  chats: 'chats',
  'user.username': 'username',
  'department.name': 'department_name',
} as const;
export type QueueColumn = (typeof QUEUE_SORT)[keyof typeof QUEUE_SORT];

export interface QueueRow {
  user_id: string;
  username: string | null;
  online: number | null;
  department_id: string | null;
  department_name: string | null;
  chats: number;
}

/**
 * livechat/queue: open chats per serving agent and department. Without `includeOfflineAgents`,
 * only agents connected now and available for livechat count (Rocket.Chat's user.status and
 * statusLivechat).
 */
export async function queueMetrics(
  db: Kysely<Database>,
  f: { departmentId?: string; agentId?: string; includeOffline: boolean; order: Order<QueueColumn>[] } & Page,
): Promise<{ rows: QueueRow[]; total: number }> {
  let q = db
    .selectFrom('rooms as r')
    .leftJoin('users as u', 'u._id', 'r.served_by_id')
    .leftJoin('departments as d', 'd._id', 'r.department_id')
    .where('r.open', '=', 1)
    .where('r.served_by_id', 'is not', null);
  if (f.departmentId) q = q.where('r.department_id', '=', f.departmentId);
  if (f.agentId) q = q.where('u._id', '=', f.agentId);
  if (!f.includeOffline) q = q.where('u.online', '=', 1).where('u.status_livechat', '=', 'available');
  const grouped = q
    .select((eb) => [
      eb.ref('r.served_by_id').$notNull().as('user_id'),
      'u.username as username',
      'u.online as online',
      'r.department_id as department_id',
      'd.name as department_name',
      eb.fn.countAll<number>().as('chats'),
    ])
    .groupBy(['r.served_by_id', 'u.username', 'u.online', 'r.department_id', 'd.name']);
  const total = await db
    .selectFrom(grouped.as('g'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  let page = db.selectFrom(grouped.as('g')).selectAll();
  for (const o of f.order) page = page.orderBy(o.column, o.dir);
  const rows = await page.orderBy('user_id').orderBy('department_id').limit(f.count).offset(f.offset).execute();
  return {
    rows: rows.map((r) => ({ ...r, chats: Number(r.chats), online: r.online === null ? null : Number(r.online) })),
    total: Number(total?.n ?? 0),
  };
}

// ---------------------------------------------------------------- inquiries

export const INQUIRY_SORT = {
  ts: 'ts',
  queuedAt: 'queued_at',
  _updatedAt: 'updated_at',
  name: 'name',
  rid: 'rid',
  department: 'department_id',
} as const;
export type InquiryColumn = (typeof INQUIRY_SORT)[keyof typeof INQUIRY_SORT];

/**
 * Queued inquiries. `departments`: undefined = any; otherwise those departments or none (the
 * public queue), as Rocket.Chat's findInquiries restricts an agent.
 */
export async function queuedInquiries(
  db: Kysely<Database>,
  f: { departmentId?: string; departments?: string[]; order: Order<InquiryColumn>[] } & Page,
): Promise<{ rows: InquiryRow[]; total: number }> {
  let q = db.selectFrom('inquiries').where('status', '=', 'queued');
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  const allowed = f.departments;
  if (allowed) {
    q = q.where((eb) =>
      eb.or([eb('department_id', 'is', null), ...(allowed.length ? [eb('department_id', 'in', allowed)] : [])]),
    );
  }
  const total = await countOf(q);
  let page = q.selectAll();
  for (const o of f.order) page = page.orderBy(o.column, o.dir);
  const rows = await page.orderBy('_id').limit(f.count).offset(f.offset).execute();
  return { rows, total };
}

export async function inquiryOfRoom(db: Kysely<Database>, rid: string): Promise<InquiryRow | undefined> {
  return db.selectFrom('inquiries').selectAll().where('rid', '=', rid).executeTakeFirst();
}

/** A department by id, else by name (Rocket.Chat's findOneByIdOrName). */
export async function departmentIdByIdOrName(db: Kysely<Database>, idOrName: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('departments')
    .select('_id')
    .where((eb) => eb.or([eb('_id', '=', idOrName), eb('name', '=', idOrName)]))
    .orderBy(sql`case when _id = ${idOrName} then 0 else 1 end`)
    .executeTakeFirst();
  return row?._id;
}

/** The enabled departments an agent belongs to. */
export async function agentDepartments(db: Kysely<Database>, agentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('department_agents as da')
    .innerJoin('departments as d', 'd._id', 'da.department_id')
    .select('d._id')
    .where('da.agent_id', '=', agentId)
    .where('d.enabled', '=', 1)
    .execute();
  return rows.map((r) => r._id);
}

/** The distinct source types rooms came from (migration 0018's `source_type`). */
export async function roomSourceTypes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('rooms').select('source_type').distinct().orderBy('source_type').execute();
  return rows.map((r) => r.source_type);
}
