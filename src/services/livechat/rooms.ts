/**
 * Rooms: created for a visitor (Start, then Queued or Taken), forwarded, closed by the agent or
 * the visitor (closing message saved, then LivechatSession), edited (LivechatEdit once closed).
 */
import type { LivechatDeps } from './deps.ts';
import { audienceOf, roomById, visitorByToken } from './deps.ts';
import type { ConnectionInfo } from './visitors.ts';
import { resolveDepartment } from './visitors.ts';
import {
  assignAgent,
  departmentForwardTarget,
  isAutoRouting,
  lockQueuedInquiry,
  pickAgent,
  insertTransferRecord,
  queueRoom,
  recordForwarded,
  routeRoom,
} from './routing.ts';
import type { AgentRef } from './routing.ts';
import { insertMessage } from './messages.ts';
import { recordRoomEvent } from '../events.ts';
import { assertChannelNotBlocked } from '../contacts.ts';
import { inTx } from '../tx.ts';
// the registry keeps only registered keys of each scope and checks their regexp
import { applyInfoFields, infoFields } from '../custom-fields.ts';
import type { Tx } from '../tx.ts';
import { newId } from '../../domain/ids.ts';
import { fail } from '../../domain/errors.ts';
import { parseUserAgent } from '../../domain/payloads.ts';
import { CLOSING_MESSAGE_TYPE } from '../../domain/models.ts';
import type { Room, User } from '../../domain/models.ts';
import { parseJson, toRoom } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';
import { newRoomRow } from '../../store/rows.ts';

export interface CloseInput {
  rid: string;
  comment?: string;
  tags?: string[];
  /** Rocket.Chat's forceClose: a closed room answers success (and is tidied) instead of an error. */
  forceClose?: boolean;
}

export class RoomsService {
  constructor(private readonly deps: LivechatDeps) {}

  /** GET livechat/room: the visitor's open room, or a new one (newRoom: true). */
  async getOrCreate(
    token: string,
    opts: { rid?: string; agentId?: string },
    conn: ConnectionInfo,
  ): Promise<{ room: Room; newRoom: boolean }> {
    if (!this.deps.settings.get('Livechat_enabled')) fail('error-livechat-disabled', 'Livechat is disabled');
    return inTx(this.deps.store, async (tx) => {
      const visitor = await visitorByToken(tx, token);
      await assertChannelNotBlocked(tx.db, visitor._id); // a blocked contact channel starts no chat
      let q = tx.db.selectFrom('rooms').selectAll().where('visitor_token', '=', token).where('open', '=', 1);
      if (opts.rid) q = q.where('_id', '=', opts.rid);
      const open = await q.executeTakeFirst();
      if (open) return { room: toRoom(open), newRoom: false };
      // Rocket.Chat: a `rid` names an open room of this visitor, never a room to create.
      if (opts.rid) fail('invalid-room', 'Invalid room');
      const now = this.deps.now();
      const ua = conn.userAgent ?? visitor.user_agent ?? undefined;
      const { os, browser } = parseUserAgent(ua);
      const row: RoomRow = newRoomRow(
        {
          _id: newId(),
          fname: visitor.name ?? visitor.username,
          visitor_id: visitor._id,
          visitor_token: visitor.token,
          visitor_username: visitor.username,
          department_id: visitor.department,
          ip: conn.ip ?? visitor.ip,
          user_agent: ua ?? null,
          os: os ?? null,
          browser: browser ?? null,
          source_type: conn.widget ? 'widget' : 'api',
        },
        now,
      );
      await tx.db.insertInto('rooms').values(row).execute();
      if (conn.ip || conn.userAgent) {
        await tx.db
          .updateTable('visitors')
          .set({ ip: row.ip, user_agent: row.user_agent, updated_at: now })
          .where('_id', '=', visitor._id)
          .execute();
      }
      await tx.db
        .insertInto('inquiries')
        .values({
          _id: newId(),
          rid: row._id,
          status: 'queued',
          department_id: row.department_id,
          name: row.fname,
          message: null,
          visitor_id: visitor._id,
          visitor_token: visitor.token,
          visitor_username: visitor.username,
          ts: now,
          queued_at: now,
          taken_by_id: null,
          taken_at: null,
          updated_at: now,
        })
        .execute();
      // Rocket.Chat's order: the room exists (Start), then routing decides (Queued or Taken).
      await recordRoomEvent(tx, this.deps, { type: 'LivechatSessionStart', rid: row._id, messages: 'all' });
      tx.after(() =>
        this.deps.hub.publish({ kind: 'room', audience: audienceOf(row), room: toRoom(row), action: 'created' }),
      );
      const routed = await routeRoom(tx, this.deps, row, opts.agentId);
      return { room: toRoom(routed), newRoom: true };
    });
  }

  async closeByVisitor(token: string, rid: string): Promise<{ rid: string; comment: string }> {
    const comment = 'Closed by visitor';
    // Rocket.Chat checks the setting before it even looks at the token.
    if (!this.deps.settings.get('Omnichannel_allow_visitors_to_close_conversation'))
      fail('error-not-allowed-to-close-conversation', 'Visitors are not allowed to close conversations');
    await inTx(this.deps.store, async (tx) => {
      const visitor = await visitorByToken(tx, token);
      const room = await roomById(tx, rid);
      if (room.visitor_token !== token) fail('invalid-room', 'Invalid room');
      if (room.open !== 1) fail('room-closed', 'Room already closed');
      await this.close(tx, room, {
        closer: 'visitor',
        by: { _id: visitor._id, username: visitor.username, name: visitor.name ?? undefined },
        token,
        comment,
      });
    });
    return { rid, comment };
  }

  async closeByAgent(user: User, input: CloseInput, canCloseOthers: boolean): Promise<void> {
    await inTx(this.deps.store, async (tx) => {
      // Rocket.Chat's closeLivechatRoom ids: error-invalid-room, then error-room-already-closed.
      const room = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', input.rid).executeTakeFirst();
      if (!room) fail('error-invalid-room', 'Invalid room');
      // Rocket.Chat's closeLivechatRoom asks who may close before whether the room is open, and a
      // room the user does not serve (a queued one too) is a 400 error-not-authorized there.
      if (room.served_by_id !== user._id && !canCloseOthers)
        fail('error-not-authorized', 'You are not serving this room');
      if (room.open !== 1 && !input.forceClose) fail('error-room-already-closed', 'Room already closed');
      if (room.open !== 1) {
        // forceClose on a closed room: Rocket.Chat closes it again to repair a half-closed room. Ours
        // closes in one transaction, so the only leftover there could be is a queue entry.
        await tx.db.deleteFrom('inquiries').where('rid', '=', room._id).execute();
        return;
      }
      if (this.deps.settings.get('Livechat_request_comment_when_closing_conversation') && !input.comment?.trim())
        fail('error-comment-is-required', 'A comment is required to close the conversation');
      await requireTagIfAsked(tx, room, input.tags);
      await this.close(tx, room, {
        closer: 'user',
        by: { _id: user._id, username: user.username, name: user.name },
        comment: input.comment ?? '',
        tags: input.tags,
      });
    });
  }

  private async close(
    tx: Tx,
    room: RoomRow,
    c: {
      closer: 'user' | 'visitor';
      by: { _id: string; username: string; name?: string };
      comment: string;
      token?: string;
      tags?: string[];
    },
  ): Promise<void> {
    const now = this.deps.now();
    const patch = {
      open: 0,
      closed_at: now,
      closed_by_id: c.by._id,
      closed_by_username: c.by.username,
      closer: c.closer,
      updated_at: now,
      ...(c.tags ? { tags: JSON.stringify([...new Set(c.tags)]) } : {}),
    };
    // Only an open room closes: on PostgreSQL a concurrent close waits on this row and then finds it
    // closed, which Rocket.Chat reports as a transaction it could not complete.
    const res = await tx.db
      .updateTable('rooms')
      .set(patch)
      .where('_id', '=', room._id)
      .where('open', '=', 1)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      fail('error-room-cannot-be-closed-try-again', 'The room could not be closed, try again');
    // The closing message is saved before the event: the LivechatSession payload includes it (closingMessage: true).
    await insertMessage(tx, this.deps, room, { msg: c.comment, t: CLOSING_MESSAGE_TYPE, u: c.by, token: c.token });
    await tx.db.deleteFrom('inquiries').where('rid', '=', room._id).execute();
    await recordRoomEvent(tx, this.deps, { type: 'LivechatSession', rid: room._id, messages: 'all' });
    const closed = await roomById(tx, room._id);
    tx.after(() =>
      this.deps.hub.publish({ kind: 'room', audience: audienceOf(closed), room: toRoom(closed), action: 'closed' }),
    );
  }

  /** room.forward: to an agent (who must be available) or to a department (routed there). */
  async forward(
    user: User,
    input: { roomId: string; userId?: string; departmentId?: string; comment?: string },
    canForwardOthers: boolean,
  ): Promise<void> {
    if (!input.userId && !input.departmentId) fail('invalid-params', 'userId or departmentId is required');
    await inTx(this.deps.store, async (tx) => {
      // Rocket.Chat's room.forward ids, verbatim (the second one is an i18n key there).
      const room = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', input.roomId).executeTakeFirst();
      if (!room) fail('error-invalid-room', 'Invalid room');
      if (room.open !== 1) fail('This_conversation_is_already_closed', 'This conversation is already closed');
      if (room.served_by_id !== user._id && !canForwardOthers)
        fail('error-not-allowed', 'You are not serving this room');
      let target: RoomRow;
      const by = { _id: user._id, username: user.username, name: user.name };
      if (input.userId) {
        const agent = await this.forwardTarget(tx, input.userId, room, user._id);
        const recorded = await insertTransferRecord(tx, this.deps, room, { by, to: agent, comment: input.comment });
        target = await assignAgent(tx, this.deps, recorded, agent);
      } else {
        const requested = await resolveDepartment(tx.db, input.departmentId!);
        if (requested === room.department_id && !room.served_by_id)
          fail('error-forwarding-chat', 'The room is already waiting in that department');
        // Rocket.Chat's forwarding rules (allowed targets, offline targets, fallback): routing.ts
        const { departmentId, agent } = await departmentForwardTarget(tx.db, this.deps, room, requested, {
          exclude: room.served_by_id ?? undefined,
        });
        const now = this.deps.now();
        await tx.db
          .updateTable('rooms')
          .set({ department_id: departmentId, updated_at: now })
          .where('_id', '=', room._id)
          .execute();
        const moved: RoomRow = { ...room, department_id: departmentId, updated_at: now };
        const recorded = await insertTransferRecord(
          tx,
          this.deps,
          moved,
          { by, to: agent, departmentId, comment: input.comment },
          room,
        );
        target = agent ? await assignAgent(tx, this.deps, recorded, agent) : await queueRoom(tx, this.deps, recorded);
      }
      await recordForwarded(tx, this.deps, room, target);
    });
  }

  /**
   * The agent a room is forwarded to: an active agent not serving it already, available, unless
   * it is the caller taking the chat over (a manager who takes a chat is plainly at the desk).
   */
  private async forwardTarget(tx: Tx, userId: string, room: RoomRow, callerId: string): Promise<AgentRef> {
    const agent = await tx.db
      .selectFrom('users')
      .select(['_id', 'username', 'roles', 'status_livechat', 'active'])
      .where('_id', '=', userId)
      .executeTakeFirst();
    if (!agent || !parseJson<string[]>(agent.roles, []).includes('livechat-agent') || agent.active !== 1) {
      fail('error-invalid-agent', 'Invalid agent');
    }
    if (agent._id === room.served_by_id) fail('error-forwarding-chat', 'The room is already served by this agent');
    if (agent._id !== callerId && agent.status_livechat !== 'available')
      fail('error-forwarding-chat', 'The agent is not available');
    return { _id: agent._id, username: agent.username };
  }

  /** room.saveInfo: visitor and room details; on a closed room this records LivechatEdit. */
  async saveInfo(
    guest: { _id: string; name?: string; email?: string; phone?: string; livechatData?: Record<string, string> },
    roomData: { _id: string; topic?: string; tags?: string[]; livechatData?: Record<string, string> },
  ): Promise<void> {
    await inTx(this.deps.store, async (tx) => {
      const room = await roomById(tx, roomData._id);
      if (room.visitor_id !== guest._id) fail('invalid-params', 'guestData._id is not the visitor of this room');
      const now = this.deps.now();
      const visitor = await tx.db
        .selectFrom('visitors')
        .selectAll()
        .where('_id', '=', guest._id)
        .executeTakeFirstOrThrow();
      await tx.db
        .updateTable('visitors')
        .set({
          name: guest.name ?? visitor.name,
          emails:
            guest.email !== undefined
              ? JSON.stringify(guest.email ? [{ address: guest.email.toLowerCase() }] : [])
              : visitor.emails,
          phones:
            guest.phone !== undefined
              ? JSON.stringify(guest.phone ? [{ phoneNumber: guest.phone }] : [])
              : visitor.phones,
          custom_fields: guest.livechatData
            ? JSON.stringify(
                applyInfoFields(
                  parseJson(visitor.custom_fields, {}),
                  await infoFields(tx.db, 'visitor', guest.livechatData),
                ),
              )
            : visitor.custom_fields,
          updated_at: now,
        })
        .where('_id', '=', guest._id)
        .execute();
      await tx.db
        .updateTable('rooms')
        .set({
          topic: roomData.topic ?? room.topic,
          tags: roomData.tags ? JSON.stringify([...new Set(roomData.tags)]) : room.tags,
          custom_fields: roomData.livechatData
            ? JSON.stringify(
                applyInfoFields(
                  parseJson(room.custom_fields, {}),
                  await infoFields(tx.db, 'room', roomData.livechatData),
                ),
              )
            : room.custom_fields,
          fname: guest.name ?? room.fname,
          updated_at: now,
        })
        .where('_id', '=', room._id)
        .execute();
      if (room.open !== 1)
        await recordRoomEvent(tx, this.deps, { type: 'LivechatEdit', rid: room._id, messages: 'all' });
      const updated = await roomById(tx, room._id);
      tx.after(() =>
        this.deps.hub.publish({
          kind: 'room',
          audience: audienceOf(updated),
          room: toRoom(updated),
          action: 'updated',
        }),
      );
    });
  }

  /** Auto mode: hands queued rooms to available agents, oldest first, one transaction each. */
  async processQueue(limit = 100): Promise<number> {
    if (!isAutoRouting(this.deps)) return 0;
    const queued = await this.deps.db
      .selectFrom('inquiries')
      .select(['_id', 'rid'])
      .where('status', '=', 'queued')
      .orderBy('queued_at')
      .limit(limit)
      .execute();
    let assigned = 0;
    for (const inq of queued) {
      const done = await inTx(this.deps.store, async (tx) => {
        // another process may be assigning the same inquiry right now: only one gets it
        if (!(await lockQueuedInquiry(tx, inq._id, this.deps.now()))) return false;
        const room = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', inq.rid).executeTakeFirst();
        if (!room || room.open !== 1) return false;
        const agent = await pickAgent(tx.db, this.deps, room.department_id);
        if (!agent) return false;
        await assignAgent(tx, this.deps, room, agent);
        return true;
      });
      if (done) assigned++;
    }
    return assigned;
  }
}

/** Rocket.Chat's requestTagBeforeClosingChat: the room's department may refuse a close without tags. */
async function requireTagIfAsked(tx: Tx, room: RoomRow, tags: string[] | undefined): Promise<void> {
  if (!room.department_id || (tags?.length ?? 0) > 0) return;
  const dep = await tx.db
    .selectFrom('departments')
    .select('request_tag_before_closing_chat')
    .where('_id', '=', room.department_id)
    .executeTakeFirst();
  if (Number(dep?.request_tag_before_closing_chat ?? 0) === 1) {
    fail('error-tags-must-be-assigned-before-closing-chat', 'Tag(s) must be assigned before closing the chat');
  }
}
