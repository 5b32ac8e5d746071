/**
 * Routing (Livechat_Routing_Method): Auto_Selection gives a room to the available and online agent
 * of its department (any agent when it has none) with the fewest open rooms, under the limits of
 * simultaneous chats; Manual_Selection leaves the inquiry queued until an agent takes it. With no available agent the room is queued, and
 * in auto mode queued rooms are given out when an agent becomes available.
 * Each function runs inside the caller's transaction and records the matching event there.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Tx } from '../tx.ts';
import type { LivechatDeps } from './deps.ts';
import { audienceOf } from './deps.ts';
import { recordRoomEvent } from '../events.ts';
import { insertMessage } from './messages.ts';
import { parseJson, toInquiry, toRoom } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';
import { fail } from '../../domain/errors.ts';
import type { TransferData } from '../../domain/models.ts';
import { withinBusinessHours } from '../business-hours.ts';

export interface AgentRef {
  _id: string;
  username: string;
}

const AGENT_ROLE = '%"livechat-agent"%';

/** What routing reads besides the database: the limits are settings; business hours need the clock. */
export type RoutingDeps = Pick<LivechatDeps, 'settings' | 'now'>;

/**
 * Agents routing may give a chat to: active agents marked available AND online (a live connection,
 * or its grace, held by some process: services/livechat/presence.ts). Marked available with no
 * connection ("away") is never enough: nobody would read the chat.
 */
function routableAgents(db: Kysely<Database>, departmentId: string | null) {
  let q = db
    .selectFrom('users as u')
    .where('u.status_livechat', '=', 'available')
    .where('u.online', '=', 1)
    .where('u.active', '=', 1)
    .where('u.roles', 'like', AGENT_ROLE)
    // users.setStatus offline is Rocket.Chat's invisible: connected, but routing skips them
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('user_status as us')
            .select('us.user_id')
            .whereRef('us.user_id', '=', 'u._id')
            .where('us.status', '=', 'offline'),
        ),
      ),
    );
  if (departmentId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('department_agents as da')
          .select('da.agent_id')
          .whereRef('da.agent_id', '=', 'u._id')
          .where('da.department_id', '=', departmentId),
      ),
    );
  }
  return q;
}

/** True when some agent (of the department, when given) could be routed a chat now. */
export async function anyAgentOnline(db: Kysely<Database>, departmentId: string | null): Promise<boolean> {
  return (await routableAgents(db, departmentId).select('u._id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Rocket.Chat's limits of simultaneous chats: the department's maxNumberSimultaneousChat counts
 * the agent's open chats in that department, Livechat_maximum_chats_per_agent all their open
 * chats; 0 means no limit at either level.
 */
export async function chatLimits(
  db: Kysely<Database>,
  deps: RoutingDeps,
  departmentId: string | null,
): Promise<{ total: number; department: number }> {
  const total = Number(deps.settings.get('Livechat_maximum_chats_per_agent')) || 0;
  if (!departmentId) return { total, department: 0 };
  const dep = await db
    .selectFrom('departments')
    .select('max_number_simultaneous_chat')
    .where('_id', '=', departmentId)
    .executeTakeFirst();
  return { total, department: dep?.max_number_simultaneous_chat ?? 0 };
}

/** The routable agent with the fewest open rooms, under the chat limits (ties: username order). */
export async function pickAgent(
  db: Kysely<Database>,
  deps: RoutingDeps,
  departmentId: string | null,
  opts: { exclude?: string; prefer?: string } = {},
): Promise<AgentRef | undefined> {
  // outside the department's business hours nobody is routed (services/business-hours.ts)
  if (!(await withinBusinessHours(db, deps, departmentId))) return undefined;
  const limits = await chatLimits(db, deps, departmentId);
  let q = routableAgents(db, departmentId)
    .select(['u._id', 'u.username'])
    .select((eb) =>
      eb
        .selectFrom('rooms as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.served_by_id', '=', 'u._id')
        .where('r.open', '=', 1)
        .as('open_rooms'),
    );
  if (limits.total > 0) {
    q = q.where(
      (eb) =>
        eb
          .selectFrom('rooms as r')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('r.served_by_id', '=', 'u._id')
          .where('r.open', '=', 1),
      '<',
      limits.total,
    );
  }
  if (limits.department > 0 && departmentId) {
    q = q.where(
      (eb) =>
        eb
          .selectFrom('rooms as r')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('r.served_by_id', '=', 'u._id')
          .where('r.open', '=', 1)
          .where('r.department_id', '=', departmentId),
      '<',
      limits.department,
    );
  }
  if (opts.exclude) q = q.where('u._id', '!=', opts.exclude);
  const candidates = await q.orderBy('open_rooms').orderBy('u.username').limit(50).execute();
  const preferred = opts.prefer ? candidates.find((c) => c._id === opts.prefer) : undefined;
  const chosen = preferred ?? candidates[0];
  return chosen ? { _id: chosen._id, username: chosen.username } : undefined;
}

/** Rocket.Chat's Omnichannel_max_fallback_forward_depth default: how many fallbacks one forward follows. */
const FALLBACK_DEPTH = 3;

/**
 * Rocket.Chat's forwarding rules for moving a room (as it stands, before the move) to a
 * department; the caller moves it to the department returned and gives it to the agent, or queues
 * it when there is none:
 * - the room's current department may list the departments it forwards to
 *   (departmentsAllowedToForward, [] = any): error-forwarding-department-target-not-allowed;
 * - manual routing: the chat waits in the new department's queue;
 * - auto routing, nobody there can take it: a chat nobody serves waits in the queue, and so does
 *   one sent to a department with allowReceiveForwardOffline; otherwise it goes on to the
 *   department's fallbackForwardDepartment (enabled ones, at most FALLBACK_DEPTH hops), and with
 *   none of those it stays where it was: error-no-agents-online-in-department.
 */
export async function departmentForwardTarget(
  db: Kysely<Database>,
  deps: LivechatDeps,
  room: RoomRow,
  departmentId: string,
  pick: { exclude?: string; prefer?: string } = {},
): Promise<{ departmentId: string; agent?: AgentRef }> {
  if (room.department_id) {
    const current = await db
      .selectFrom('departments')
      .select('departments_allowed_to_forward')
      .where('_id', '=', room.department_id)
      .executeTakeFirst();
    const allowed = parseJson<string[]>(current?.departments_allowed_to_forward, []);
    if (allowed.length > 0 && !allowed.includes(departmentId))
      fail('error-forwarding-department-target-not-allowed', 'The forwarding to the target department is not allowed.');
  }
  if (!isAutoRouting(deps)) return { departmentId };
  let target = departmentId;
  for (let hop = 0; ; hop++) {
    const agent = await pickAgent(db, deps, target, pick);
    if (agent) return { departmentId: target, agent };
    if (!room.served_by_id) return { departmentId: target };
    const dep = await db
      .selectFrom('departments')
      .select(['allow_receive_forward_offline', 'fallback_forward_department'])
      .where('_id', '=', target)
      .executeTakeFirst();
    if (dep?.allow_receive_forward_offline === 1) return { departmentId: target };
    const fallback = dep?.fallback_forward_department
      ? await db
          .selectFrom('departments')
          .select('_id')
          .where('_id', '=', dep.fallback_forward_department)
          .where('enabled', '=', 1)
          .executeTakeFirst()
      : undefined;
    if (!fallback || fallback._id === room.department_id || hop >= FALLBACK_DEPTH)
      fail('error-no-agents-online-in-department', 'No agents online in the department');
    target = fallback._id;
  }
}

/** True when the agent already holds as many open chats as a limit allows (manual take). */
export async function atChatLimit(
  db: Kysely<Database>,
  deps: RoutingDeps,
  agentId: string,
  departmentId: string | null,
): Promise<boolean> {
  const limits = await chatLimits(db, deps, departmentId);
  if (limits.total <= 0 && limits.department <= 0) return false;
  const open = await db
    .selectFrom('rooms')
    .select(['department_id'])
    .where('served_by_id', '=', agentId)
    .where('open', '=', 1)
    .execute();
  if (limits.total > 0 && open.length >= limits.total) return true;
  const inDepartment = open.filter((r) => departmentId && r.department_id === departmentId).length;
  return limits.department > 0 && inDepartment >= limits.department;
}

/** Gives the room to the agent: room served, inquiry taken, LivechatSessionTaken recorded. */
export async function assignAgent(tx: Tx, deps: LivechatDeps, room: RoomRow, agent: AgentRef): Promise<RoomRow> {
  const now = deps.now();
  await tx.db
    .updateTable('rooms')
    .set({ served_by_id: agent._id, served_by_username: agent.username, served_by_ts: now, updated_at: now })
    .where('_id', '=', room._id)
    .execute();
  await tx.db
    .updateTable('inquiries')
    .set({ status: 'taken', taken_by_id: agent._id, taken_at: now, updated_at: now })
    .where('rid', '=', room._id)
    .execute();
  const next: RoomRow = {
    ...room,
    served_by_id: agent._id,
    served_by_username: agent.username,
    served_by_ts: now,
    updated_at: now,
  };
  await recordRoomEvent(tx, deps, { type: 'LivechatSessionTaken', rid: room._id, messages: 'all' });
  const inquiry = await tx.db.selectFrom('inquiries').selectAll().where('rid', '=', room._id).executeTakeFirst();
  tx.after(() => {
    deps.hub.publish({
      kind: 'room',
      audience: audienceOf(next, room.served_by_id),
      room: toRoom(next),
      action: 'taken',
    });
    if (inquiry) deps.hub.publish({ kind: 'inquiry', inquiry: toInquiry(inquiry), action: 'taken' });
  });
  return next;
}

/** Puts the room (back) in the queue, unserved: LivechatSessionQueued recorded. */
export async function queueRoom(tx: Tx, deps: LivechatDeps, room: RoomRow): Promise<RoomRow> {
  const now = deps.now();
  await tx.db
    .updateTable('rooms')
    .set({ served_by_id: null, served_by_username: null, served_by_ts: null, queued_at: now, updated_at: now })
    .where('_id', '=', room._id)
    .execute();
  await tx.db
    .updateTable('inquiries')
    .set({
      status: 'queued',
      taken_by_id: null,
      taken_at: null,
      queued_at: now,
      department_id: room.department_id,
      updated_at: now,
    })
    .where('rid', '=', room._id)
    .execute();
  const next: RoomRow = {
    ...room,
    served_by_id: null,
    served_by_username: null,
    served_by_ts: null,
    queued_at: now,
    updated_at: now,
  };
  await recordRoomEvent(tx, deps, { type: 'LivechatSessionQueued', rid: room._id, messages: 'all' });
  const inquiry = await tx.db.selectFrom('inquiries').selectAll().where('rid', '=', room._id).executeTakeFirstOrThrow();
  tx.after(() => {
    deps.hub.publish({
      kind: 'room',
      audience: audienceOf(next, room.served_by_id),
      room: toRoom(next),
      action: 'queued',
    });
    deps.hub.publish({ kind: 'inquiry', inquiry: toInquiry(inquiry), action: 'queued' });
  });
  return next;
}

export function isAutoRouting(deps: LivechatDeps): boolean {
  return deps.settings.get('Livechat_Routing_Method') === 'Auto_Selection';
}

/** Routes a room that has no agent: assign in auto mode when someone is available, else queue. */
export async function routeRoom(tx: Tx, deps: LivechatDeps, room: RoomRow, preferAgentId?: string): Promise<RoomRow> {
  // Outside business hours Rocket.Chat's QueueManager refuses a new chat unless
  // Livechat_accept_chats_with_no_agents lets it wait in the queue; the refusal undoes the room.
  if (
    deps.settings.read('Livechat_accept_chats_with_no_agents') !== true &&
    !(await withinBusinessHours(tx.db, deps, room.department_id))
  )
    fail('no-agent-online', 'Sorry, no online agents');
  if (isAutoRouting(deps)) {
    const agent = await pickAgent(tx.db, deps, room.department_id, { prefer: preferAgentId });
    if (agent) return assignAgent(tx, deps, room, agent);
  }
  return queueRoom(tx, deps, room);
}

/** An agent takes a queued inquiry (manual routing, or a manager assigning one). */
/**
 * Locks a queued inquiry for this transaction, or says it is no longer queued. Processes sharing
 * PostgreSQL may try the same inquiry at once: the UPDATE makes the second wait for the first to
 * commit and then re-check `status` on the row as committed (READ COMMITTED), so exactly one
 * assigns it. SQLite has one writer, where this is simply the check.
 */
export async function lockQueuedInquiry(tx: Tx, inquiryId: string, now: number): Promise<boolean> {
  const res = await tx.db
    .updateTable('inquiries')
    .set({ updated_at: now })
    .where('_id', '=', inquiryId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function takeInquiry(tx: Tx, deps: LivechatDeps, inquiryId: string, agent: AgentRef): Promise<RoomRow> {
  const locked = await lockQueuedInquiry(tx, inquiryId, deps.now());
  const inquiry = await tx.db.selectFrom('inquiries').selectAll().where('_id', '=', inquiryId).executeTakeFirst();
  if (!inquiry) fail('error-invalid-inquiry', 'Invalid inquiry');
  if (!locked || inquiry.status !== 'queued') fail('error-inquiry-taken', 'Inquiry already taken');
  const room = await tx.db.selectFrom('rooms').selectAll().where('_id', '=', inquiry.rid).executeTakeFirst();
  if (!room || room.open !== 1) fail('room-closed', 'Room closed');
  if (room.department_id) {
    const member = await tx.db
      .selectFrom('department_agents')
      .select('agent_id')
      .where('department_id', '=', room.department_id)
      .where('agent_id', '=', agent._id)
      .executeTakeFirst();
    if (!member) fail('error-not-allowed', 'The agent is not in the department of this inquiry');
  }
  if (await atChatLimit(tx.db, deps, agent._id, room.department_id))
    fail('error-not-allowed', 'The agent has reached the maximum number of simultaneous chats');
  return assignAgent(tx, deps, room, agent);
}

/**
 * A room moved from `before` (its agent and department then) to `after`: the
 * LivechatSessionForwarded event with Rocket.Chat's oldServedBy / oldDepartmentId, and the live
 * push after commit. Agents' forwards, visitors' department transfers and leave actions share it.
 */
export async function recordForwarded(tx: Tx, deps: LivechatDeps, before: RoomRow, after: RoomRow): Promise<void> {
  const oldServedBy =
    before.served_by_id && before.served_by_username
      ? {
          _id: before.served_by_id,
          username: before.served_by_username,
          ts: new Date(before.served_by_ts ?? before.created_at),
        }
      : undefined;
  await recordRoomEvent(tx, deps, {
    type: 'LivechatSessionForwarded',
    rid: before._id,
    messages: 'all',
    oldServedBy,
    oldDepartmentId: before.department_id ?? undefined,
  });
  tx.after(() =>
    deps.hub.publish({
      kind: 'room',
      audience: audienceOf(after, before.served_by_id),
      room: toRoom(after),
      action: 'forwarded',
    }),
  );
}

/** Who hands a chat on, and where it goes; the room is the room as it was before the move. */
export interface TransferRecord {
  by: { _id: string; username: string; name?: string };
  /** The agent who gets the chat now, when one does. */
  to?: { _id: string; username: string; name?: string };
  /** The department it moves to, for a department forward. */
  departmentId?: string | null;
  comment?: string;
}

/**
 * The `livechat_transfer_history` message of a forward, with Rocket.Chat's `transferData`
 * (its saveTransferHistory): the chat page then says "Alice forwarded the chat to Bob", "... to
 * the Sales department" or "... to the queue". `userType` as Rocket.Chat's
 * normalizeTransferredByData: the visitor, the agent serving it, or another user (a manager).
 * `room` is the row as it stands (a department forward has moved it already), `before` the row
 * before the forward. Returns the room as it stands after the message (msgs bumped).
 */
export async function insertTransferRecord(
  tx: Tx,
  deps: LivechatDeps,
  room: RoomRow,
  r: TransferRecord,
  before: RoomRow = room,
): Promise<RoomRow> {
  const userType = r.by._id === before.visitor_id ? 'visitor' : r.by._id === before.served_by_id ? 'agent' : 'user';
  const department = r.departmentId
    ? await tx.db.selectFrom('departments').select(['_id', 'name']).where('_id', '=', r.departmentId).executeTakeFirst()
    : undefined;
  const to = r.to ? await withName(tx, r.to) : undefined;
  const scope: TransferData['scope'] = department ? 'department' : to ? 'agent' : 'queue';
  const transferData: TransferData = {
    transferredBy: { ...r.by, userType },
    ...(to ? { transferredTo: to } : {}),
    ...(department ? { nextDepartment: { _id: department._id, name: department.name } } : {}),
    ...(before.department_id && department ? { previousDepartment: before.department_id } : {}),
    scope,
    ...(r.comment ? { comment: r.comment } : {}),
    ts: new Date(deps.now()),
  };
  // A system message, never sent to the CRM; the comment stays staff-only (domain/visibility.ts).
  const { room: after } = await insertMessage(tx, deps, room, {
    msg: r.comment ?? '',
    t: 'livechat_transfer_history',
    u: r.by,
    transferData,
  });
  return after;
}

async function withName(tx: Tx, a: { _id: string; username: string; name?: string }) {
  if (a.name) return a;
  const u = await tx.db.selectFrom('users').select('name').where('_id', '=', a._id).executeTakeFirst();
  return u?.name ? { ...a, name: u.name } : a;
}
