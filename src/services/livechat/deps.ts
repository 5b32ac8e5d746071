/** What the livechat use cases need, and small shared look-ups. */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { SettingsService } from '../settings.ts';
import type { Hub, RoomAudience } from '../../realtime/hub.ts';
import type { Waker } from '../outbox.ts';
import type { EventDeps } from '../events.ts';
import type { RoomRow, VisitorRow } from '../../store/mappers.ts';
import { fail } from '../../domain/errors.ts';

export interface LivechatDeps extends EventDeps {
  db: Kysely<Database>;
  settings: SettingsService;
  hub: Hub;
  waker: Waker;
  now(): number;
}

export function audienceOf(room: RoomRow, previousServedById?: string | null): RoomAudience {
  const a: RoomAudience = { rid: room._id, visitorToken: room.visitor_token };
  if (room.served_by_id) a.servedById = room.served_by_id;
  if (previousServedById) a.previousServedById = previousServedById;
  if (room.department_id) a.departmentId = room.department_id;
  return a;
}

export async function visitorByToken(db: Kysely<Database>, token: string): Promise<VisitorRow> {
  const v = await db.selectFrom('visitors').selectAll().where('token', '=', token).executeTakeFirst();
  if (!v) fail('invalid-token', 'Invalid visitor token');
  return v;
}

export async function roomById(db: Kysely<Database>, rid: string): Promise<RoomRow> {
  const r = await db.selectFrom('rooms').selectAll().where('_id', '=', rid).executeTakeFirst();
  if (!r) fail('invalid-room', 'Invalid room');
  return r;
}

/** The visitor's own room; another visitor's room is reported exactly like an unknown one. */
export async function visitorRoom(db: Kysely<Database>, rid: string, token: string): Promise<RoomRow> {
  const r = await db
    .selectFrom('rooms')
    .selectAll()
    .where('_id', '=', rid)
    .where('visitor_token', '=', token)
    .executeTakeFirst();
  if (!r) fail('invalid-room', 'Invalid room');
  return r;
}
