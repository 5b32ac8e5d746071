/**
 * Row constructors: the configured columns given, every state column fresh. The services and
 * the tests build rows with these, so a new column gets its default in one place instead of in
 * every literal that spells out a whole row.
 */
import type { Selectable } from 'kysely';
import type { DeliveriesTable, EndpointsTable, RoomsTable, VisitorsTable } from './schema.ts';

export type EndpointRow = Selectable<EndpointsTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type RoomRow = Selectable<RoomsTable>;
export type DeliveryInsert = Omit<Selectable<DeliveriesTable>, 'seq'>;

type Fresh<Row, State extends keyof Row> = Omit<Row, State> & Partial<Pick<Row, State>>;

type EndpointState =
  | 'token'
  | 'previous_secret'
  | 'previous_secret_expires_at'
  | 'paused_until'
  | 'failing_since'
  | 'consecutive_failures'
  | 'deleted_at'
  | 'created_at'
  | 'updated_at';

export function newEndpointRow(config: Fresh<EndpointRow, EndpointState>, now: number): EndpointRow {
  return {
    token: null,
    previous_secret: null,
    previous_secret_expires_at: null,
    paused_until: null,
    failing_since: null,
    consecutive_failures: 0,
    deleted_at: null,
    created_at: now,
    updated_at: now,
    ...config,
  };
}

type VisitorState =
  | 'name'
  | 'department'
  | 'emails'
  | 'phones'
  | 'custom_fields'
  | 'ip'
  | 'user_agent'
  | 'host'
  | 'status'
  | 'created_at'
  | 'updated_at'
  | 'contact_id';

export function newVisitorRow(config: Fresh<VisitorRow, VisitorState>, now: number): VisitorRow {
  return {
    name: null,
    department: null,
    emails: null,
    phones: null,
    custom_fields: '{}',
    ip: null,
    user_agent: null,
    host: null,
    status: 'online',
    created_at: now,
    updated_at: now,
    contact_id: null,
    ...config,
  };
}

type RoomState =
  | 'department_id'
  | 'open'
  | 'served_by_id'
  | 'served_by_username'
  | 'served_by_ts'
  | 'created_at'
  | 'last_message_at'
  | 'closed_at'
  | 'closed_by_id'
  | 'closed_by_username'
  | 'closer'
  | 'tags'
  | 'custom_fields'
  | 'topic'
  | 'crm_data'
  | 'ip'
  | 'user_agent'
  | 'os'
  | 'browser'
  | 'msgs'
  | 'queued_at'
  | 'updated_at'
  | 'auto_transferred_at'
  | 'transcript_request'
  | 'source_type'
  | 'survey_feedback';

export function newRoomRow(config: Fresh<RoomRow, RoomState>, now: number): RoomRow {
  return {
    department_id: null,
    open: 1,
    served_by_id: null,
    served_by_username: null,
    served_by_ts: null,
    created_at: now,
    last_message_at: null,
    closed_at: null,
    closed_by_id: null,
    closed_by_username: null,
    closer: null,
    tags: null,
    custom_fields: '{}',
    topic: null,
    crm_data: null,
    ip: null,
    user_agent: null,
    os: null,
    browser: null,
    msgs: 0,
    queued_at: null,
    updated_at: now,
    auto_transferred_at: null,
    transcript_request: null,
    source_type: 'api',
    survey_feedback: null,
    ...config,
  };
}

type DeliveryState =
  | 'status'
  | 'attempts'
  | 'next_attempt_at'
  | 'lease_owner'
  | 'lease_until'
  | 'last_status_code'
  | 'last_error'
  | 'created_at'
  | 'updated_at'
  | 'completed_at';

/** A pending delivery, due now. */
export function newDeliveryRow(config: Fresh<DeliveryInsert, DeliveryState>, now: number): DeliveryInsert {
  return {
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    lease_owner: null,
    lease_until: null,
    last_status_code: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    completed_at: null,
    ...config,
  };
}
