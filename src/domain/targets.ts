/**
 * Which endpoints an event goes to, pure. Every endpoint, the built-in one included, is one row
 * with the event types it subscribes to; the Webhooks-page flags (Rocket.Chat's
 * Livechat_webhook_on_* settings) become the built-in endpoint's subscriptions when they are
 * saved (builtinEvents), so this rule reads rows only.
 */
import type { EventType } from './models.ts';
import { EVENT_TYPES } from './models.ts';
import type { SettingId } from './settings.ts';

export type Sender = 'visitor' | 'agent';

/**
 * A subscription to one sender's messages only: the Webhooks page has one flag for visitor
 * messages and one for agent messages, both of the event type Message. Custom endpoints subscribe
 * to plain event types (validated at save); only the built-in endpoint's row holds these.
 */
export type MessageSubscription = `Message:${Sender}`;

export interface TargetEvent {
  type: EventType;
  departmentId: string | null;
  /** Message events: who sent it. */
  sender?: Sender;
  /** Received from a Rocket.Chat server by the relay: never echoed to the Webhooks-page URL (no loops). */
  relayed?: boolean;
}

export interface TargetEndpoint {
  kind: string;
  url: string;
  /** Event types, and for the built-in endpoint `Message:visitor` / `Message:agent`. */
  events: readonly string[];
  /** null or empty: every department. */
  departmentIds: readonly string[] | null;
}

export function wantsEvent(ep: TargetEndpoint, e: TargetEvent): boolean {
  // an endpoint with no URL (the Webhooks page before it is set up) receives nothing
  if (ep.url === '') return false;
  if (e.relayed && ep.kind === 'rocketchat') return false;
  const subscribed =
    ep.events.includes(e.type) || (e.type === 'Message' && ep.events.includes(`Message:${e.sender ?? 'agent'}`));
  if (!subscribed) return false;
  const deps = ep.departmentIds;
  return !deps || deps.length === 0 || (e.departmentId !== null && deps.includes(e.departmentId));
}

/** The Webhooks-page flag that gates each event type (LivechatEdit is always sent), as Rocket.Chat's guide lists them. */
export function flagFor(type: EventType, sender?: Sender): SettingId | 'always' {
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

/** The built-in endpoint's subscriptions for the Webhooks-page flags as they stand. */
export function builtinEvents(flag: (id: SettingId) => unknown): string[] {
  const out: string[] = [];
  for (const type of EVENT_TYPES) {
    if (type === 'Message') {
      for (const sender of ['visitor', 'agent'] as const)
        if (flag(flagFor(type, sender) as SettingId) === true) out.push(`Message:${sender}`);
      continue;
    }
    const f = flagFor(type);
    if (f === 'always' || flag(f) === true) out.push(type);
  }
  return out;
}

/** The Webhooks-page settings the built-in endpoint's row is written from. */
export const WEBHOOKS_PAGE_SETTINGS: ReadonlySet<SettingId> = new Set<SettingId>([
  'Livechat_webhookUrl',
  'Livechat_secret_token',
  'Livechat_http_timeout',
  ...EVENT_TYPES.flatMap((t) => (t === 'Message' ? [flagFor(t, 'visitor'), flagFor(t, 'agent')] : [flagFor(t)])).filter(
    (f): f is SettingId => f !== 'always',
  ),
]);
