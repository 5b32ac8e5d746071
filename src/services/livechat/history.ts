/**
 * A visitor's history for the console's visitor panel (issue 13), Rocket.Chat's
 * `livechat/visitors.*` reads, and the pages the widget reports (`livechat/page.visited`).
 *
 * Who may read a room's history (readableRoom): managers (view-livechat-rooms) any room; an agent
 * the room they serve and rooms waiting in the queue (as rooms.info); and, so the panel's previous
 * chats open, the closed chats of a visitor the agent is serving right now.
 */
import type { Kysely } from 'kysely';
import type { LivechatDeps } from './deps.ts';
import { roomById } from './deps.ts';
import { fail } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import type { Room, User, Visitor } from '../../domain/models.ts';
import type { Database } from '../../store/schema.ts';
import { toRoom, toVisitor } from '../../store/mappers.ts';
import type { RoomRow } from '../../store/mappers.ts';

export async function readableRoom(db: Kysely<Database>, user: User, rid: string, seeAll: boolean): Promise<RoomRow> {
  const room = await roomById(db, rid);
  if (seeAll || room.served_by_id === user._id) return room;
  if (room.open === 1 && !room.served_by_id) return room;
  if (room.open !== 1) {
    const serving = await db
      .selectFrom('rooms')
      .select('_id')
      .where('visitor_id', '=', room.visitor_id)
      .where('open', '=', 1)
      .where('served_by_id', '=', user._id)
      .executeTakeFirst();
    if (serving) return room;
  }
  fail('error-not-allowed', 'Not allowed');
}

/** Rocket.Chat's `livechat_navigation_history` message, the shape `visitors.pagesVisited` answers. */
export interface PageVisit {
  _id: string;
  rid: string | null;
  t: 'livechat_navigation_history';
  msg: string;
  ts: Date;
  u: { _id: string; username: string };
  navigation: { page: { title: string; location: { href: string }; change: string }; token: string };
}

/** What the widget sends as pageInfo; anything else in it is ignored. */
export interface PageInfo {
  title?: unknown;
  location?: { href?: unknown };
  change?: unknown;
}

/** Pages kept per visitor token: enough for "current page" and a trail, bounded against a noisy page. */
const KEEP_PER_TOKEN = 200;

export class HistoryService {
  constructor(private readonly deps: LivechatDeps) {}

  /**
   * visitors.info. Rocket.Chat answers any visitor to anyone with view-l-room; an agent here sees
   * only a visitor whose room they may read (stricter: agents do not browse the directory).
   */
  async visitorInfo(user: User, visitorId: string, seeAll: boolean): Promise<Visitor> {
    const v = await this.deps.db.selectFrom('visitors').selectAll().where('_id', '=', visitorId).executeTakeFirst();
    if (!v) fail('visitor-not-found', 'Visitor not found');
    if (!seeAll) {
      const rooms = await this.deps.db
        .selectFrom('rooms')
        .select(['_id', 'open', 'served_by_id'])
        .where('visitor_id', '=', visitorId)
        .where((eb) =>
          eb.or([eb('served_by_id', '=', user._id), eb.and([eb('open', '=', 1), eb('served_by_id', 'is', null)])]),
        )
        .limit(1)
        .execute();
      if (rooms.length === 0) fail('error-not-allowed', 'Not allowed');
    }
    return toVisitor(v);
  }

  /** visitors.chatHistory: every chat of the room's visitor, newest first (the current one too). */
  async chatHistory(
    user: User,
    input: { roomId: string; visitorId: string; count: number; offset: number },
    seeAll: boolean,
  ): Promise<{ history: Room[]; total: number }> {
    const room = await readableRoom(this.deps.db, user, input.roomId, seeAll);
    // Rocket.Chat lists any visitor once the room is readable; here only the room's own visitor.
    if (room.visitor_id !== input.visitorId) fail('error-not-allowed', 'This is not the visitor of that room');
    const q = this.deps.db.selectFrom('rooms').where('visitor_id', '=', input.visitorId);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('_id')
      .limit(input.count)
      .offset(input.offset)
      .execute();
    return { history: rows.map(toRoom), total: Number(total?.n ?? 0) };
  }

  /**
   * visitors.pagesVisited: the room's pages, newest first. Pages reported before the chat began
   * (no room yet) count for it too: since this visitor's previous chat closed, until this one did.
   */
  async pagesVisited(
    user: User,
    input: { roomId: string; count: number; offset: number },
    seeAll: boolean,
  ): Promise<{ pages: PageVisit[]; total: number }> {
    const room = await readableRoom(this.deps.db, user, input.roomId, seeAll);
    const previous = await this.deps.db
      .selectFrom('rooms')
      .select((eb) => eb.fn.max('closed_at').as('closed'))
      .where('visitor_token', '=', room.visitor_token)
      .where('created_at', '<', room.created_at)
      .executeTakeFirst();
    const since = Number(previous?.closed ?? 0);
    const until = room.closed_at ?? Number.MAX_SAFE_INTEGER;
    const q = this.deps.db
      .selectFrom('page_visits')
      .where((eb) =>
        eb.or([
          eb('rid', '=', room._id),
          eb.and([
            eb('rid', 'is', null),
            eb('token', '=', room.visitor_token),
            eb('ts', '>=', since),
            eb('ts', '<=', until),
          ]),
        ]),
      );
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .selectAll()
      .orderBy('ts', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.count)
      .offset(input.offset)
      .execute();
    const u = { _id: room.visitor_id, username: room.visitor_username };
    const pages = rows.map((p): PageVisit => ({
      _id: p._id,
      rid: p.rid,
      t: 'livechat_navigation_history',
      msg: `${p.title} - ${p.href}`,
      ts: new Date(p.ts),
      u,
      navigation: { page: { title: p.title, location: { href: p.href }, change: p.change }, token: p.token },
    }));
    return { pages, total: Number(total?.n ?? 0) };
  }

  /**
   * page.visited: stores a URL change (Rocket.Chat's Livechat_history_monitor_type default, 'url')
   * of a known visitor. A room id that is not the token's own is ignored; without one, the
   * visitor's open room, if any, is the one. Returns Rocket.Chat's `{ msg, navigation }`, or null
   * when nothing was stored (unknown token, no URL, another kind of change).
   */
  async recordPageVisit(
    token: string,
    rid: string | undefined,
    info: PageInfo | undefined,
  ): Promise<Pick<PageVisit, 'msg' | 'navigation'> | null> {
    const href = typeof info?.location?.href === 'string' ? info.location.href.slice(0, 2048) : '';
    const title = typeof info?.title === 'string' ? info.title.slice(0, 512) : '';
    const change = typeof info?.change === 'string' ? info.change : 'url';
    if (!href || change !== 'url') return null;
    const db = this.deps.db;
    const visitor = await db.selectFrom('visitors').select('_id').where('token', '=', token).executeTakeFirst();
    if (!visitor) return null;
    let q = db.selectFrom('rooms').select('_id').where('visitor_token', '=', token);
    q = rid ? q.where('_id', '=', rid) : q.where('open', '=', 1);
    const room = await q.executeTakeFirst();
    const ts = this.deps.now();
    await db
      .insertInto('page_visits')
      .values({ _id: newId(), token, rid: room?._id ?? null, title, href, change, ts })
      .execute();
    const cutoff = await db
      .selectFrom('page_visits')
      .select('ts')
      .where('token', '=', token)
      .orderBy('ts', 'desc')
      .offset(KEEP_PER_TOKEN)
      .limit(1)
      .executeTakeFirst();
    if (cutoff) await db.deleteFrom('page_visits').where('token', '=', token).where('ts', '<=', cutoff.ts).execute();
    return { msg: `${title} - ${href}`, navigation: { page: { title, location: { href }, change }, token } };
  }
}
