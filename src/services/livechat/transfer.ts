/**
 * `livechat/room.transfer`: the visitor moves their open room to another department (the
 * widget's "Change department"). Same outcome as an agent's forward to a department: a transfer
 * system message, routing in the new department (an agent, else the queue), and the
 * LivechatSessionForwarded event, all in one transaction.
 */
import type { LivechatDeps } from './deps.ts';
import { visitorByToken, visitorRoom } from './deps.ts';
import { resolveDepartment } from './visitors.ts';
import { assignAgent, departmentForwardTarget, insertTransferRecord, queueRoom, recordForwarded } from './routing.ts';
import { inTx } from '../tx.ts';
import { fail } from '../../domain/errors.ts';
import type { Room } from '../../domain/models.ts';
import { toRoom } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';

export async function transferByVisitor(
  deps: LivechatDeps,
  input: { rid: string; token: string; department: string },
): Promise<Room> {
  return inTx(deps.store, async (tx) => {
    const visitor = await visitorByToken(tx, input.token);
    const room = await visitorRoom(tx, input.rid, input.token);
    if (room.open !== 1) fail('room-closed', 'Room closed');
    const requested = await resolveDepartment(tx.db, input.department);
    if (requested === room.department_id) return toRoom(room);
    // The visitor asked for another department, not another person: the current agent may stay
    // when they belong to it (unlike an agent's forward, which hands the room to someone else).
    // Rocket.Chat's forwarding rules apply as to an agent's forward (routing.ts).
    const { departmentId, agent } = await departmentForwardTarget(tx.db, deps, room, requested, {
      prefer: room.served_by_id ?? undefined,
    });
    const now = deps.now();
    await tx.db
      .updateTable('rooms')
      .set({ department_id: departmentId, updated_at: now })
      .where('_id', '=', room._id)
      .execute();
    await tx.db
      .updateTable('visitors')
      .set({ department: departmentId, updated_at: now })
      .where('_id', '=', visitor._id)
      .execute();
    const moved: RoomRow = { ...room, department_id: departmentId, updated_at: now };
    const by = { _id: visitor._id, username: visitor.username, name: visitor.name ?? undefined };
    const recorded = await insertTransferRecord(tx, deps, moved, { by, to: agent, departmentId }, room);
    const target = agent ? await assignAgent(tx, deps, recorded, agent) : await queueRoom(tx, deps, recorded);
    await recordForwarded(tx, deps, room, target);
    return toRoom(target);
  });
}
