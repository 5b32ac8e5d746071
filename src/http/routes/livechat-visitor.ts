/**
 * Visitor-side livechat REST API, Rocket.Chat's paths and shapes. The caller is identified by the
 * visitor token only; every room access checks that the room belongs to that token.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, Id, VisitorToken } from '../schemas.ts';
import type { ConnectionInfo } from '../../services/livechat/visitors.ts';
import { fail } from '../../domain/errors.ts';

const tags = ['livechat visitor'];
const CustomField = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.-]+$' }),
  value: Type.String({ maxLength: 10_000 }),
  overwrite: Type.Boolean(),
});
const Msg = Type.String({ maxLength: 1_000_000 });

export function connectionInfo(request: FastifyRequest): ConnectionInfo {
  const ua = request.headers['user-agent'];
  const host = request.headers.host;
  return {
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua.slice(0, 1024) : undefined,
    host: typeof host === 'string' ? host.slice(0, 255) : undefined,
    widget: isWidget(request.headers.cookie),
  };
}

/**
 * Rocket.Chat's isWidget: both widgets set `rc_room_type=l` and `rc_is_widget=t` as cookies of this
 * origin; a script calling the REST API carries neither, and its rooms' source is `api`.
 */
export function isWidget(cookie: string | undefined): boolean {
  if (!cookie) return false;
  const jar = new Map(
    cookie.split(';').map((c) => {
      const i = c.indexOf('=');
      return [c.slice(0, i).trim(), c.slice(i + 1).trim()] as const;
    }),
  );
  return jar.get('rc_room_type') === 'l' && jar.get('rc_is_widget') === 't';
}

export const livechatVisitorRoutes: RouteRegistrar = (app, s) => {
  const lc = s.livechat;

  app.post(
    '/api/v1/livechat/visitor',
    {
      schema: {
        tags,
        summary: 'Register or update the visitor of a token (idempotent upsert)',
        body: Type.Object({
          visitor: Type.Object({
            token: VisitorToken,
            name: Type.Optional(Type.String({ maxLength: 256 })),
            email: Type.Optional(Type.String({ maxLength: 320 })),
            department: Type.Optional(Type.String({ maxLength: 256 })),
            phone: Type.Optional(
              Type.Union([Type.String({ maxLength: 64 }), Type.Object({ number: Type.String({ maxLength: 64 }) })]),
            ),
            username: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' })),
            customFields: Type.Optional(Type.Array(CustomField, { maxItems: 100 })),
          }),
        }),
      },
    },
    async (request) => {
      const visitor = await lc.visitors.register(request.body.visitor, connectionInfo(request));
      return { visitor, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/visitor/:token',
    { schema: { tags, params: Type.Object({ token: VisitorToken }) } },
    async (request) => ({ visitor: await lc.visitors.get(request.params.token), success: true }),
  );

  app.delete(
    '/api/v1/livechat/visitor/:token',
    {
      schema: {
        tags,
        summary: 'Remove my data: the visitor and their conversations',
        params: Type.Object({ token: VisitorToken }),
      },
    },
    async (request) => ({ visitor: await lc.visitors.remove(request.params.token), success: true }),
  );

  app.get(
    '/api/v1/livechat/room',
    {
      schema: {
        tags,
        summary: "The visitor's open room, or a new one (newRoom: true)",
        querystring: Type.Object({ token: VisitorToken, rid: Type.Optional(Id), agentId: Type.Optional(Id) }),
      },
    },
    async (request) => {
      const { token, rid, agentId } = request.query;
      const { room, newRoom } = await lc.rooms.getOrCreate(token, { rid, agentId }, connectionInfo(request));
      return { room, newRoom, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/room.close',
    { schema: { tags, body: Type.Object({ rid: Id, token: VisitorToken }) } },
    async (request) => ({ ...(await lc.rooms.closeByVisitor(request.body.token, request.body.rid)), success: true }),
  );

  app.post(
    '/api/v1/livechat/message',
    { schema: { tags, body: Type.Object({ token: VisitorToken, rid: Id, msg: Msg, _id: Type.Optional(Id) }) } },
    async (request) => ({ message: await lc.messages.sendAsVisitor(request.body), success: true }),
  );

  app.put(
    '/api/v1/livechat/message/:_id',
    {
      schema: { tags, params: Type.Object({ _id: Id }), body: Type.Object({ token: VisitorToken, rid: Id, msg: Msg }) },
    },
    async (request) => ({
      message: await lc.messages.editAsVisitor({ ...request.body, _id: request.params._id }),
      success: true,
    }),
  );

  app.delete(
    '/api/v1/livechat/message/:_id',
    { schema: { tags, params: Type.Object({ _id: Id }), body: Type.Object({ token: VisitorToken, rid: Id }) } },
    async (request) => ({
      message: await lc.messages.deleteAsVisitor({ ...request.body, _id: request.params._id }),
      success: true,
    }),
  );

  app.get(
    '/api/v1/livechat/messages.history/:rid',
    {
      schema: {
        tags,
        summary: 'Messages of a room, newest first (visitor token, or staff login); `end` pages back',
        params: Type.Object({ rid: Id }),
        querystring: Type.Object({
          token: Type.Optional(VisitorToken),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
          // accepted as Rocket.Chat does; it only feeds an unread count livechat does not return
          ls: Type.Optional(Type.String({ format: 'date-time' })),
          end: Type.Optional(Type.String({ format: 'date-time' })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const opts = { limit: q.limit ?? 20, offset: q.offset, end: q.end ? Date.parse(q.end) : undefined };
      if (request.user) {
        const seeAll = request.user.roles.some((r) => r === 'admin' || r === 'livechat-manager');
        await lc.roomForStaff(request.user, request.params.rid, seeAll);
        return { messages: await lc.messages.history(request.params.rid, opts), success: true };
      }
      if (q.token === undefined) fail('error-token-param-not-provided', 'The token query parameter is required');
      return { messages: await lc.messages.historyForVisitor(q.token, request.params.rid, opts), success: true };
    },
  );

  app.post(
    '/api/v1/livechat/offline.message',
    {
      schema: {
        tags,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 256 }),
          email: Email,
          message: Type.String({ minLength: 1, maxLength: 100_000 }),
          department: Type.Optional(Type.String({ maxLength: 256 })),
          host: Type.Optional(Type.String({ maxLength: 2048 })),
        }),
      },
    },
    async (request) => {
      await lc.offlineMessage(request.body);
      return { message: 'Livechat offline message sent', success: true };
    },
  );

  app.post(
    '/api/v1/livechat/custom.field',
    { schema: { tags, body: Type.Intersect([Type.Object({ token: VisitorToken }), CustomField]) } },
    async (request) => {
      const { token, key, value, overwrite } = request.body;
      await lc.visitors.setCustomFields(token, [{ key, value, overwrite }]);
      return { field: { key, value, overwrite }, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/custom.fields',
    {
      schema: {
        tags,
        body: Type.Object({
          token: VisitorToken,
          customFields: Type.Array(CustomField, { minItems: 1, maxItems: 100 }),
        }),
      },
    },
    async (request) => {
      const applied = await lc.visitors.setCustomFields(request.body.token, request.body.customFields);
      // Rocket.Chat's answer: what was applied (room fields, then visitor ones), `Key` capitalised
      return { fields: applied.map(({ key, value, overwrite }) => ({ Key: key, value, overwrite })), success: true };
    },
  );

  // The widget reports navigation also before a visitor or room exists: accept both. pageInfo is
  // required with Rocket.Chat's three fields (isPOSTLivechatPageVisitedParams).
  app.post(
    '/api/v1/livechat/page.visited',
    {
      schema: {
        tags,
        body: Type.Object({
          token: VisitorToken,
          rid: Type.Optional(Id),
          pageInfo: Type.Object({
            title: Type.String({ maxLength: 2048 }),
            change: Type.String({ maxLength: 64 }),
            location: Type.Object({ href: Type.String({ maxLength: 4096 }) }),
          }),
        }),
      },
    },
    // Stored for the console's visitor panel (services/livechat/history.ts); never an error to the widget.
    async (request) => {
      const { token, rid, pageInfo } = request.body;
      const page = await lc.history.recordPageVisit(token, rid, pageInfo);
      return page ? { page, success: true } : { success: true }; // Rocket.Chat omits `page` when nothing was kept
    },
  );

  app.post(
    '/api/v1/livechat/visitor.status',
    { schema: { tags, body: Type.Object({ token: VisitorToken, status: Type.String({ maxLength: 32 }) }) } },
    async (request) => {
      await lc.visitors.get(request.body.token); // Rocket.Chat: invalid-token for a visitor it does not know
      return { token: request.body.token, status: request.body.status, success: true };
    },
  );
};
