/**
 * What the agent's chat lists show beside each room (issue 11, "Never miss a message"): the last
 * message and whether, and since when, the visitor waits for a reply; and, for a queued inquiry,
 * the visitor's first message. Rocket.Chat keeps `lastMessage` and `waitingResponse` on the room
 * document; we derive them from the messages table in two grouped reads per page, so no write
 * path has to keep a copy in step.
 *
 * Only plain messages count (`t` is null): a transfer record or the closing message is not
 * something anyone replies to. A visitor message carries the visitor token; an agent's does not.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';

export interface LastMessage {
  _id: string;
  msg: string;
  ts: string;
  u: { _id: string; username: string; name?: string };
  /** Present when the visitor wrote it (Rocket.Chat's messages carry the visitor token too). */
  token?: string;
  file?: { name: string };
}

export interface RoomSummary {
  lastMessage?: LastMessage;
  /** Rocket.Chat's flag: the visitor spoke last and nobody answered yet. */
  waitingResponse?: true;
  /** Ours: the first visitor message nobody has answered yet (when `waitingResponse`). */
  waitingSince?: string;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function fileName(json: string | null): { name: string } | undefined {
  if (!json) return undefined;
  try {
    const f = JSON.parse(json) as { name?: unknown };
    return typeof f.name === 'string' ? { name: f.name } : undefined;
  } catch {
    return undefined;
  }
}

export async function roomSummaries(db: Kysely<Database>, rids: string[]): Promise<Map<string, RoomSummary>> {
  const out = new Map<string, RoomSummary>();
  if (rids.length === 0) return out;
  const last = await db
    .selectFrom('messages')
    .select(['_id', 'rid', 'msg', 'ts', 'u_id', 'u_username', 'u_name', 'token', 'file'])
    .where((eb) =>
      eb(
        'seq',
        'in',
        eb
          .selectFrom('messages')
          .select((e) => e.fn.max('seq').as('seq'))
          .where('rid', 'in', rids)
          .where('t', 'is', null)
          .groupBy('rid'),
      ),
    )
    .execute();
  const waiting: string[] = [];
  for (const m of last) {
    const lastMessage: LastMessage = {
      _id: m._id,
      msg: m.msg,
      ts: iso(m.ts),
      u: { _id: m.u_id, username: m.u_username, ...(m.u_name ? { name: m.u_name } : {}) },
    };
    if (m.token) lastMessage.token = m.token;
    const file = fileName(m.file);
    if (file) lastMessage.file = file;
    out.set(m.rid, m.token ? { lastMessage, waitingResponse: true } : { lastMessage });
    if (m.token) waiting.push(m.rid);
  }
  if (waiting.length === 0) return out;
  // The oldest visitor message after the room's last agent message: how long the visitor has waited.
  const since = await db
    .selectFrom('messages as m')
    .select(['m.rid', (eb) => eb.fn.min('m.ts').as('since')])
    .where('m.rid', 'in', waiting)
    .where('m.t', 'is', null)
    .where('m.token', 'is not', null)
    .where((eb) =>
      eb(
        'm.seq',
        '>',
        eb.fn.coalesce(
          eb
            .selectFrom('messages as a')
            .select((e) => e.fn.max('a.seq').as('s'))
            .whereRef('a.rid', '=', 'm.rid')
            .where('a.t', 'is', null)
            .where('a.token', 'is', null),
          eb.lit(0),
        ),
      ),
    )
    .groupBy('m.rid')
    .execute();
  for (const s of since) {
    const summary = out.get(s.rid);
    if (summary && s.since !== null) summary.waitingSince = iso(s.since);
  }
  return out;
}

/** The first visitor message of each room: what a queue row shows (Rocket.Chat's inquiry `message`). */
export async function firstVisitorMessages(db: Kysely<Database>, rids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (rids.length === 0) return out;
  const rows = await db
    .selectFrom('messages')
    .select(['rid', 'msg', 'file'])
    .where((eb) =>
      eb(
        'seq',
        'in',
        eb
          .selectFrom('messages')
          .select((e) => e.fn.min('seq').as('seq'))
          .where('rid', 'in', rids)
          .where('t', 'is', null)
          .where('token', 'is not', null)
          .groupBy('rid'),
      ),
    )
    .execute();
  for (const r of rows) out.set(r.rid, r.msg || fileName(r.file)?.name || '');
  return out;
}
