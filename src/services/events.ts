/**
 * Records events: every state change calls one of these inside its own transaction. The payload
 * is rendered here, at event time, and stored with the event; the outbox then fans it out.
 */
import type { Tx } from './tx.ts';
import { newEventId } from '../domain/ids.ts';
import { buildOfflinePayload, buildRoomPayload, renderBody } from '../domain/payloads.ts';
import type { RoomEventType } from '../domain/payloads.ts';
import type { EventType, Message } from '../domain/models.ts';
import { toMessage, toRoom, toUser, toVisitor } from '../store/mappers.ts';
import type { RoomRow, VisitorRow } from '../store/mappers.ts';
import { first } from '../store/prepared.ts';
import { userByIdQ } from '../store/statements.ts';
import { enqueueDeliveries, insertEvent as storeEvent } from '../store/outbox/enqueue.ts';
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import { targetsFor } from '../store/outbox/targets.ts';
import type { Sender } from '../domain/targets.ts';
import { payloadContact } from './contacts.ts';

/**
 * Wakes the delivery worker after a commit: a latency hint only, polling is the truth. `fresh`:
 * the deliveries the commit made, handed to the delivery engine in memory.
 */
export interface Waker {
  wake(fresh?: readonly FreshDelivery[]): void;
}

export interface EventDeps {
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
  const roomRow =
    input.room ?? (await tx.db.selectFrom('rooms').selectAll().where('_id', '=', input.rid).executeTakeFirstOrThrow());
  const visitorRow =
    input.visitor ??
    (await tx.db.selectFrom('visitors').selectAll().where('_id', '=', roomRow.visitor_id).executeTakeFirstOrThrow());
  const agentRow = roomRow.served_by_id ? await first(tx.x, userByIdQ, { id: roomRow.served_by_id }) : undefined;
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
    contact: await payloadContact(tx, visitorRow.contact_id),
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
  e: {
    type: EventType;
    rid: string | null;
    departmentId: string | null;
    body: string;
    sender?: Sender;
    relayed?: boolean;
  },
): Promise<RecordedEvent> {
  const stored = {
    _id: newEventId(),
    type: e.type,
    rid: e.rid,
    departmentId: e.departmentId,
    body: e.body,
    createdAt: deps.now(),
  };
  await storeEvent(tx.x, stored);
  const targets = await targetsFor(tx.x, {
    type: e.type,
    departmentId: e.departmentId,
    sender: e.sender,
    relayed: e.relayed,
  });
  if (targets.length > 0) {
    const fresh = await enqueueDeliveries(tx.x, stored, targets);
    tx.after(() => deps.waker.wake(fresh));
  }
  return { _id: stored._id, type: e.type, deliveries: targets.length };
}
