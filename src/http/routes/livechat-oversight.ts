/**
 * Oversight routes (issue 13), Rocket.Chat's shapes: `GET livechat/rooms` with its filters,
 * `GET livechat/room.join` (a GET with `roomId`, as Rocket.Chat's) and
 * `GET livechat/transfer.history/:rid`. Malformed JSON parameters are a 400 `invalid-params`.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { ROOM_SORT_FIELDS } from '../../services/livechat/oversight.ts';
import type { RoomSortField } from '../../services/livechat/oversight.ts';

const tags = ['livechat agent'];
const security = staffSecurity;

function parseJsonParam(raw: string, name: string, example: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    fail('invalid-params', `The "${name}" query parameter must be JSON like ${example}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    fail('invalid-params', `The "${name}" query parameter must be a JSON object like ${example}`);
  return v as Record<string, unknown>;
}

/** `{"start": iso, "end": iso}`, as Rocket.Chat's livechat/rooms takes createdAt and closedAt. */
function dateRange(raw: string | undefined, name: string): { from?: number; to?: number } {
  if (!raw) return {};
  const o = parseJsonParam(raw, name, '{"start":"2024-01-01T00:00:00Z","end":"2024-01-31T23:59:59Z"}');
  const parse = (x: unknown, part: string) => {
    if (x === undefined || x === null || x === '') return undefined;
    const t = typeof x === 'string' ? Date.parse(x) : NaN;
    if (Number.isNaN(t)) fail('invalid-params', `The "${name}.${part}" query parameter must be a valid date.`);
    return t;
  };
  return { from: parse(o.start, 'start'), to: parse(o.end, 'end') };
}

/** Rocket.Chat's `sort` JSON ({"ts": -1}); only the fields a room list can sort by. */
function parseSort(raw: string | undefined): { field: RoomSortField; dir: 'asc' | 'desc' }[] {
  if (!raw) return [{ field: 'ts', dir: 'desc' }];
  const o = parseJsonParam(raw, 'sort', '{"ts":-1}');
  return Object.entries(o).map(([k, v]) => {
    if (!(k in ROOM_SORT_FIELDS))
      fail('invalid-params', `Cannot sort by "${k}": use one of ${Object.keys(ROOM_SORT_FIELDS).join(', ')}`);
    if (v !== 1 && v !== -1) fail('invalid-params', `The sort direction of "${k}" must be 1 or -1`);
    return { field: k as RoomSortField, dir: v === 1 ? 'asc' : 'desc' };
  });
}

/** Rocket.Chat's `fields` projection: {"fname":1} keeps those (and _id), {"crmData":0} drops those. */
function parseFields(raw: string | undefined): ((r: Record<string, unknown>) => Record<string, unknown>) | undefined {
  if (!raw) return undefined;
  const o = parseJsonParam(raw, 'fields', '{"fname":1,"ts":1}');
  const entries = Object.entries(o);
  if (entries.some(([, v]) => v !== 0 && v !== 1)) fail('invalid-params', 'Each "fields" value must be 0 or 1');
  const include = entries.some(([, v]) => v === 1);
  if (include && entries.some(([, v]) => v === 0))
    fail('invalid-params', '"fields" cannot mix inclusion (1) and exclusion (0)');
  // top-level keys: "servedBy.username" keeps or drops servedBy
  const keys = new Set(entries.map(([k]) => k.split('.')[0]!));
  return (r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => (include ? k === '_id' || keys.has(k) : !keys.has(k))));
}

function parseCustomFields(raw: string | undefined): Record<string, string> | undefined {
  if (!raw) return undefined;
  const o = parseJsonParam(raw, 'customFields', '{"plan":"gold"}');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v !== 'string' || k.length > 100 || v.length > 1000)
      fail('invalid-params', 'customFields must map field names to text');
    out[k] = v;
  }
  return out;
}

const Json = Type.String({ maxLength: 2000 });
const Ids = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 });
const TagList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 });

export const livechatOversightRoutes: RouteRegistrar = (app, s) => {
  const lc = s.livechat;

  app.get(
    '/api/v1/livechat/rooms',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: 'List chats (Rocket.Chat livechat/rooms); `text` is ours',
        querystring: Type.Object({
          ...Paging,
          open: Type.Optional(Type.Boolean()),
          queued: Type.Optional(Type.Boolean()),
          onhold: Type.Optional(Type.Boolean()),
          agents: Type.Optional(Ids),
          // Rocket.Chat's clients send arrays as `agents[]=…`
          'agents[]': Type.Optional(Ids),
          departmentId: Type.Optional(Id),
          createdAt: Type.Optional(Json),
          closedAt: Type.Optional(Json),
          tags: Type.Optional(TagList),
          'tags[]': Type.Optional(TagList),
          roomName: Type.Optional(Type.String({ maxLength: 200 })),
          customFields: Type.Optional(Json),
          sort: Type.Optional(Json),
          fields: Type.Optional(Json),
          text: Type.Optional(
            Type.String({ maxLength: 200, description: 'Ours: visitor name, username, email or any message text' }),
          ),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const q = request.query;
      const page = paging(q);
      const created = dateRange(q.createdAt, 'createdAt');
      const closed = dateRange(q.closedAt, 'closedAt');
      const sort = parseSort(q.sort);
      const project = parseFields(q.fields);
      const customFields = parseCustomFields(q.customFields);
      const agents = q.agents ?? q['agents[]'];
      const seeAll = can(user, 'view-livechat-rooms');
      // As Rocket.Chat: without view-livechat-rooms one may only ask for one's own rooms.
      if (!seeAll && agents && agents.some((a) => a !== user._id && a !== user.username))
        fail('error-unauthorized', "Only managers may list other agents' chats");
      const text = q.text?.trim();
      const { rooms, total } = await lc.oversight.listRooms(user, seeAll, {
        open: q.open,
        queued: q.queued,
        onhold: q.onhold,
        agents,
        departmentId: q.departmentId,
        createdFrom: created.from,
        createdTo: created.to,
        closedFrom: closed.from,
        closedTo: closed.to,
        tags: q.tags ?? q['tags[]'],
        roomName: q.roomName,
        customFields,
        text: text || undefined,
        sort,
        ...page,
      });
      const out = project ? rooms.map((r) => project(r as unknown as Record<string, unknown>)) : rooms;
      return { rooms: out, count: rooms.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/room.join',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: 'Join a chat (Rocket.Chat livechat/room.join)',
        querystring: Type.Object({ roomId: Id }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      await lc.oversight.join(user, request.query.roomId, can(user, 'view-livechat-rooms'));
      return { success: true };
    },
  );

  app.get(
    '/api/v1/livechat/transfer.history/:rid',
    {
      preValidation: needPermission('view-livechat-rooms'),
      schema: {
        tags,
        security,
        summary: "A chat's forwards (Rocket.Chat livechat/transfer.history)",
        params: Type.Object({ rid: Id }),
        querystring: Type.Object({ ...Paging, sort: Type.Optional(Json) }),
      },
    },
    async (request) => {
      const page = paging(request.query);
      let dir: 'asc' | 'desc' = 'asc';
      if (request.query.sort) {
        const o = parseJsonParam(request.query.sort, 'sort', '{"ts":1}');
        const v = o.ts;
        if (Object.keys(o).some((k) => k !== 'ts') || (v !== 1 && v !== -1))
          fail('invalid-params', 'transfer.history sorts by ts only: {"ts":1} or {"ts":-1}');
        dir = v === 1 ? 'asc' : 'desc';
      }
      const { history, total } = await lc.oversight.transferHistory(request.params.rid, { ...page, dir });
      return { history, count: history.length, offset: page.offset, total, success: true };
    },
  );
};
