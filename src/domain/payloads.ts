/**
 * The Rocket.Chat CRM webhook payloads, field for field (docs/rocketchat-compat.md, 'Events' and 'Payloads').
 * Pure: the caller loads room, visitor, agent and messages in the event's transaction and the
 * result is rendered to JSON once and stored, so every retry and replay sends the same bytes.
 */
import { UAParser } from 'ua-parser-js';
import { CLOSING_MESSAGE_TYPE } from './models.ts';
import type { EventType, Message, Room, User, Visitor } from './models.ts';
import type { ContactChannel } from './contacts.ts';

export type RoomEventType = Exclude<EventType, 'LivechatOfflineMessage'>;

export interface RoomPayloadInput {
  type: RoomEventType;
  room: Room;
  visitor: Visitor;
  agent?: User;
  /** Visible messages, oldest first; system messages are filtered here. */
  messages: Message[];
  /** Forwarded only: who served and which department before the forward. */
  oldServedBy?: { _id: string; username: string; ts: Date };
  oldDepartmentId?: string;
  /** Ours: the visitor's contact (Rocket.Chat 7's model); absent for a visitor without one. */
  contact?: { _id: string; name: string; channels: ContactChannel[] };
}

function describe(part: { name?: string; version?: string }): string | undefined {
  if (!part.name) return undefined;
  return part.version ? `${part.name} ${part.version}` : part.name;
}

/** "Linux x86_64"-style os and "Chrome 120.0"-style browser strings, as Rocket.Chat sends them. */
export function parseUserAgent(ua: string | undefined): { os?: string; browser?: string } {
  if (!ua) return {};
  const parsed = new UAParser(ua);
  return { os: describe(parsed.getOS()), browser: describe(parsed.getBrowser()) };
}

/**
 * Rocket.Chat sends `livechatData` as stored, and stores it only once a custom field is set, so a
 * visitor or room without custom fields has no `customFields` key at all (not `{}`).
 */
function customFieldsOf(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return data && Object.keys(data).length ? data : undefined;
}

function visitorPart(visitor: Visitor) {
  const { os, browser } = parseUserAgent(visitor.userAgent);
  return {
    _id: visitor._id,
    token: visitor.token,
    name: visitor.name,
    username: visitor.username,
    department: visitor.department,
    ip: visitor.ip,
    os,
    browser,
    customFields: customFieldsOf(visitor.livechatData),
    email: visitor.visitorEmails?.length ? visitor.visitorEmails.map((e) => ({ address: e.address })) : undefined,
    phone: visitor.phone?.length ? visitor.phone.map((p) => ({ phoneNumber: p.phoneNumber })) : undefined,
  };
}

function agentPart(agent: User) {
  return {
    _id: agent._id,
    username: agent.username,
    name: agent.name,
    email: agent.emails?.[0]?.address,
    customFields: agent.customFields && Object.keys(agent.customFields).length ? agent.customFields : undefined,
  };
}

/** System messages are never sent, except the closing message (flagged closingMessage). */
export function isSentToCrm(m: Message): boolean {
  return !m.t || m.t === CLOSING_MESSAGE_TYPE;
}

function messagePart(m: Message, visitorUsername: string) {
  return {
    u: { _id: m.u._id, username: m.u.username, name: m.u.name },
    _id: m._id,
    username: m.u.username,
    msg: m.msg,
    ts: m.ts,
    rid: m.rid,
    editedAt: m.editedAt,
    agentId: m.u.username !== visitorUsername ? m.u._id : undefined,
    closingMessage: m.t === CLOSING_MESSAGE_TYPE ? true : undefined,
    // file messages only, as Rocket.Chat's sendToCRM adds them (absent otherwise)
    file: m.file,
    attachments: m.attachments,
    _updatedAt: m._updatedAt,
  };
}

function extraByType(input: RoomPayloadInput) {
  const { room } = input;
  switch (input.type) {
    case 'LivechatSessionStart':
    case 'LivechatSessionQueued':
      return { departmentId: room.departmentId };
    case 'LivechatSessionTaken':
      return { departmentId: room.departmentId, servedBy: room.servedBy };
    case 'LivechatSessionForwarded':
      return {
        departmentId: room.departmentId,
        servedBy: room.servedBy,
        oldDepartmentId: input.oldDepartmentId,
        oldServedBy: input.oldServedBy,
      };
    case 'LivechatSession':
      return {
        departmentId: room.departmentId,
        servedBy: room.servedBy,
        closedAt: room.closedAt,
        closedBy: room.closedBy,
        closer: room.closer,
      };
    default:
      return {};
  }
}

export function buildRoomPayload(input: RoomPayloadInput): Record<string, unknown> {
  const { room, visitor } = input;
  return {
    _id: room._id,
    label: room.fname,
    topic: room.topic,
    createdAt: room.ts,
    lastMessageAt: room.lm,
    tags: room.tags,
    customFields: customFieldsOf(room.livechatData),
    visitor: visitorPart(visitor),
    // additive (Rocket.Chat's payload has neither): the visitor part above keeps its legacy shape
    contactId: input.contact?._id,
    contact: input.contact
      ? { _id: input.contact._id, name: input.contact.name, channels: input.contact.channels }
      : undefined,
    agent: input.agent ? agentPart(input.agent) : undefined,
    crmData: room.crmData,
    // additive (ours): the visitor's survey answers (domain/survey.ts), absent until answered
    surveyFeedback: room.surveyFeedback,
    type: input.type,
    ...extraByType(input),
    messages: input.messages.filter(isSentToCrm).map((m) => messagePart(m, visitor.username)),
  };
}

export interface OfflineInput {
  name: string;
  email: string;
  message: string;
  sentAt: Date;
}

export function buildOfflinePayload(input: OfflineInput): Record<string, unknown> {
  return {
    type: 'LivechatOfflineMessage',
    sentAt: input.sentAt,
    visitor: { name: input.name, email: input.email },
    message: input.message,
  };
}

/** Renders once: undefined fields disappear and Dates become ISO-8601 strings. */
export function renderBody(payload: Record<string, unknown>): string {
  return JSON.stringify(payload);
}

/** The managers guide's LivechatSession example (docs/rocketchat-compat.md, 'The Send Test sample'): what `webhook.test` sends, as Rocket.Chat does. */
export function sampleLivechatSession(): Record<string, unknown> {
  return {
    type: 'LivechatSession',
    _id: 'fasd6f5a4sd6f8a4sdf',
    label: 'title',
    topic: 'topic of the session',
    code: 123123,
    createdAt: new Date(),
    lastMessageAt: new Date(),
    tags: ['tag1', 'tag2', 'tag3'],
    customFields: { productId: '123456' },
    visitor: {
      _id: '',
      name: 'visitor name',
      username: 'visitor-username',
      department: 'department',
      email: 'email@address.com',
      phone: '192873192873',
      ip: '123.456.7.89',
      browser: 'Chrome',
      os: 'Linux',
      customFields: { customerId: '123456' },
    },
    agent: { _id: 'asdf89as6df8', username: 'agent.username', name: 'Agent Name', email: 'email@address.com' },
    messages: [
      { username: 'visitor-username', msg: 'message content', ts: new Date() },
      { username: 'agent.username', agentId: 'asdf89as6df8', msg: 'message content from agent', ts: new Date() },
    ],
  };
}
