/** What the livechat use cases need, and small shared look-ups. */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Store } from '../../store/open.ts';
import type { SettingsService } from '../settings.ts';
import type { LivePublisher, RoomAudience } from '../../domain/live-events.ts';
import type { Waker } from '../events.ts';
import type { EventDeps } from '../events.ts';
import type { RoomRow, VisitorRow } from '../../store/mappers.ts';
import { fail } from '../../domain/errors.ts';
import type { Tx } from '../tx.ts';
import { first, plainExec } from '../../store/prepared.ts';
import { roomByIdQ, visitorByTokenQ, visitorRoomQ } from '../../store/statements.ts';
import type { Exec } from '../../store/prepared.ts';

export interface LivechatDeps extends EventDeps {
  /** Opens the transactions (services/tx.ts); `db` is the same store's typed builder for reads. */
  store: Store;
  db: Kysely<Database>;
  settings: SettingsService;
  hub: LivePublisher;
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

/** Inside a transaction (a Tx) or on the store itself. */
export type Queryable = Tx | Kysely<Database>;

export function execOf(q: Queryable): Exec {
  return 'after' in q ? q.x : plainExec(q);
}

export async function visitorByToken(q: Queryable, token: string): Promise<VisitorRow> {
  const v = await first(execOf(q), visitorByTokenQ, { token });
  if (!v) fail('invalid-token', 'Invalid visitor token');
  return v;
}

export async function roomById(q: Queryable, rid: string): Promise<RoomRow> {
  const r = await first(execOf(q), roomByIdQ, { rid });
  if (!r) fail('invalid-room', 'Invalid room');
  return r;
}

/** The visitor's own room; another visitor's room is reported exactly like an unknown one. */
export async function visitorRoom(q: Queryable, rid: string, token: string): Promise<RoomRow> {
  const r = await first(execOf(q), visitorRoomQ, { rid, token });
  if (!r) fail('invalid-room', 'Invalid room');
  return r;
}
