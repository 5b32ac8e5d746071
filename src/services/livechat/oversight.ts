/**
 * Oversight (issue 13): managers list every chat (open, queued, closed) with Rocket.Chat's
 * `livechat/rooms` filters and our text search, join any open chat (`livechat/room.join`) and
 * read a chat's forwards (`livechat/transfer.history/:rid`). Taking a chat over is a forward to
 * oneself (rooms.ts `forward`), so it is recorded, and reaches the CRM, as every forward is.
 */
import type { LivechatDeps } from './deps.ts';
import { roomById } from './deps.ts';
import { insertMessage } from './messages.ts';
import { roomSummaries } from './summaries.ts';
import type { RoomSummary } from './summaries.ts';
import { inTx } from '../tx.ts';
import { fail } from '../../domain/errors.ts';
import type { Room, TransferData, User } from '../../domain/models.ts';
import { toMessage, toRoom } from '../../store/mappers.ts';
import { searchRooms } from '../../store/rooms-search.ts';
import type { RoomSearch } from '../../store/rooms-search.ts';

export { ROOM_SORT_FIELDS } from '../../store/rooms-search.ts';
export type { RoomSortField } from '../../store/rooms-search.ts';

/** Rocket.Chat's system message type for "joined the room" (its addUserToRoom). */
export const JOINED_MESSAGE_TYPE = 'uj';

export type ListedRoom = Room & RoomSummary & { department?: { _id: string; name: string } };

export class OversightService {
  constructor(private readonly deps: LivechatDeps) {}

  /**
   * The rooms matching `f`. Without `seeAll` (view-livechat-rooms) a user only ever lists the
   * rooms they serve, closed ones included: their own history.
   */
  async listRooms(user: User, seeAll: boolean, f: RoomSearch): Promise<{ rooms: ListedRoom[]; total: number }> {
    const search = seeAll ? f : { ...f, agents: [user._id] };
    const { rows, total } = await searchRooms(this.deps.db, this.deps.store.caps.dialect, search);
    // The chat lists show each room's last message and how long its visitor has waited (summaries.ts).
    const summaries = await roomSummaries(
      this.deps.db,
      rows.map((r) => r._id),
    );
    // Rocket.Chat's findRooms adds each room's department ({ _id, name }) for the table.
    const depIds = [...new Set(rows.flatMap((r) => (r.department_id ? [r.department_id] : [])))];
    const deps = depIds.length
      ? await this.deps.db.selectFrom('departments').select(['_id', 'name']).where('_id', 'in', depIds).execute()
      : [];
    const names = new Map(deps.map((d) => [d._id, d]));
    const rooms = rows.map((r): ListedRoom => {
      const department = r.department_id ? names.get(r.department_id) : undefined;
      return { ...toRoom(r), ...summaries.get(r._id), ...(department ? { department } : {}) };
    });
    return { rooms, total };
  }

  /**
   * Rocket.Chat's `livechat/room.join`: staff who may see the room join its conversation. Its
   * colleagues and its visitor read "Alice joined the chat" once; joining again, or joining the
   * room one serves, changes nothing. Writing needs no join (managers may write in any room).
   */
  async join(user: User, rid: string, seeAll: boolean): Promise<void> {
    await inTx(this.deps.store, async (tx) => {
      const room = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', rid).executeTakeFirst();
      if (!room) fail('error-invalid-room', 'Invalid room');
      if (room.open !== 1) fail('room-closed', 'Room closed');
      if (!seeAll && room.served_by_id !== user._id && room.served_by_id) fail('error-not-allowed', 'Not allowed');
      if (room.served_by_id === user._id) return;
      const joined = await tx.db
        .selectFrom('messages')
        .select('_id')
        .where('rid', '=', rid)
        .where('t', '=', JOINED_MESSAGE_TYPE)
        .where('u_id', '=', user._id)
        .executeTakeFirst();
      if (joined) return;
      await insertMessage(tx, this.deps, room, {
        msg: '',
        t: JOINED_MESSAGE_TYPE,
        u: { _id: user._id, username: user.username, name: user.name },
      });
    });
  }

  /** Rocket.Chat's `livechat/transfer.history/:rid`: the room's forwards, oldest first. */
  async transferHistory(
    rid: string,
    page: { count: number; offset: number; dir: 'asc' | 'desc' },
  ): Promise<{ history: TransferData[]; total: number }> {
    await roomById(this.deps.db, rid);
    const q = this.deps.db
      .selectFrom('messages')
      .where('rid', '=', rid)
      .where('t', '=', 'livechat_transfer_history')
      .where('transfer_data', 'is not', null);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('seq', page.dir).limit(page.count).offset(page.offset).execute();
    const history = rows.flatMap((r) => toMessage(r).transferData ?? []);
    return { history, total: Number(total?.n ?? 0) };
  }
}
