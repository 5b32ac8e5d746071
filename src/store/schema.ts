/**
 * Kysely table types. Conventions, the same on both dialects:
 * - times are integer milliseconds since the epoch (BIGINT on PostgreSQL, parsed to number);
 * - booleans are integers 0/1 (SQLite has no boolean type; one representation keeps queries portable);
 * - structured values (arrays, objects) are JSON text.
 * Column names follow the glossary: room, visitor, agent, inquiry, department, message, event,
 * endpoint, delivery, attempt.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  _id: string;
  username: string;
  name: string;
  email: string | null;
  password_hash: string;
  roles: string; // JSON string[]
  status_livechat: string; // 'available' | 'not-available'
  custom_fields: string | null; // JSON object
  active: number;
  created_at: number;
  updated_at: number;
  /** 1 while some process holds a live connection of this user (or its grace runs), migration 0008. */
  online: number;
  /** The lease of that connection: heartbeats push it forward; past it, the user is offline (0008). */
  connected_until: number | null;
}

/**
 * users.setStatus (0016): the presence status a user chose (Rocket.Chat's statusDefault: online,
 * away, busy, or offline = invisible) and their statusText. A row only once a user set one, so
 * the users table and every writer of it stay as they were.
 */
export interface UserStatusTable {
  user_id: string;
  status: string | null;
  status_text: string | null;
  updated_at: number;
}

export interface AuthTokensTable {
  token_hash: string;
  user_id: string;
  created_at: number;
}

export interface SettingsTable {
  _id: string;
  value: string; // JSON value
  updated_at: number;
}

export interface DepartmentsTable {
  _id: string;
  name: string;
  enabled: number;
  description: string | null;
  email: string | null;
  show_on_registration: number;
  show_on_offline_form: number;
  created_at: number;
  updated_at: number;
  /** Rocket.Chat's maxNumberSimultaneousChat: open chats an agent may hold in it, 0 = no limit (0008). */
  max_number_simultaneous_chat: Generated<number>;
  /** Rocket.Chat's requestTagBeforeClosingChat: 1 = a chat closes only with a tag (0009). */
  request_tag_before_closing_chat: Generated<number>;
  /** Rocket.Chat's archived: 1 = hidden from lists and routing, and disabled (0016). */
  archived: Generated<number>;
  /** Rocket.Chat's allowReceiveForwardOffline: a forward here queues when nobody is online (0016). */
  allow_receive_forward_offline: Generated<number>;
  /** Rocket.Chat's fallbackForwardDepartment: where a forward goes when nobody here can take it (0016). */
  fallback_forward_department: Generated<string | null>;
  /** Rocket.Chat's departmentsAllowedToForward: JSON string[] of target ids, [] = any (0016). */
  departments_allowed_to_forward: Generated<string>;
}

/** Rocket.Chat's canned responses (0009); scope 'global' or 'department' (department_id set). */
export interface CannedResponsesTable {
  _id: string;
  shortcut: string;
  text: string;
  scope: string;
  department_id: string | null;
  created_by_id: string;
  created_by_username: string;
  created_at: number;
  updated_at: number;
  /** JSON string[] (0014): Rocket.Chat's canned response tags. */
  tags: Generated<string>;
}

/** Rocket.Chat's livechat tags (0009); departments is a JSON string[], empty = global. */
export interface TagsTable {
  _id: string;
  name: string;
  description: string | null;
  departments: string;
  created_at: number;
  updated_at: number;
}

export interface DepartmentAgentsTable {
  department_id: string;
  agent_id: string;
  username: string;
  count: number;
  order: number;
}

export interface VisitorsTable {
  _id: string;
  token: string;
  username: string;
  name: string | null;
  department: string | null;
  emails: string | null; // JSON [{address}]
  phones: string | null; // JSON [{phoneNumber}]
  custom_fields: string; // JSON object (Rocket.Chat's livechatData)
  ip: string | null;
  user_agent: string | null;
  host: string | null;
  status: string;
  created_at: number;
  updated_at: number;
  /** The contact this visitor belongs to (Rocket.Chat 7's contact model), migration 0015. */
  contact_id: string | null;
}

export interface RoomsTable {
  _id: string;
  fname: string;
  visitor_id: string;
  visitor_token: string;
  visitor_username: string;
  department_id: string | null;
  open: number;
  served_by_id: string | null;
  served_by_username: string | null;
  served_by_ts: number | null;
  created_at: number;
  last_message_at: number | null;
  closed_at: number | null;
  closed_by_id: string | null;
  closed_by_username: string | null;
  closer: string | null; // 'user' | 'visitor'
  tags: string | null; // JSON string[]
  custom_fields: string; // JSON object (Rocket.Chat's livechatData)
  topic: string | null;
  crm_data: string | null;
  ip: string | null;
  user_agent: string | null;
  os: string | null;
  browser: string | null;
  msgs: number;
  queued_at: number | null;
  updated_at: number;
  /** When Livechat_auto_transfer_chat_timeout moved the room (once per room, as Rocket.Chat), 0008. */
  auto_transferred_at: number | null;
  /** Rocket.Chat's transcriptRequest, JSON (services/livechat/transcript.ts), migration 0012. */
  transcript_request: string | null;
  /** Rocket.Chat's `source.type`: 'widget' or 'api' (migration 0018). */
  source_type: string;
  /** Rocket.Chat's `surveyFeedback`, JSON object (domain/survey.ts), migration 0019. */
  survey_feedback: string | null;
}

export interface MessagesTable {
  seq: Generated<number>;
  _id: string;
  rid: string;
  msg: string;
  t: string | null; // system message type; null for a plain message
  u_id: string;
  u_username: string;
  u_name: string | null;
  token: string | null; // the visitor token when the visitor sent it
  ts: number;
  edited_at: number | null;
  edited_by_id: string | null;
  edited_by_username: string | null;
  updated_at: number;
  /** JSON Rocket.Chat `file` ({_id, name, type}) of a file message; null otherwise (migration 0002). */
  file: string | null;
  /** JSON Rocket.Chat `attachments[]` (server-relative URLs); null otherwise (migration 0002). */
  attachments: string | null;
  /** JSON Rocket.Chat `transferData` of a `livechat_transfer_history` message; null otherwise (0011). */
  transfer_data: string | null;
}

/** An uploaded file, bytes in the database so both dialects keep it durably with no shared disk. */
export interface UploadsTable {
  _id: string;
  rid: string;
  name: string;
  type: string;
  size: number;
  data: Uint8Array;
  /** visitor id or user id of the uploader */
  user_id: string;
  created_at: number;
}

export interface InquiriesTable {
  _id: string;
  rid: string;
  status: string; // 'queued' | 'taken'
  department_id: string | null;
  name: string;
  message: string | null;
  visitor_id: string;
  visitor_token: string;
  visitor_username: string;
  ts: number;
  queued_at: number;
  taken_by_id: string | null;
  taken_at: number | null;
  updated_at: number;
}

export interface EventsTable {
  seq: Generated<number>;
  _id: string; // the webhook-id: stable across retries and replays
  type: string; // Rocket.Chat type name, e.g. LivechatSessionStart
  rid: string | null;
  department_id: string | null;
  body: string; // the payload, rendered once at event time
  created_at: number;
}

export interface EndpointsTable {
  _id: string;
  kind: string; // 'rocketchat' (the Webhooks-page webhook) | 'custom'
  url: string;
  description: string | null;
  events: string; // JSON string[]
  department_ids: string | null; // JSON string[] or null for all
  headers: string | null; // JSON object
  timeout_ms: number;
  retry: string; // JSON RetrySchedule
  ordering: string; // 'room' | 'none'
  rate_limit_per_second: number | null;
  max_concurrency: number;
  enabled: number;
  disabled_reason: string | null;
  secret: string;
  /** Sent as X-RocketChat-Livechat-Token when set (the built-in endpoint's Livechat_secret_token). */
  token: string | null;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  paused_until: number | null;
  failing_since: number | null;
  consecutive_failures: number;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveriesTable {
  seq: Generated<number>;
  _id: string;
  event_id: string;
  endpoint_id: string;
  event_type: string;
  rid: string | null;
  order_key: string | null; // rid when the endpoint orders per room, else null
  status: string; // 'pending' | 'succeeded' | 'failed'
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

export interface AttemptsTable {
  seq: Generated<number>;
  delivery_id: string;
  endpoint_id: string;
  attempt: number;
  started_at: number;
  duration_ms: number;
  status_code: number | null;
  error_class: string | null; // 'http' | 'timeout' | 'connection' | 'dns' | 'tls' | 'ssrf' | 'redirect' | ...
  error_message: string | null;
  request_headers: string; // JSON, secrets redacted
  response_headers: string | null; // JSON
  response_body: string | null; // truncated
}

/** A visitor's offline-form message (0010); `mail_status`: pending | sent | failed | none. */
export interface OfflineMessagesTable {
  _id: string;
  name: string;
  email: string;
  message: string;
  department_id: string | null;
  mail_to: string | null;
  mail_status: string;
  mail_error: string | null;
  handled_at: number | null;
  handled_by: string | null;
  created_at: number;
}

/** A page the visitor's widget reported (`livechat/page.visited`), migration 0012. */
export interface PageVisitsTable {
  _id: string;
  token: string;
  rid: string | null;
  title: string;
  href: string;
  change: string;
  ts: number;
}

/** Rocket.Chat 7's contact (0015); emails/phones/custom_fields/conflicting_fields are JSON. */
export interface ContactsTable {
  _id: string;
  name: string;
  emails: string; // JSON [{address}]
  phones: string; // JSON [{phoneNumber}]
  contact_manager: string | null; // a user id
  unknown: number;
  custom_fields: string; // JSON object
  conflicting_fields: string; // JSON [{field, value}]
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** Exact-match keys of a contact (0015): kind 'email' (lower case) or 'phone'. */
export interface ContactKeysTable {
  kind: string;
  value: string;
  contact_id: string;
}

/** A contact's channel (0015): one visitor on one source; source_id '' when the source has none. */
export interface ContactChannelsTable {
  visitor_id: string;
  source_type: string;
  source_id: string;
  contact_id: string;
  name: string;
  verified: number;
  verified_at: number | null;
  field: string | null;
  value: string | null;
  blocked: number;
  details: string; // JSON Rocket.Chat IOmnichannelSource
  created_at: number;
}

/** Rocket.Chat's livechat custom field (0017); _id is the field name, the livechatData key. */
export interface LivechatCustomFieldsTable {
  _id: string;
  label: string;
  scope: string; // 'visitor' | 'room'
  visibility: string; // 'visible' | 'hidden'
  type: string | null;
  regexp: string | null;
  required: number | null;
  default_value: string | null;
  options: string | null; // comma-separated, as Rocket.Chat stores it
  public: number | null;
  searchable: number | null;
  updated_at: number;
}

/** An edited permission (0017): roles is a JSON string[] replacing that id's default roles. */
export interface PermissionsTable {
  _id: string;
  roles: string;
  updated_at: number;
}

export interface Database {
  livechat_custom_fields: LivechatCustomFieldsTable;
  permissions: PermissionsTable;
  users: UsersTable;
  auth_tokens: AuthTokensTable;
  settings: SettingsTable;
  departments: DepartmentsTable;
  department_agents: DepartmentAgentsTable;
  user_status: UserStatusTable;
  visitors: VisitorsTable;
  rooms: RoomsTable;
  messages: MessagesTable;
  inquiries: InquiriesTable;
  events: EventsTable;
  endpoints: EndpointsTable;
  deliveries: DeliveriesTable;
  attempts: AttemptsTable;
  uploads: UploadsTable;
  canned_responses: CannedResponsesTable;
  tags: TagsTable;
  offline_messages: OfflineMessagesTable;
  page_visits: PageVisitsTable;
  contacts: ContactsTable;
  contact_keys: ContactKeysTable;
  contact_channels: ContactChannelsTable;
}
