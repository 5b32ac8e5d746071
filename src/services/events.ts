/**
 * Records events: every state change calls one of these inside its own transaction. The payload
 * is rendered here, at event time, and stored with the event; the outbox then fans it out.
 */
import type { Tx } from './tx.ts';
import type { SettingsService } from './settings.ts';
import type { Waker } from './outbox.ts';
import { enqueueDeliveries } from './outbox.ts';
import { newEventId } from '../domain/ids.ts';
import { buildOfflinePayload, buildRoomPayload, renderBody } from '../domain/payloads.ts';
import type { RoomEventType } from '../domain/payloads.ts';
import type { EventType, Message } from '../domain/models.ts';
import { toMessage, toRoom, toUser, toVisitor } from '../store/mappers.ts';
import type { RoomRow, VisitorRow } from '../store/mappers.ts';
import { arg, first, prepare } from '../store/prepared.ts';

const agentQ = prepare((db) => db.selectFrom('users').selectAll().where('_id', '=', arg('id')));
const insertEventQ = prepare((db) =>
  db.insertInto('events').values({
    _id: arg('_id'),
    type: arg('type'),
    rid: arg('rid'),
    department_id: arg('department_id'),
    body: arg('body'),
    created_at: arg('created_at'),
  }),
);

export interface EventDeps {
  settings: SettingsService;
  waker: Waker;
  now(): number;
}

export interface RoomEventInput {
  type: RoomEventType;
  rid: string;
  /** 'all': every visible message of the room; 'none': an empty list; or exactly these. */
  messages: 'all' | 'none' | Message[];
  sender?: 'visitor' | 'agent';
  oldServedBy?: { _id: string; username: string; ts: Date };
  oldDepartmentId?: string;
  /** The room and visitor as they stand after the change, when the caller has them already. */
  room?: RoomRow;
  visitor?: VisitorRow;
}

export interface RecordedEvent {
  _id: string;
  type: string;
  deliveries: number;
}

export async function recordRoomEvent(tx: Tx, deps: EventDeps, input: RoomEventInput): Promise<RecordedEvent> {
  const roomRow = input.room ?? (await tx.db.selectFrom('rooms').selectAll().where('_id', '=', input.rid).executeTakeFirstOrThrow());
  const visitorRow =
    input.visitor ?? (await tx.db.selectFrom('visitors').selectAll().where('_id', '=', roomRow.visitor_id).executeTakeFirstOrThrow());
  const agentRow = roomRow.served_by_id ? await first(tx.x, agentQ, { id: roomRow.served_by_id }) : undefined;
  let messages: Message[];
  if (input.messages === 'all') {
    const rows = await tx.db.selectFrom('messages').selectAll().where('rid', '=', input.rid).orderBy('seq').execute();
    messages = rows.map(toMessage);
  } else {
    messages = input.messages === 'none' ? [] : input.messages;
  }
  const payload = buildRoomPayload({
    type: input.type,
    room: toRoom(roomRow),
    visitor: toVisitor(visitorRow),
    agent: agentRow ? toUser(agentRow) : undefined,
    messages,
    oldServedBy: input.oldServedBy,
    oldDepartmentId: input.oldDepartmentId,
  });
  return insertEvent(tx, deps, {
    type: input.type,
    rid: input.rid,
    departmentId: roomRow.department_id,
    body: renderBody(payload),
    sender: input.sender,
  });
}

export interface OfflineEventInput {
  name: string;
  email: string;
  message: string;
  department?: string;
}

export async function recordOfflineEvent(tx: Tx, deps: EventDeps, input: OfflineEventInput): Promise<RecordedEvent> {
  const body = renderBody(
    buildOfflinePayload({ name: input.name, email: input.email, message: input.message, sentAt: new Date(deps.now()) }),
  );
  return insertEvent(tx, deps, {
    type: 'LivechatOfflineMessage',
    rid: null,
    departmentId: input.department ?? null,
    body,
  });
}

/** An event a Rocket.Chat server sent to the relay: stored as received and fanned out to endpoints. */
export async function recordRelayedEvent(
  tx: Tx,
  deps: EventDeps,
  e: { type: EventType; rid: string | null; departmentId: string | null; body: string },
): Promise<RecordedEvent> {
  return insertEvent(tx, deps, { ...e, relayed: true });
}

async function insertEvent(
  tx: Tx,
  deps: EventDeps,
  e: { type: EventType; rid: string | null; departmentId: string | null; body: string; sender?: 'visitor' | 'agent'; relayed?: boolean },
): Promise<RecordedEvent> {
  const _id = newEventId();
  const createdAt = deps.now();
  await tx.x.run(insertEventQ, { _id, type: e.type, rid: e.rid, department_id: e.departmentId, body: e.body, created_at: createdAt });
  const deliveries = await enqueueDeliveries(tx, deps.settings, deps.waker, {
    _id,
    type: e.type,
    rid: e.rid,
    departmentId: e.departmentId,
    createdAt,
    sender: e.sender,
    relayed: e.relayed,
  });
  return { _id, type: e.type, deliveries };
}
