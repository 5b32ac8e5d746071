/**
 * The outbox: turns a recorded event into one delivery row per endpoint that wants it, inside the
 * event's own transaction. If the transaction commits the deliveries exist; if it rolls back
 * nothing is sent. The worker finds them by polling; `wake` is only a latency hint.
 */
import type { Tx } from './tx.ts';
import type { SettingsService } from './settings.ts';
import type { EventType } from '../domain/models.ts';
import type { SettingId } from '../domain/settings.ts';
import { newSortableId } from '../domain/ids.ts';
import { parseJson } from '../store/mappers.ts';
import { arg, prepare } from '../store/prepared.ts';

const liveCustomEndpointsQ = prepare((db) =>
  db
    .selectFrom('endpoints')
    .select(['_id', 'events', 'department_ids', 'ordering'])
    .where('kind', '=', 'custom')
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null),
);
const insertDeliveryQ = prepare((db) =>
  db.insertInto('deliveries').values({
    _id: arg('_id'),
    event_id: arg('event_id'),
    endpoint_id: arg('endpoint_id'),
    event_type: arg('event_type'),
    rid: arg('rid'),
    order_key: arg('order_key'),
    status: 'pending',
    attempts: 0,
    next_attempt_at: arg('now'),
    lease_owner: null,
    lease_until: null,
    last_status_code: null,
    last_error: null,
    created_at: arg('now'),
    updated_at: arg('now'),
    completed_at: null,
  }),
);

/** The built-in endpoint: the Webhooks page (Rocket.Chat's Livechat_webhookUrl settings). */
export const ROCKETCHAT_ENDPOINT_ID = 'rocketchat';

export interface OutboxEvent {
  _id: string;
  type: EventType;
  rid: string | null;
  departmentId: string | null;
  createdAt: number;
  /** Message events: who sent it, which picks the visitor or agent flag. */
  sender?: 'visitor' | 'agent';
  /** Received from a Rocket.Chat server: never echoed to the Webhooks-page URL (no loops). */
  relayed?: boolean;
}

/** The Webhooks-page flag that gates each event type (LivechatEdit is always sent). */
export function flagFor(type: EventType, sender?: 'visitor' | 'agent'): SettingId | 'always' {
  switch (type) {
    case 'LivechatSessionStart':
      return 'Livechat_webhook_on_start';
    case 'LivechatSessionQueued':
      return 'Livechat_webhook_on_chat_queued';
    case 'LivechatSessionTaken':
      return 'Livechat_webhook_on_chat_taken';
    case 'LivechatSessionForwarded':
      return 'Livechat_webhook_on_forward';
    case 'LivechatSession':
      return 'Livechat_webhook_on_close';
    case 'Message':
      return sender === 'visitor' ? 'Livechat_webhook_on_visitor_message' : 'Livechat_webhook_on_agent_message';
    case 'LivechatOfflineMessage':
      return 'Livechat_webhook_on_offline_msg';
    case 'LeadCapture':
      return 'Livechat_webhook_on_capture';
    case 'LivechatEdit':
      return 'always';
  }
}

export interface Waker {
  wake(): void;
}

export async function enqueueDeliveries(
  tx: Tx,
  settings: SettingsService,
  waker: Waker,
  event: OutboxEvent,
): Promise<number> {
  const targets: { endpointId: string; ordered: boolean }[] = [];

  if (!event.relayed && settings.get('Livechat_webhookUrl') !== '') {
    const flag = flagFor(event.type, event.sender);
    if (flag === 'always' || (settings.get(flag) as unknown) === true) targets.push({ endpointId: ROCKETCHAT_ENDPOINT_ID, ordered: true });
  }

  const endpoints = await tx.x.all(liveCustomEndpointsQ);
  for (const ep of endpoints) {
    const events = parseJson<string[]>(ep.events, []);
    if (!events.includes(event.type)) continue;
    const departments = parseJson<string[] | null>(ep.department_ids, null);
    if (departments && departments.length > 0 && !(event.departmentId && departments.includes(event.departmentId))) continue;
    targets.push({ endpointId: ep._id, ordered: ep.ordering === 'room' });
  }

  if (targets.length === 0) return 0;
  const now = event.createdAt;
  for (const t of targets) {
    await tx.x.run(insertDeliveryQ, {
      _id: newSortableId(),
      event_id: event._id,
      endpoint_id: t.endpointId,
      event_type: event.type,
      rid: event.rid,
      order_key: t.ordered ? event.rid : null,
      now,
    });
  }
  tx.after(() => waker.wake());
  return targets.length;
}
