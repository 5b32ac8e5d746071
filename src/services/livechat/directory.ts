/**
 * The staff directory (issue 14): Rocket.Chat's visitor search and autocomplete, a visitor's
 * chats, a room's conversation for staff, the queue per agent, the inquiry lists, and
 * `POST livechat/messages` (an integration posts several visitor messages at once).
 * Shapes and orderings are Rocket.Chat's (docs/rocketchat-compat.md, "Directory, inquiries, queue").
 */
import type { LivechatDeps } from './deps.ts';
import { readableRoom } from './history.ts';
import type { VisitorsService } from './visitors.ts';
import type { RoomsService } from './rooms.ts';
import type { MessagesService } from './messages.ts';
import type { ConnectionInfo } from './visitors.ts';
import { AppError, fail } from '../../domain/errors.ts';
import type { Inquiry, Message, Room, User, Visitor } from '../../domain/models.ts';
import { compact, toInquiry, toMessage, toRoom, toVisitor } from '../../store/mappers.ts';
import * as dir from '../../store/directory.ts';
import type {
  ChatColumn,
  InquiryColumn,
  MessageColumn,
  Order,
  QueueColumn,
  VisitorColumn,
} from '../../store/directory.ts';
export { CHAT_SORT, INQUIRY_SORT, MESSAGE_SORT, QUEUE_SORT, VISITOR_SORT } from '../../store/directory.ts';
export type { Order } from '../../store/directory.ts';

export type DirectoryVisitor = Pick<
  Visitor,
  '_id' | 'username' | 'name' | 'phone' | 'livechatData' | 'visitorEmails'
> & { lastChat?: { _id: string; ts: Date } };

export type VisitorChat = Pick<
  Room,
  '_id' | 'fname' | 'ts' | 'v' | 'msgs' | 'servedBy' | 'closedAt' | 'closedBy' | 'closer' | 'tags'
> & { closingMessage?: Message };

export interface QueueEntry {
  user: { _id: string; username?: string; status?: 'online' | 'offline' };
  department: { _id: string | null; name: string | null };
  chats: number;
}

interface Paged {
  count: number;
  offset: number;
}

/** Rocket.Chat's default queue order (Omnichannel_sorting_mechanism "Timestamp"). */
const QUEUE_ORDER: Order<InquiryColumn>[] = [
  { column: 'queued_at', dir: 'asc' },
  { column: 'ts', dir: 'asc' },
  { column: 'updated_at', dir: 'desc' },
];

/**
 * Rocket.Chat merges the caller's sort with the default as `{ ...sort, ...default }`: the
 * caller's keys keep their place, but a key the default also has takes the default direction.
 */
function mergeOrder<C extends string>(given: Order<C>[], defaults: Order<C>[]): Order<C>[] {
  const out = given.map((o) => defaults.find((d) => d.column === o.column) ?? o);
  for (const d of defaults) if (!out.some((o) => o.column === d.column)) out.push(d);
  return out;
}

export class DirectoryService {
  constructor(
    private readonly deps: LivechatDeps,
    private readonly visitors: VisitorsService,
    private readonly rooms: RoomsService,
    private readonly messages: MessagesService,
  ) {}

  /** visitors.search: `term` matches an email or phone exactly, or part of a name or username. */
  async searchVisitors(
    input: { term: string; order: Order<VisitorColumn>[] } & Paged,
  ): Promise<{ visitors: DirectoryVisitor[]; total: number }> {
    const term = input.term;
    const { rows, total } = await dir.searchVisitors(this.deps.db, {
      emailOrPhone: term || undefined,
      nameOrUsername: term || undefined,
      order: input.order.length ? input.order : [{ column: 'created_at', dir: 'desc' }],
      count: input.count,
      offset: input.offset,
    });
    const last = await dir.lastChats(
      this.deps.db,
      rows.map((r) => r._id),
    );
    const visitors = rows.map((r) => {
      const v = toVisitor(r);
      const chat = last.get(r._id);
      return compact({
        _id: v._id,
        username: v.username,
        name: v.name,
        phone: v.phone,
        livechatData: v.livechatData,
        visitorEmails: v.visitorEmails,
        lastChat: chat ? { _id: chat._id, ts: new Date(chat.ts) } : undefined,
      });
    });
    return { visitors, total };
  }

  /** visitors.autocomplete: up to ten visitors whose name starts with `term`. */
  async autocompleteVisitors(
    term: string,
    exceptions: string[],
  ): Promise<{ _id: string; name?: string; username: string; custom_name: string }[]> {
    const rows = await dir.autocompleteVisitors(this.deps.db, term, exceptions);
    return rows.map((r) =>
      compact({
        _id: r._id,
        name: r.name ?? undefined,
        username: r.username,
        custom_name: `${r.username} - ${r.name}`,
      }),
    );
  }

  /**
   * visitors.searchChats: the visitor's chats seen from a room the caller may read. As our
   * visitors.chatHistory, only the room's own visitor (Rocket.Chat lists any visitor's).
   */
  async searchChats(
    user: User,
    input: {
      roomId: string;
      visitorId: string;
      searchText?: string;
      closedChatsOnly?: string;
      servedChatsOnly?: string;
      source?: string;
      order: Order<ChatColumn>[];
    } & Paged,
    seeAll: boolean,
  ): Promise<{ history: VisitorChat[]; total: number }> {
    const room = await readableRoom(this.deps.db, user, input.roomId, seeAll);
    if (room.visitor_id !== input.visitorId) fail('error-not-allowed', 'This is not the visitor of that room');
    const rows = await dir.visitorChats(this.deps.db, this.deps.store.caps.dialect, {
      visitorId: input.visitorId,
      closedOnly: input.closedChatsOnly === 'true',
      servedOnly: input.servedChatsOnly === 'true',
      searchText: input.searchText || undefined,
      order: input.order.length ? input.order : [{ column: 'created_at', dir: 'desc' }],
    });
    // Rocket.Chat matches `source` case-insensitively inside source.type or source.alias.
    const needle = input.source?.toLowerCase();
    const rooms = rows.map(toRoom).filter((r) => !needle || r.source.type.toLowerCase().includes(needle));
    const pageRooms = rooms.slice(input.offset, input.offset + input.count);
    const closing = await dir.closingMessages(
      this.deps.db,
      pageRooms.map((r) => r._id),
    );
    const history = pageRooms.map((r) => {
      const m = closing.get(r._id);
      return compact({
        _id: r._id,
        fname: r.fname,
        ts: r.ts,
        v: r.v,
        msgs: r.msgs,
        servedBy: r.servedBy,
        closedAt: r.closedAt,
        closedBy: r.closedBy,
        closer: r.closer,
        tags: r.tags,
        closingMessage: m ? toMessage(m) : undefined,
      });
    });
    return { history, total: rooms.length };
  }

  /**
   * livechat/:rid/messages: the conversation of a room the caller may read (as Rocket.Chat's
   * canAccessRoom), newest first by default. Rocket.Chat answers a room it refuses with a 400
   * `not-allowed`.
   */
  async roomMessages(
    user: User,
    input: { rid: string; searchTerm?: string; order: Order<MessageColumn>[] } & Paged,
    seeAll: boolean,
  ): Promise<{ messages: Message[]; total: number }> {
    try {
      await readableRoom(this.deps.db, user, input.rid, seeAll);
    } catch (e) {
      if (e instanceof AppError && e.code === 'error-not-allowed') fail('not-allowed', 'Not allowed');
      throw e;
    }
    const { rows, total } = await dir.roomMessages(this.deps.db, {
      rid: input.rid,
      searchTerm: input.searchTerm || undefined,
      order: input.order.length ? input.order : [{ column: 'ts', dir: 'desc' }],
      count: input.count,
      offset: input.offset,
    });
    return { messages: rows.map(toMessage), total };
  }

  /** livechat/queue: open chats per agent and department, most chats first. */
  async queue(
    input: {
      agentId?: string;
      departmentId?: string;
      includeOfflineAgents: boolean;
      order: Order<QueueColumn>[];
    } & Paged,
  ): Promise<{ queue: QueueEntry[]; total: number }> {
    const { rows, total } = await dir.queueMetrics(this.deps.db, {
      agentId: input.agentId,
      departmentId: input.departmentId,
      includeOffline: input.includeOfflineAgents,
      order: input.order.length ? input.order : [{ column: 'chats', dir: 'desc' }],
      count: input.count,
      offset: input.offset,
    });
    const queue = rows.map((r): QueueEntry => ({
      // a room served by a user since deleted keeps its id but has no username or status
      user: compact({
        _id: r.user_id,
        username: r.username ?? undefined,
        status: r.online === null ? undefined : r.online === 1 ? ('online' as const) : ('offline' as const),
      }),
      department: { _id: r.department_id, name: r.department_name },
      chats: r.chats,
    }));
    return { queue, total };
  }

  /**
   * inquiries.list (managers): the queued inquiries, newest first, in Rocket.Chat's projection.
   * A department that does not exist filters nothing, as in Rocket.Chat.
   */
  async listInquiries(
    input: { department?: string; order: Order<InquiryColumn>[] } & Paged,
  ): Promise<{ inquiries: Pick<Inquiry, '_id' | 'rid' | 'name' | 'ts' | 'status' | 'department'>[]; total: number }> {
    const departmentId = input.department
      ? await dir.departmentIdByIdOrName(this.deps.db, input.department)
      : undefined;
    const { rows, total } = await dir.queuedInquiries(this.deps.db, {
      departmentId,
      order: input.order.length ? input.order : [{ column: 'ts', dir: 'desc' }],
      count: input.count,
      offset: input.offset,
    });
    const inquiries = rows.map((r) => {
      const i = toInquiry(r);
      return compact({ _id: i._id, rid: i.rid, name: i.name, ts: i.ts, status: i.status, department: i.department });
    });
    return { inquiries, total };
  }

  /**
   * inquiries.queuedForUser: what this user may take: inquiries of their enabled departments and
   * the public queue. A department filter outside theirs is refused (`error-not-authorized`);
   * with no departments of their own, only the public queue, whatever the filter.
   */
  async queuedForUser(
    user: User,
    input: { department?: string; order: Order<InquiryColumn>[] } & Paged,
  ): Promise<{ inquiries: Inquiry[]; total: number }> {
    const allowed = await dir.agentDepartments(this.deps.db, user._id);
    let departmentId: string | undefined;
    if (allowed.length && input.department) {
      if (!allowed.includes(input.department)) fail('error-not-authorized', 'Not authorized');
      departmentId = input.department;
    }
    const { rows, total } = await dir.queuedInquiries(this.deps.db, {
      departments: departmentId ? [departmentId] : allowed,
      order: mergeOrder(input.order, QUEUE_ORDER),
      count: input.count,
      offset: input.offset,
    });
    return { inquiries: rows.map(toInquiry), total };
  }

  /** inquiries.getOne: the inquiry of a room, or null. */
  async inquiryOfRoom(roomId: string): Promise<Inquiry | null> {
    const row = await dir.inquiryOfRoom(this.deps.db, roomId);
    return row ? toInquiry(row) : null;
  }

  /** rooms/filters: the sources rooms came from (Rocket.Chat's findAvailableSources). */
  async roomSources(): Promise<Room['source'][]> {
    const types = await dir.roomSourceTypes(this.deps.db);
    return types.map((type) => ({ type: type === 'widget' ? 'widget' : 'api' }));
  }

  /**
   * POST livechat/messages: an integration posts visitor messages in order into the token's open
   * room, creating the visitor and the room when missing (Rocket.Chat's sendMessage does).
   * Every message is checked before the first is sent, so a bad one posts none.
   */
  async postVisitorMessages(
    token: string,
    msgs: string[],
    conn: ConnectionInfo,
  ): Promise<{ username: string; msg: string; ts: Date }[]> {
    const max = this.deps.settings.get('Message_MaxAllowedSize');
    for (const msg of msgs) {
      if (msg.trim().length === 0) fail('error-invalid-message', 'The message is empty');
      if (msg.length > max)
        fail('error-message-size-exceeded', `The message exceeds ${max} characters`, { maxSize: max });
    }
    if (!(await this.visitors.find(token))) await this.visitors.register({ token }, conn);
    const { room } = await this.rooms.getOrCreate(token, {}, conn);
    const out: { username: string; msg: string; ts: Date }[] = [];
    for (const msg of msgs) {
      const m = await this.messages.sendAsVisitor({ token, rid: room._id, msg });
      out.push({ username: m.u.username, msg: m.msg, ts: m.ts });
    }
    return out;
  }
}
