/**
 * The oversight search behind `GET livechat/rooms` (issue 13): every filter Rocket.Chat's
 * findRoomsWithCriteria knows (open, queued, onhold, agents, departmentId, createdAt, closedAt,
 * tags, roomName, customFields, sort) plus our `text`, one query that both dialects run the same.
 *
 * `text` looks in the visitor's name, username and email and in every message of the room. The
 * message part is a LIKE scan of the room's messages (an index cannot serve `%text%`): fine for a
 * support team's history; a full-text index is the next step if it ever is not.
 */
import { sql } from 'kysely';
import type { Expression, Kysely, SqlBool } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';
import type { RoomRow } from './mappers.ts';
import { containsPattern, lowerContains } from './text.ts';

/** The columns a list may sort by, under Rocket.Chat's field names (its `sort` JSON). */
export const ROOM_SORT_FIELDS = {
  ts: 'created_at',
  _id: '_id',
  fname: 'fname',
  lm: 'last_message_at',
  closedAt: 'closed_at',
  open: 'open',
  msgs: 'msgs',
  departmentId: 'department_id',
  'servedBy.username': 'served_by_username',
  'v.username': 'visitor_username',
} as const;
export type RoomSortField = keyof typeof ROOM_SORT_FIELDS;

export interface RoomSearch {
  open?: boolean;
  /** Rocket.Chat's `queued`: open and nobody serves it yet. */
  queued?: boolean;
  /** Rocket.Chat's `onhold`: Omnihook has no on-hold state, so no room matches. */
  onhold?: boolean;
  /** Served by one of these agents (ids or usernames, as Rocket.Chat matches both). */
  agents?: string[];
  departmentId?: string;
  createdFrom?: number;
  createdTo?: number;
  closedFrom?: number;
  closedTo?: number;
  /** Rooms carrying any of these tags (Rocket.Chat's `$in`). */
  tags?: string[];
  roomName?: string;
  /** Room livechatData values, each matched case-insensitively as a substring (Rocket.Chat's regex). */
  customFields?: Record<string, string>;
  /** Ours: visitor name, username, email, or any message's text. */
  text?: string;
  sort: { field: RoomSortField; dir: 'asc' | 'desc' }[];
  count: number;
  offset: number;
}

function customFieldValue(dialect: Dialect, key: string): Expression<string | null> {
  // the key is a bound parameter on both sides; SQLite's JSON path quotes it as a member name
  return dialect === 'sqlite'
    ? sql<string | null>`json_extract(custom_fields, ${`$."${key.replace(/"/g, '""')}"`})`
    : sql<string | null>`(custom_fields::json ->> ${key})`;
}

export async function searchRooms(
  db: Kysely<Database>,
  dialect: Dialect,
  f: RoomSearch,
): Promise<{ rows: RoomRow[]; total: number }> {
  let q = db.selectFrom('rooms');
  if (f.onhold) q = q.where(sql<SqlBool>`1 = 0`);
  if (f.open !== undefined) q = q.where('open', '=', f.open ? 1 : 0);
  if (f.queued) q = q.where('open', '=', 1).where('served_by_id', 'is', null);
  if (f.agents?.length) {
    const agents = f.agents;
    q = q.where((eb) => eb.or([eb('served_by_id', 'in', agents), eb('served_by_username', 'in', agents)]));
  }
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  if (f.createdFrom !== undefined) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('created_at', '<=', f.createdTo);
  if (f.closedFrom !== undefined) q = q.where('closed_at', '>=', f.closedFrom);
  if (f.closedTo !== undefined) q = q.where('closed_at', '<=', f.closedTo);
  if (f.roomName) q = q.where(lowerContains('fname', f.roomName));
  if (f.tags?.length) {
    // tags are a JSON string array; a tag matches as its quoted JSON form, wildcards escaped
    const likes = f.tags.map((t) => containsPattern(JSON.stringify(t)));
    q = q.where((eb) => eb.or(likes.map((p) => sql<SqlBool>`lower(${eb.ref('tags')}) like ${p} escape '\\'`)));
  }
  for (const [key, value] of Object.entries(f.customFields ?? {})) {
    const v = customFieldValue(dialect, key);
    q = q.where(sql<SqlBool>`lower(${v}) like ${containsPattern(value)} escape '\\'`);
  }
  if (f.text) {
    const text = f.text;
    q = q.where((eb) =>
      eb.or([
        lowerContains('rooms.fname', text),
        lowerContains('rooms.visitor_username', text),
        eb.exists(
          eb
            .selectFrom('visitors as v')
            .select('v._id')
            .whereRef('v._id', '=', 'rooms.visitor_id')
            .where((e) => e.or([lowerContains('v.emails', text), lowerContains('v.name', text)])),
        ),
        eb.exists(
          eb
            .selectFrom('messages as m')
            .select('m._id')
            .whereRef('m.rid', '=', 'rooms._id')
            .where(lowerContains('m.msg', text)),
        ),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  let page = q.selectAll('rooms');
  for (const s of f.sort) page = page.orderBy(ROOM_SORT_FIELDS[s.field], s.dir);
  // a stable order under ties, so paging never repeats or skips a room
  page = page.orderBy('created_at', 'desc').orderBy('_id', 'asc');
  const rows = await page.limit(f.count).offset(f.offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}
