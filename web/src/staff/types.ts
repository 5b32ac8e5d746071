/** The API shapes the staff pages read (the subset they use). */
import type { ChatAttachment, ChatFile } from '../widget/chat-message.ts';
import type { TransferDataView } from '../widget/system-text.ts';
export const EVENT_TYPES = [
  'LivechatSessionStart',
  'LivechatSessionQueued',
  'LivechatSessionTaken',
  'LivechatSessionForwarded',
  'LivechatSession',
  'Message',
  'LivechatOfflineMessage',
  'LeadCapture',
  'LivechatEdit',
] as const;

export interface Health {
  backlog: number;
  oldestPendingAgeMs: number | null;
  attempts24h: number;
  successRate24h: number | null;
  lastError?: { at: string; statusCode?: number; errorClass?: string; message?: string };
}

export interface Endpoint {
  _id: string;
  kind: 'rocketchat' | 'custom';
  url: string;
  description?: string;
  events: string[];
  departmentIds: string[] | null;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: { kind: 'rocketchat' | 'exponential' | 'list'; delaysMs?: number[] };
  ordering: 'room' | 'none';
  rateLimitPerSecond: number | null;
  maxConcurrency: number;
  enabled: boolean;
  disabledReason?: string;
  pausedUntil?: string;
  failingSince?: string;
  secretRotation?: { previousExpiresAt: string };
  health?: Health;
  secret?: string;
}

export interface Attempt {
  attempt: number;
  startedAt: string;
  durationMs: number | null;
  statusCode: number | null;
  errorClass: string | null;
  errorMessage: string | null;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, unknown> | null;
  responseBody: string | null;
}

export interface Delivery {
  _id: string;
  eventId: string;
  endpointId: string;
  eventType: string;
  rid: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  completedAt: string | null;
  event: { _id: string; type: string; createdAt: string; body: unknown } | null;
  attempts: Attempt[];
}

export interface Department {
  _id: string;
  name: string;
  enabled: boolean;
  description?: string;
  email?: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
  numAgents: number;
}

export interface Agent {
  _id: string;
  username: string;
  name: string;
  statusLivechat: 'available' | 'not-available';
  departments?: string[];
}

export interface Room {
  _id: string;
  fname: string;
  open: boolean;
  ts: string;
  lm?: string;
  msgs: number;
  departmentId?: string;
  v: { _id: string; username: string; token: string };
  servedBy?: { _id: string; username: string };
  tags?: string[];
  ip?: string;
  browser?: string;
  os?: string;
  closedAt?: string;
  topic?: string;
  /** Custom fields of the chat (Rocket.Chat's livechatData) and the CRM's answer, as stored. */
  livechatData?: Record<string, unknown>;
  crmData?: string;
  /** In the chat lists (livechat/rooms): the last plain message; `token` is set when the visitor wrote it. */
  lastMessage?: {
    _id: string;
    msg: string;
    ts: string;
    u: { _id: string; username: string; name?: string };
    token?: string;
    file?: { name: string };
  };
  /** The visitor spoke last and nobody answered yet (Rocket.Chat's flag)... */
  waitingResponse?: true;
  /** ...since this first unanswered visitor message (ours). */
  waitingSince?: string;
  /** In livechat/rooms: the room's department (Rocket.Chat's findRooms adds it). */
  department?: { _id: string; name: string };
  closedBy?: { _id: string; username: string };
}

export interface Inquiry {
  _id: string;
  rid: string;
  name: string;
  /** The visitor's first message, once there is one. */
  message?: string;
  ts: string;
  queuedAt?: string;
  department?: string;
}

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
  if (e.kind === 'rocketchat') return `Webhooks page${e.url ? ` (${e.url})` : ''}`;
  return e.description ? `${e.description} (${e.url})` : e.url;
}

/** A staff user as users.list and users.info answer (Rocket.Chat's shape, the fields we show). */
export interface StaffUser {
  _id: string;
  username: string;
  name: string;
  emails?: { address: string; verified: boolean }[];
  roles: string[];
  active: boolean;
  statusLivechat: 'available' | 'not-available';
}

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  'livechat-manager': 'Manager',
  'livechat-agent': 'Agent',
};

/** GET livechat/transcript/:rid (ours): the lines as the visitor saw them, and the request on close. */
export interface Transcript {
  head: { title: string; facts: string[] };
  lines: { when: string; who?: string; text: string; files: string[] }[];
  transcriptRequest: {
    email: string;
    subject: string;
    requestedAt: string;
    requestedBy: { username: string };
    status?: 'sending' | 'sent' | 'failed';
    sentAt?: string;
    error?: string;
  } | null;
}
