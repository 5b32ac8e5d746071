/** The livechat use cases, gathered behind one object the routes receive. */
import type { LivechatDeps } from './deps.ts';
import { audienceOf, roomById, visitorRoom } from './deps.ts';
import { VisitorsService, resolveDepartment } from './visitors.ts';
import { RoomsService } from './rooms.ts';
import { MessagesService } from './messages.ts';
import { recordOfflineEvent } from '../events.ts';
import { checkOfflineEmail, storeOfflineMessage } from './offline.ts';
import { pickAgent, takeInquiry } from './routing.ts';
import { roomForToken } from './room-access.ts';
import type { AgentRef } from './routing.ts';
import { inTx } from '../tx.ts';
import { fail } from '../../domain/errors.ts';
import { EMAIL_PATTERN } from '../users.ts';
import type { Inquiry, Room, User } from '../../domain/models.ts';
import type { RoomAccess } from '../../domain/widget.ts';
import { toInquiry, toRoom } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';
import { firstVisitorMessages } from './summaries.ts';
import { OversightService } from './oversight.ts';
import { TranscriptService, sendTranscriptsOnClose } from './transcript.ts';
import { HistoryService } from './history.ts';
import { DirectoryService } from './directory.ts';

export class LivechatService {
  readonly visitors: VisitorsService;
  readonly rooms: RoomsService;
  readonly messages: MessagesService;
  /** Managers' view of every chat: search, join, transfer history (oversight.ts). */
  readonly oversight: OversightService;

  readonly deps: LivechatDeps;
  /** Transcripts and the visitor panel's history (issue 13: transcript.ts, history.ts). */
  readonly transcripts: TranscriptService;
  readonly history: HistoryService;
  /** The staff directory: visitor search, queue, inquiry lists, POST livechat/messages (directory.ts). */
  readonly directory: DirectoryService;

  constructor(deps: LivechatDeps) {
    this.transcripts = new TranscriptService(deps);
    this.history = new HistoryService(deps);
    // Every close path publishes through these deps after its commit: a requested transcript follows.
    deps = { ...deps, hub: sendTranscriptsOnClose(deps.hub, this.transcripts) };
    this.deps = deps;
    this.visitors = new VisitorsService(deps);
    this.rooms = new RoomsService(deps);
    this.messages = new MessagesService(deps, this.visitors);
    this.oversight = new OversightService(deps);
    this.directory = new DirectoryService(deps, this.visitors, this.rooms, this.messages);
  }

  async offlineMessage(input: {
    name: string;
    email: string;
    message: string;
    department?: string;
    host?: string;
  }): Promise<void> {
    if (!this.deps.settings.get('Livechat_display_offline_form'))
      fail('error-not-allowed', 'The offline form is disabled');
    if (!EMAIL_PATTERN.test(input.email)) fail('error-invalid-email', 'Invalid email');
    // Livechat_validate_offline_email: a DNS lookup, so before the (possibly group-committed) transaction
    await checkOfflineEmail(this.deps, input.email);
    const department = input.department ? await resolveDepartment(this.deps.db, input.department) : undefined;
    const message = { name: input.name, email: input.email, message: input.message, department };
    // stored with its webhook event; the email goes out after the commit and never fails the visitor
    await inTx(this.deps.store, async (tx) => {
      await storeOfflineMessage(tx, this.deps, message);
      await recordOfflineEvent(tx, this.deps, message);
    });
  }

  async takeInquiry(inquiryId: string, agent: AgentRef): Promise<Room> {
    return toRoom(await inTx(this.deps.store, (tx) => takeInquiry(tx, this.deps, inquiryId, agent)));
  }

  /** The visitor token of a room (who may read its uploads), or undefined for an unknown room. */
  async visitorTokenOf(rid: string): Promise<string | undefined> {
    const room = await this.deps.db
      .selectFrom('rooms')
      .select(['visitor_token'])
      .where('_id', '=', rid)
      .executeTakeFirst();
    return room?.visitor_token;
  }

  async anyAgentAvailable(departmentId?: string): Promise<boolean> {
    let q = this.deps.db
      .selectFrom('users as u')
      .select('u._id')
      .where('u.status_livechat', '=', 'available')
      .where('u.active', '=', 1)
      .where('u.roles', 'like', '%"livechat-agent"%');
    if (departmentId) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('department_agents as da')
            .select('da.agent_id')
            .whereRef('da.agent_id', '=', 'u._id')
            .where('da.department_id', '=', departmentId),
        ),
      );
    }
    return (await q.limit(1).executeTakeFirst()) !== undefined;
  }

  /** Managers see every room; an agent sees the rooms they serve and the rooms waiting in the queue. */
  async roomForStaff(user: User, rid: string, seeAll: boolean): Promise<Room> {
    return toRoom(await this.staffRoom(user, rid, seeAll));
  }

  private async staffRoom(user: User, rid: string, seeAll: boolean): Promise<RoomRow> {
    const room = await roomById(this.deps.db, rid);
    if (seeAll || room.served_by_id === user._id) return room;
    if (room.open === 1 && !room.served_by_id) return room;
    fail('error-not-allowed', 'Not allowed');
  }

  /** The agent is typing (or stopped) in a room they may see; its visitor sees it live. */
  async agentTyping(user: User, rid: string, typing: boolean, seeAll: boolean): Promise<void> {
    const room = await this.staffRoom(user, rid, seeAll);
    if (room.open !== 1) fail('room-closed', 'Room closed');
    this.deps.hub.publish({
      kind: 'typing',
      audience: audienceOf(room),
      username: user.username,
      typing,
      from: 'agent',
    });
  }

  /**
   * The visitor is typing (or stopped), from our widget's REST call; Rocket.Chat's widget says the
   * same over DDP (`stream-notify-room` `<rid>/typing`). The username is the room's visitor, never
   * one the client claims; another visitor's room is refused exactly like an unknown one.
   */
  async visitorTyping(rid: string, token: string, typing: boolean): Promise<void> {
    const room = await roomForToken(this.deps.db, rid, token);
    if (!room) fail('invalid-room', 'Invalid room');
    if (!room.open) fail('room-closed', 'Room closed');
    this.deps.hub.publish({
      kind: 'typing',
      audience: {
        rid: room.rid,
        visitorToken: room.visitorToken,
        ...(room.servedById ? { servedById: room.servedById } : {}),
        ...(room.departmentId ? { departmentId: room.departmentId } : {}),
      },
      username: room.visitorUsername,
      typing,
      from: 'visitor',
    });
  }

  /** The visitor's own room; another visitor's room is reported exactly like an unknown one. */
  async visitorRoom(rid: string, token: string): Promise<Room> {
    return toRoom(await visitorRoom(this.deps.db, rid, token));
  }

  /** The token's open room, if any. */
  async openRoomOf(token: string): Promise<Room | undefined> {
    const row = await this.deps.db
      .selectFrom('rooms')
      .selectAll()
      .where('visitor_token', '=', token)
      .where('open', '=', 1)
      .executeTakeFirst();
    return row ? toRoom(row) : undefined;
  }

  /** The agent serving the token's open room, else the one routing would pick now (agent.next). */
  async nextAgentId(token: string, department?: string): Promise<string | undefined> {
    const open = await this.deps.db
      .selectFrom('rooms')
      .select('served_by_id')
      .where('visitor_token', '=', token)
      .where('open', '=', 1)
      .executeTakeFirst();
    if (open?.served_by_id) return open.served_by_id;
    const dep = department ? await resolveDepartment(this.deps.db, department) : null;
    return (await pickAgent(this.deps.db, this.deps, dep))?._id;
  }

  /** The room when `token` is its visitor's (the guard of every live widget subscription). */
  async roomAccess(rid: string, token: string): Promise<RoomAccess | undefined> {
    return roomForToken(this.deps.db, rid, token);
  }

  /** Queued inquiries an agent may take: no department, or one of theirs. Managers see all. */
  async queuedInquiries(
    user: User,
    seeAll: boolean,
    page: { count: number; offset: number; department?: string },
  ): Promise<{ inquiries: Inquiry[]; total: number }> {
    let q = this.deps.db.selectFrom('inquiries').where('status', '=', 'queued');
    if (page.department) q = q.where('department_id', '=', page.department);
    if (!seeAll) {
      q = q.where((eb) =>
        eb.or([
          eb('department_id', 'is', null),
          eb(
            'department_id',
            'in',
            eb.selectFrom('department_agents').select('department_id').where('agent_id', '=', user._id),
          ),
        ]),
      );
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('queued_at').limit(page.count).offset(page.offset).execute();
    // The widget creates the room before its first message, so the inquiry's own `message` is
    // empty: a queue row shows the visitor's first message instead.
    const first = await firstVisitorMessages(
      this.deps.db,
      rows.filter((r) => !r.message).map((r) => r.rid),
    );
    const inquiries = rows.map((r) => {
      const inquiry = toInquiry(r);
      const message = inquiry.message ?? first.get(r.rid);
      return message ? { ...inquiry, message } : inquiry;
    });
    return { inquiries, total: Number(total?.n ?? 0) };
  }
}
