/**
 * The glossary as types: the Rocket.Chat-shaped objects the API returns. Dates are Date objects
 * here and become ISO strings on the wire (JSON.stringify), as Rocket.Chat's REST API sends them.
 *
 * room       a livechat conversation between one visitor and (at most) one serving agent
 * visitor    the website user, identified by a token the widget keeps
 * agent      a user with the livechat-agent role who serves rooms
 * inquiry    a room's place in the queue until an agent takes it
 * department a group of agents that rooms can be routed to
 * message    one line in a room (system messages have a type `t`)
 * event      a state change, recorded in the same transaction as the change
 * endpoint   a webhook receiver; the Webhooks-page URL is the built-in one
 * delivery   one event to one endpoint; attempt: one HTTP try of a delivery
 */

export type Role = 'admin' | 'livechat-manager' | 'livechat-agent' | 'user';

export interface User {
  _id: string;
  username: string;
  name: string;
  emails?: { address: string; verified: boolean }[];
  roles: Role[];
  statusLivechat: 'available' | 'not-available';
  status: 'online' | 'offline';
  active: boolean;
  customFields?: Record<string, unknown>;
  createdAt: Date;
  _updatedAt: Date;
}

export interface Visitor {
  _id: string;
  token: string;
  username: string;
  name?: string;
  department?: string;
  visitorEmails?: { address: string }[];
  phone?: { phoneNumber: string }[];
  livechatData: Record<string, unknown>;
  ip?: string;
  host?: string;
  userAgent?: string;
  status: string;
  ts: Date;
  _updatedAt: Date;
}

export interface Room {
  _id: string;
  t: 'l';
  fname: string;
  msgs: number;
  open: boolean;
  ts: Date;
  lm?: Date;
  departmentId?: string;
  v: { _id: string; username: string; token: string; status?: string };
  servedBy?: { _id: string; username: string; ts: Date };
  closedAt?: Date;
  closedBy?: { _id: string; username: string };
  closer?: 'user' | 'visitor';
  tags?: string[];
  livechatData: Record<string, unknown>;
  topic?: string;
  crmData?: string;
  ip?: string;
  userAgent?: string;
  os?: string;
  browser?: string;
  queuedAt?: Date;
  source: { type: 'widget' | 'api' };
  /** The visitor's survey answers, Rocket.Chat's `surveyFeedback` (domain/survey.ts); absent until answered. */
  surveyFeedback?: Record<string, string>;
  _updatedAt: Date;
}

export interface Message {
  _id: string;
  rid: string;
  msg: string;
  ts: Date;
  u: { _id: string; username: string; name?: string };
  t?: string;
  token?: string;
  editedAt?: Date;
  editedBy?: { _id: string; username: string };
  /** File messages only: Rocket.Chat's `file` and `attachments` (URLs are server-relative). */
  file?: MessageFile;
  /** Rocket.Chat 6+ also lists the message's files (one here: an upload is one file). */
  files?: MessageFile[];
  attachments?: MessageAttachment[];
  /** Transfer records only (`livechat_transfer_history`): who handed the chat to whom. */
  transferData?: TransferData;
  _updatedAt: Date;
}

/**
 * Rocket.Chat's `transferData` (its saveTransferHistory): `scope` says where the chat went:
 * to an agent, to a department (then `nextDepartment`, and `transferredTo` when someone took
 * it at once) or back to the queue. `comment` is for colleagues: visitors never see it.
 */
export interface TransferData {
  transferredBy: { _id: string; username: string; name?: string; userType: 'agent' | 'user' | 'visitor' };
  transferredTo?: { _id: string; username: string; name?: string };
  nextDepartment?: { _id: string; name: string };
  previousDepartment?: string;
  scope: 'agent' | 'department' | 'queue';
  comment?: string;
  ts: Date;
}

export interface MessageFile {
  _id: string;
  name: string;
  type: string;
  size: number;
}

/** The attachment fields the Rocket.Chat widget renders (image_url, audio_url, video_url or title_link). */
export interface MessageAttachment {
  type: 'file';
  title: string;
  title_link: string;
  title_link_download: boolean;
  image_url?: string;
  image_type?: string;
  image_size?: number;
  audio_url?: string;
  audio_type?: string;
  audio_size?: number;
  video_url?: string;
  video_type?: string;
  video_size?: number;
}

export interface Inquiry {
  _id: string;
  rid: string;
  name: string;
  message?: string;
  status: 'queued' | 'taken';
  department?: string;
  v: { _id: string; username: string; token: string };
  t: 'l';
  ts: Date;
  queuedAt: Date;
  takenBy?: string;
  _updatedAt: Date;
}

export interface Department {
  _id: string;
  name: string;
  enabled: boolean;
  description?: string;
  email?: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
  /** Rocket.Chat's per-department limit of an agent's simultaneous chats in it; 0 = none. */
  maxNumberSimultaneousChat: number;
  /** Rocket.Chat's flag: a chat in this department closes only with at least one tag. */
  requestTagBeforeClosingChat: boolean;
  numAgents: number;
  _updatedAt: Date;
}

export interface DepartmentAgent {
  _id: string;
  agentId: string;
  departmentId: string;
  username: string;
  count: number;
  order: number;
}

/** The Rocket.Chat event type names, as CRM receivers switch on them. */
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
export type EventType = (typeof EVENT_TYPES)[number];

/** System message type of the closing message: the one system message sent to the CRM. */
export const CLOSING_MESSAGE_TYPE = 'livechat-close';
