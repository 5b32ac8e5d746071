/** Rows to the Rocket.Chat-shaped objects of the glossary. Undefined fields stay absent. */
import type { Selectable } from 'kysely';
import type {
  DepartmentsTable,
  InquiriesTable,
  MessagesTable,
  RoomsTable,
  UsersTable,
  VisitorsTable,
} from './schema.ts';
import type {
  Department,
  Inquiry,
  Message,
  MessageAttachment,
  MessageFile,
  Role,
  Room,
  TransferData,
  User,
  Visitor,
} from '../domain/models.ts';

export type UserRow = Selectable<UsersTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type RoomRow = Selectable<RoomsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type InquiryRow = Selectable<InquiriesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const date = (ms: number) => new Date(ms);
const optDate = (ms: number | null) => (ms === null ? undefined : new Date(ms));
const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/**
 * Drops keys whose value is undefined, so JSON and equality checks see only real fields.
 * Copies rather than `delete`s: deleting turns an object into a slow dictionary, which every
 * later read and the JSON rendering of each payload then pay for.
 */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

export function toUser(r: UserRow): User {
  return compact({
    _id: r._id,
    username: r.username,
    name: r.name,
    emails: r.email ? [{ address: r.email, verified: false }] : undefined,
    roles: parseJson<Role[]>(r.roles, []),
    statusLivechat: r.status_livechat === 'available' ? 'available' : 'not-available',
    // Rocket.Chat's presence status: a live connection (or its grace) held somewhere (issue 11).
    status: r.online === 1 ? 'online' : 'offline',
    active: r.active === 1,
    customFields: opt(parseJson<Record<string, unknown> | null>(r.custom_fields, null)),
    createdAt: date(r.created_at),
    _updatedAt: date(r.updated_at),
  } satisfies User);
}

export function toVisitor(r: VisitorRow): Visitor {
  const emails = parseJson<{ address: string }[]>(r.emails, []);
  const phones = parseJson<{ phoneNumber: string }[]>(r.phones, []);
  return compact({
    _id: r._id,
    token: r.token,
    username: r.username,
    name: opt(r.name),
    department: opt(r.department),
    visitorEmails: emails.length ? emails : undefined,
    phone: phones.length ? phones : undefined,
    livechatData: parseJson<Record<string, unknown>>(r.custom_fields, {}),
    ip: opt(r.ip),
    host: opt(r.host),
    userAgent: opt(r.user_agent),
    status: r.status,
    ts: date(r.created_at),
    _updatedAt: date(r.updated_at),
  } satisfies Visitor);
}

export function toRoom(r: RoomRow): Room {
  const tags = parseJson<string[] | null>(r.tags, null);
  return compact({
    _id: r._id,
    t: 'l',
    fname: r.fname,
    msgs: r.msgs,
    open: r.open === 1,
    ts: date(r.created_at),
    lm: optDate(r.last_message_at),
    departmentId: opt(r.department_id),
    v: { _id: r.visitor_id, username: r.visitor_username, token: r.visitor_token },
    servedBy:
      r.served_by_id && r.served_by_username
        ? { _id: r.served_by_id, username: r.served_by_username, ts: date(r.served_by_ts ?? r.created_at) }
        : undefined,
    closedAt: optDate(r.closed_at),
    closedBy:
      r.closed_by_id && r.closed_by_username ? { _id: r.closed_by_id, username: r.closed_by_username } : undefined,
    closer: r.closer === 'user' || r.closer === 'visitor' ? r.closer : undefined,
    tags: tags ?? undefined,
    livechatData: parseJson<Record<string, unknown>>(r.custom_fields, {}),
    topic: opt(r.topic),
    crmData: opt(r.crm_data),
    ip: opt(r.ip),
    userAgent: opt(r.user_agent),
    os: opt(r.os),
    browser: opt(r.browser),
    queuedAt: optDate(r.queued_at),
    source: { type: r.source_type === 'widget' ? 'widget' : 'api' },
    surveyFeedback: parseJson<Record<string, string> | undefined>(r.survey_feedback, undefined),
    _updatedAt: date(r.updated_at),
  } satisfies Room);
}

export function toMessage(r: MessageRow): Message {
  const file = parseJson<MessageFile | undefined>(r.file, undefined);
  return compact({
    _id: r._id,
    rid: r.rid,
    msg: r.msg,
    ts: date(r.ts),
    u: compact({ _id: r.u_id, username: r.u_username, name: opt(r.u_name) }),
    t: opt(r.t),
    token: opt(r.token),
    editedAt: optDate(r.edited_at),
    editedBy:
      r.edited_by_id && r.edited_by_username ? { _id: r.edited_by_id, username: r.edited_by_username } : undefined,
    file,
    files: file ? [file] : undefined,
    attachments: parseJson<MessageAttachment[] | undefined>(r.attachments, undefined),
    transferData: toTransferData(r.transfer_data),
    _updatedAt: date(r.updated_at),
  } satisfies Message);
}

/** Stored as JSON (its `ts` an ISO string); handed out with `ts` a Date like every other time. */
function toTransferData(json: string | null): TransferData | undefined {
  const d = parseJson<(Omit<TransferData, 'ts'> & { ts: string }) | undefined>(json, undefined);
  return d ? { ...d, ts: new Date(d.ts) } : undefined;
}

export function toInquiry(r: InquiryRow): Inquiry {
  return compact({
    _id: r._id,
    rid: r.rid,
    name: r.name,
    message: opt(r.message),
    status: r.status === 'taken' ? 'taken' : 'queued',
    department: opt(r.department_id),
    v: { _id: r.visitor_id, username: r.visitor_username, token: r.visitor_token },
    t: 'l',
    ts: date(r.ts),
    queuedAt: date(r.queued_at),
    takenBy: opt(r.taken_by_id),
    _updatedAt: date(r.updated_at),
  } satisfies Inquiry);
}

export function toDepartment(r: DepartmentRow, numAgents: number): Department {
  return compact({
    _id: r._id,
    name: r.name,
    enabled: r.enabled === 1,
    description: opt(r.description),
    email: opt(r.email),
    showOnRegistration: r.show_on_registration === 1,
    showOnOfflineForm: r.show_on_offline_form === 1,
    maxNumberSimultaneousChat: Number(r.max_number_simultaneous_chat ?? 0),
    requestTagBeforeClosingChat: Number(r.request_tag_before_closing_chat ?? 0) === 1,
    numAgents,
    _updatedAt: date(r.updated_at),
  } satisfies Department);
}
