/**
 * What the presence scheduler (presence.ts) does to rooms: the agent leave action
 * (Livechat_agent_leave_action), the auto-transfer of unanswered chats
 * (Livechat_auto_transfer_chat_timeout) and handing queued rooms out in auto mode.
 *
 * Every room is handled in a transaction of its own that first *claims* it with a conditional
 * UPDATE (still open, still served by the same agent since the same moment, or for the queue still
 * queued). With several processes on PostgreSQL two schedulers may pick the same room: the second
 * UPDATE waits for the first transaction's row lock, then re-reads the row, matches nothing and
 * the second process leaves the room alone. So every action, and every webhook it records,
 * happens once.
 */
import type { LivechatDeps } from './deps.ts';
import { audienceOf } from './deps.ts';
import type { AgentRef } from './routing.ts';
import { assignAgent, insertTransferRecord, isAutoRouting, pickAgent, queueRoom, recordForwarded } from './routing.ts';
import { insertMessage } from './messages.ts';
import { recordRoomEvent } from '../events.ts';
import { inTx } from '../tx.ts';
import type { Tx } from '../tx.ts';
import { CLOSING_MESSAGE_TYPE } from '../../domain/models.ts';
import { toRoom } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';

/** Rooms handled per kind of work and tick; the rest wait for the next tick. */
const BATCH = 100;

export type OnError = (err: unknown, what: string) => void;

interface Actor {
  _id: string;
  username: string;
  name?: string;
}

/** Takes the room for this process: true when it is still open and served as `room` says. */
async function claimServed(tx: Tx, room: RoomRow, now: number, autoTransfer = false): Promise<boolean> {
  if (!room.served_by_id) return false;
  let q = tx.db
    .updateTable('rooms')
    .set(autoTransfer ? { updated_at: now, auto_transferred_at: now } : { updated_at: now })
    .where('_id', '=', room._id)
    .where('open', '=', 1)
    .where('served_by_id', '=', room.served_by_id);
  q =
    room.served_by_ts === null ? q.where('served_by_ts', 'is', null) : q.where('served_by_ts', '=', room.served_by_ts);
  if (autoTransfer) q = q.where('auto_transferred_at', 'is', null);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

async function actorOf(tx: Tx, agentId: string, fallback: string): Promise<Actor> {
  const u = await tx.db
    .selectFrom('users')
    .select(['_id', 'username', 'name'])
    .where('_id', '=', agentId)
    .executeTakeFirst();
  return u ? { _id: u._id, username: u.username, name: u.name } : { _id: agentId, username: fallback };
}

/**
 * Hands the room on as an agent's forward does: a transfer system message, then the next agent
 * (Taken) or the queue (Queued), then LivechatSessionForwarded; or, with `queueOnly`, back to the
 * queue alone (Rocket.Chat's returnRoomAsInquiry: Queued, no forward).
 */
async function handOn(
  tx: Tx,
  deps: LivechatDeps,
  room: RoomRow,
  by: Actor,
  target: { agent?: AgentRef; queueOnly?: boolean; comment?: string },
): Promise<void> {
  // with Rocket.Chat's transferData, so staff read "X forwarded the chat to Y" (or "to the queue")
  const moved = await insertTransferRecord(tx, deps, room, { by, to: target.agent, comment: target.comment });
  const next = target.agent ? await assignAgent(tx, deps, moved, target.agent) : await queueRoom(tx, deps, moved);
  if (target.queueOnly) return;
  await recordForwarded(tx, deps, room, next);
}

/** Closes the room in the agent's name with the leave comment (LivechatSession). */
async function closeFor(tx: Tx, deps: LivechatDeps, room: RoomRow, by: Actor, comment: string): Promise<void> {
  const now = deps.now();
  await insertMessage(tx, deps, room, { msg: comment, t: CLOSING_MESSAGE_TYPE, u: by });
  await tx.db
    .updateTable('rooms')
    .set({
      open: 0,
      closed_at: now,
      closed_by_id: by._id,
      closed_by_username: by.username,
      closer: 'user',
      updated_at: now,
    })
    .where('_id', '=', room._id)
    .execute();
  await tx.db.deleteFrom('inquiries').where('rid', '=', room._id).execute();
  await recordRoomEvent(tx, deps, { type: 'LivechatSession', rid: room._id, messages: 'all' });
  const closed = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', room._id).executeTakeFirstOrThrow();
  tx.after(() =>
    deps.hub.publish({ kind: 'room', audience: audienceOf(closed), room: toRoom(closed), action: 'closed' }),
  );
}

/**
 * Livechat_agent_leave_action on the open rooms of agents who went away: no live connection
 * (grace included) for Livechat_agent_leave_action_timeout seconds. `forward` hands each room to
 * another agent of its department (or the queue), `close` closes it with Livechat_agent_leave_comment.
 */
export async function runLeaveActions(deps: LivechatDeps, onError: OnError): Promise<number> {
  const action = deps.settings.get('Livechat_agent_leave_action');
  if (action !== 'forward' && action !== 'close') return 0;
  const now = deps.now();
  const awaySince = now - Number(deps.settings.get('Livechat_agent_leave_action_timeout')) * 1000;
  const rooms = await deps.db
    .selectFrom('rooms as r')
    .innerJoin('users as u', 'u._id', 'r.served_by_id')
    .selectAll('r')
    .where('r.open', '=', 1)
    .where('u.online', '=', 0)
    .where((eb) => eb.or([eb('u.connected_until', 'is', null), eb('u.connected_until', '<=', awaySince)]))
    .orderBy('r.served_by_ts')
    .limit(BATCH)
    .execute();
  let done = 0;
  for (const room of rooms) {
    try {
      const acted = await inTx(deps.store, async (tx) => {
        if (!(await claimServed(tx, room, deps.now()))) return false;
        const by = await actorOf(tx, room.served_by_id!, room.served_by_username ?? '');
        if (action === 'close') {
          await closeFor(tx, deps, room, by, String(deps.settings.get('Livechat_agent_leave_comment')));
          return true;
        }
        const agent = isAutoRouting(deps)
          ? await pickAgent(tx.db, deps, room.department_id, { exclude: room.served_by_id! })
          : undefined;
        await handOn(tx, deps, room, by, { agent });
        return true;
      });
      if (acted) done++;
    } catch (err) {
      onError(err, `leave action on room ${room._id}`);
    }
  }
  return done;
}

/**
 * Livechat_auto_transfer_chat_timeout: a room its agent has not answered (no message of theirs
 * since they got it) within the timeout moves once, as Rocket.Chat's: in auto mode to the next
 * agent (the room stays, and is looked at again next tick, while nobody else can take it), in
 * manual mode back to the queue.
 */
export async function runAutoTransfers(deps: LivechatDeps, onError: OnError): Promise<number> {
  const timeout = Number(deps.settings.get('Livechat_auto_transfer_chat_timeout'));
  if (!(timeout > 0)) return 0;
  const now = deps.now();
  const rooms = await deps.db
    .selectFrom('rooms as r')
    .selectAll('r')
    .where('r.open', '=', 1)
    .where('r.served_by_id', 'is not', null)
    .where('r.auto_transferred_at', 'is', null)
    .where('r.served_by_ts', '<=', now - timeout * 1000)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('messages as m')
            .select('m._id')
            .whereRef('m.rid', '=', 'r._id')
            .whereRef('m.u_id', '=', 'r.served_by_id')
            .whereRef('m.ts', '>=', 'r.served_by_ts')
            .where('m.t', 'is', null),
        ),
      ),
    )
    .orderBy('r.served_by_ts')
    .limit(BATCH)
    .execute();
  let done = 0;
  for (const room of rooms) {
    try {
      const acted = await inTx(deps.store, async (tx) => {
        const auto = isAutoRouting(deps);
        const agent = auto
          ? await pickAgent(tx.db, deps, room.department_id, { exclude: room.served_by_id! })
          : undefined;
        if (auto && !agent) return false;
        if (!(await claimServed(tx, room, deps.now(), true))) return false;
        const by = await actorOf(tx, room.served_by_id!, room.served_by_username ?? '');
        const comment = `Not answered within ${timeout} seconds`;
        await handOn(tx, deps, room, by, agent ? { agent, comment } : { queueOnly: true, comment });
        return true;
      });
      if (acted) done++;
    } catch (err) {
      onError(err, `auto-transfer of room ${room._id}`);
    }
  }
  return done;
}

/**
 * Auto mode: gives queued rooms (oldest first) to routable agents. Runs on every tick, as
 * Rocket.Chat's queue worker does, so a room queued while everyone was away, or at their limit,
 * goes out as soon as someone can take it. Each inquiry is claimed before it is assigned.
 */
export async function drainQueue(deps: LivechatDeps, onError: OnError): Promise<number> {
  if (!isAutoRouting(deps)) return 0;
  const queued = await deps.db
    .selectFrom('inquiries')
    .select(['_id', 'rid'])
    .where('status', '=', 'queued')
    .orderBy('queued_at')
    .limit(BATCH)
    .execute();
  let assigned = 0;
  for (const inq of queued) {
    try {
      const done = await inTx(deps.store, async (tx) => {
        const room = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', inq.rid).executeTakeFirst();
        if (!room || room.open !== 1 || room.served_by_id) return false;
        const agent = await pickAgent(tx.db, deps, room.department_id);
        if (!agent) return false;
        const claim = await tx.db
          .updateTable('inquiries')
          .set({ updated_at: deps.now() })
          .where('_id', '=', inq._id)
          .where('status', '=', 'queued')
          .executeTakeFirst();
        if (Number(claim.numUpdatedRows) !== 1) return false;
        await assignAgent(tx, deps, room, agent);
        return true;
      });
      if (done) assigned++;
    } catch (err) {
      onError(err, `routing queued room ${inq.rid}`);
    }
  }
  return assigned;
}
