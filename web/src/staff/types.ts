/** The API shapes the staff pages read (the subset they use). */
import type { ChatAttachment, ChatFile } from '../widget/chat-message.ts';
import type { TransferDataView } from '../widget/system-text.ts';
import type { components } from '../api-schema.gen.ts';
import { t } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The server's shapes, generated from its OpenAPI document (npm run gen:api). */
type Schemas = components['schemas'];
export { EVENT_TYPES } from '../api-schema.gen.ts';
export type EventType = Schemas['EventType'];

export type Health = Schemas['EndpointHealth'];

export type Endpoint = Schemas['Endpoint'];

export type Attempt = Schemas['Attempt'];

export type Delivery = Schemas['Delivery'];

export type Department = Schemas['Department'];

export type Agent = Schemas['Agent'];

export type Room = Schemas['Room'];

export type Inquiry = Schemas['Inquiry'];

export interface Message {
  _id: string;
  rid: string;
  msg: string;
  ts: string;
  u: { _id: string; username: string; name?: string };
  t?: string;
  token?: string;
  /** file messages: Rocket.Chat's shape (widget/chat-message.ts) */
  file?: ChatFile;
  attachments?: ChatAttachment[];
  /** forward records: Rocket.Chat's transferData (widget/system-text.ts words it) */
  transferData?: TransferDataView;
}

export function endpointLabel(e: Pick<Endpoint, 'kind' | 'url' | 'description'>): string {
  if (e.kind === 'rocketchat') return e.url ? t('endpoints.builtinAt', { url: e.url }) : t('endpoints.builtin');
  return e.description ? `${e.description} (${e.url})` : e.url;
}

/** A staff user as users.list and users.info answer (Rocket.Chat's shape, the fields we show). */
export type StaffUser = Schemas['StaffUser'];

export const ROLE_LABELS: Record<string, MessageKey> = {
  admin: 'roles.admin',
  'livechat-manager': 'roles.manager',
  'livechat-agent': 'roles.agent',
};

/** GET livechat/transcript/:rid (ours): the lines as the visitor saw them, and the request on close. */
export type Transcript = Schemas['Transcript'];

/** A proactive trigger as livechat/triggers answers (Rocket.Chat's ILivechatTrigger). */
export type TriggerConditionName = 'page-url' | 'time-on-site' | 'chat-opened-by-visitor' | 'after-guest-registration';
export interface TriggerCondition {
  name: TriggerConditionName;
  value: string | null;
}
export interface TriggerAction {
  name: 'send-message' | 'use-external-service';
  params?: { sender?: 'queue' | 'custom'; name?: string | null; msg?: string; [k: string]: unknown } | null;
}
export interface Trigger {
  _id: string;
  name: string;
  description: string;
  enabled: boolean;
  runOnce: boolean;
  conditions: TriggerCondition[];
  actions: TriggerAction[];
  _updatedAt: string;
}

/** Issue 17: what needs attention on the webhook side, as the endpoint's health carries it. */
export type HealthAttention = Pick<Health, 'failed' | 'consecutiveFailures' | 'blockedByEgress'>;
/** The endpoints list carries `health` (with the attention fields) on every endpoint. */
export type AttentionEndpoint = Endpoint;
/** A pending delivery waiting behind an older one of its room names it in `waitingFor`. */
export type WaitingDelivery = Delivery;

/** Issue 15: a business hour as livechat/business-hour(s) answers it (Rocket.Chat's ILivechatBusinessHour). */
export interface BusinessHourDay {
  day: string;
  open: boolean;
  start: { time: string };
  finish: { time: string };
}
export interface BusinessHour {
  _id: string;
  name: string;
  type: 'default' | 'custom';
  active: boolean;
  timezone: { name: string; utc: string };
  workHours: BusinessHourDay[];
  departments?: { _id: string; name: string }[];
}
