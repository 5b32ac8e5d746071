/**
 * The staff directory (issue 14), Rocket.Chat's routes and validators: `livechat/visitors.search`,
 * `visitors.autocomplete`, `visitors.searchChats/room/:roomId/visitor/:visitorId`,
 * `livechat/:rid/messages`, `livechat/queue`, `livechat/inquiries.list`, `inquiries.queuedForUser`,
 * `inquiries.getOne`, `livechat/rooms/filters` and `POST livechat/messages`. Query strings refuse
 * unknown parameters, as Rocket.Chat's AJV schemas do (additionalProperties: false).
 */
import { Type } from '@sinclair/typebox';
import type { TObject, TProperties } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity, VisitorToken } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { connectionInfo } from './livechat-visitor.ts';
import { fail } from '../../domain/errors.ts';
import type { User } from '../../domain/models.ts';
import { CHAT_SORT, INQUIRY_SORT, MESSAGE_SORT, QUEUE_SORT, VISITOR_SORT } from '../../services/livechat/directory.ts';
import type { Order } from '../../services/livechat/directory.ts';

const tags = ['livechat agent'];
const security = staffSecurity;
const Text = Type.String({ maxLength: 500 });
const Json = Type.String({ maxLength: 2000 });
const BoolText = Type.String({ maxLength: 10 }); // Rocket.Chat's 'true' | 'false' as text
const query = <P extends TProperties>(p: P): TObject<P> => Type.Object(p, { additionalProperties: false });
const Paged = { ...Paging, sort: Type.Optional(Json) };

function jsonObject(raw: string, name: string, example: string): Record<string, unknown> {
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

/** Rocket.Chat's `sort` JSON ({"ts": -1}), limited to the fields this list can sort by. */
function parseSort<F extends Record<string, string>>(raw: string | undefined, fields: F): Order<F[keyof F]>[] {
  if (!raw) return [];
  return Object.entries(jsonObject(raw, 'sort', '{"ts":-1}')).map(([k, v]) => {
    if (!Object.hasOwn(fields, k))
      fail('invalid-params', `Cannot sort by "${k}": use one of ${Object.keys(fields).join(', ')}`);
    if (v !== 1 && v !== -1) fail('invalid-params', `The sort direction of "${k}" must be 1 or -1`);
    return { column: fields[k] as F[keyof F], dir: v === 1 ? 'asc' : 'desc' };
  });
}

/** visitors.autocomplete's `selector`: {"term": "...", "exceptions": [ids]}. */
function parseSelector(raw: string): { term: string; exceptions: string[] } {
  const o = jsonObject(raw, 'selector', '{"term":"ann"}');
  const term = typeof o.term === 'string' ? o.term.slice(0, 200) : '';
  const ex = o.exceptions === undefined ? [] : o.exceptions;
  if (!Array.isArray(ex) || ex.length > 1000 || !ex.every((x) => typeof x === 'string'))
    fail('invalid-params', 'selector.exceptions must be a list of visitor ids');
  // `conditions` (a raw MongoDB filter in Rocket.Chat) has no SQL meaning here: it is ignored.
  return { term, exceptions: ex };
}

export const livechatDirectoryRoutes: RouteRegistrar = (app, s) => {
  const { directory } = s.livechat;
  const seeAll = (u: User) => can(u, 'view-livechat-rooms');
  const viewRoom = needPermission('view-l-room');

  app.get(
    '/api/v1/livechat/visitors.search',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: 'Visitors by exact email or phone, or part of the name or username (newest first)',
        querystring: query({ ...Paged, term: Text }),
      },
    },
    async (request) => {
      const page = paging(request.query);
      const order = parseSort(request.query.sort, VISITOR_SORT);
      const { visitors, total } = await directory.searchVisitors({ term: request.query.term, order, ...page });
      return { visitors, count: visitors.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/visitors.autocomplete',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: 'Up to ten visitors whose name starts with selector.term',
        querystring: query({ selector: Json }),
      },
    },
    async (request) => {
      const { term, exceptions } = parseSelector(request.query.selector);
      return { items: await directory.autocompleteVisitors(term, exceptions), success: true };
    },
  );

  app.get(
    '/api/v1/livechat/visitors.searchChats/room/:roomId/visitor/:visitorId',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: "The visitor's chats, searched by message text, closed or served only, or by source",
        params: Type.Object({ roomId: Id, visitorId: Id }),
        querystring: query({
          ...Paged,
          searchText: Type.Optional(Text),
          closedChatsOnly: Type.Optional(BoolText),
          servedChatsOnly: Type.Optional(BoolText),
          source: Type.Optional(Text),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const page = paging(request.query);
      const { sort, count: _c, offset: _o, ...filters } = request.query;
      const { history, total } = await directory.searchChats(
        user,
        { ...request.params, ...filters, order: parseSort(sort, CHAT_SORT), ...page },
        seeAll(user),
      );
      return { history, count: history.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/:rid/messages',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: "A room's conversation for staff (no system records, no notes), newest first",
        params: Type.Object({ rid: Id }),
        querystring: query({ ...Paged, searchTerm: Type.Optional(Text) }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const page = paging(request.query);
      const order = parseSort(request.query.sort, MESSAGE_SORT);
      const { messages, total } = await directory.roomMessages(
        user,
        { rid: request.params.rid, searchTerm: request.query.searchTerm, order, ...page },
        seeAll(user),
      );
      // Rocket.Chat answers the page size asked for as `count`, not the number of messages
      return { messages, offset: page.offset, count: page.count, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/queue',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: 'Open chats per serving agent and department (available agents unless includeOfflineAgents)',
        querystring: query({
          ...Paged,
          agentId: Type.Optional(Id),
          departmentId: Type.Optional(Id),
          includeOfflineAgents: Type.Optional(BoolText),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const page = paging(q);
      const { queue, total } = await directory.queue({
        agentId: q.agentId,
        departmentId: q.departmentId,
        includeOfflineAgents: q.includeOfflineAgents === 'true',
        order: parseSort(q.sort, QUEUE_SORT),
        ...page,
      });
      return { queue, count: queue.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/inquiries.list',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security,
        summary: 'Every queued inquiry (managers), newest first; department by id or name',
        querystring: query({ ...Paged, department: Type.Optional(Text) }),
      },
    },
    async (request) => {
      const page = paging(request.query);
      const order = parseSort(request.query.sort, INQUIRY_SORT);
      const { inquiries, total } = await directory.listInquiries({
        department: request.query.department,
        order,
        ...page,
      });
      return { inquiries, offset: page.offset, count: inquiries.length, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/inquiries.queuedForUser',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: "Queued inquiries of the caller's departments and the public queue, oldest first",
        querystring: query({ ...Paged, department: Type.Optional(Id) }),
      },
    },
    async (request) => {
      const page = paging(request.query);
      const order = parseSort(request.query.sort, INQUIRY_SORT);
      const { inquiries, total } = await directory.queuedForUser(currentUser(request), {
        department: request.query.department,
        order,
        ...page,
      });
      return { inquiries, count: inquiries.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/inquiries.getOne',
    {
      preValidation: viewRoom,
      schema: {
        tags,
        security,
        summary: "A room's inquiry, or null",
        querystring: query({ roomId: Id }),
      },
    },
    async (request) => ({ inquiry: await directory.inquiryOfRoom(request.query.roomId), success: true }),
  );

  app.get(
    '/api/v1/livechat/rooms/filters',
    {
      preValidation: viewRoom,
      schema: { tags, security, summary: 'The sources rooms came from, to filter the room list by' },
    },
    async () => ({ filters: await directory.roomSources(), success: true }),
  );

  app.post(
    '/api/v1/livechat/messages',
    {
      // Rocket.Chat asks only for a login here: integrations post on behalf of a visitor token.
      preValidation: needPermission(),
      schema: {
        tags,
        security,
        summary: "Post visitor messages, in order, into the token's open room (created when missing)",
        body: Type.Object(
          {
            visitor: Type.Object({ token: VisitorToken }, { additionalProperties: false }),
            messages: Type.Array(Type.Object({ msg: Type.String() }, { additionalProperties: false }), {
              minItems: 1,
              maxItems: 100,
            }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { visitor, messages } = request.body;
      const sent = await directory.postVisitorMessages(
        visitor.token,
        messages.map((m) => m.msg),
        connectionInfo(request),
      );
      return { messages: sent, success: true };
    },
  );
};
