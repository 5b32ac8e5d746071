/** The API shapes the staff pages read (the subset they use). */
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
}

export interface Message {
  _id: string;
  rid: string;
  msg: string;
  ts: string;
  u: { _id: string; username: string; name?: string };
  t?: string;
  token?: string;
}

export function endpointLabel(e: Pick<Endpoint, 'kind' | 'url' | 'description'>): string {
  if (e.kind === 'rocketchat') return `Webhooks page${e.url ? ` (${e.url})` : ''}`;
  return e.description ? `${e.description} (${e.url})` : e.url;
}
