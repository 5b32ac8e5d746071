/**
 * History for staff (issue 13): Rocket.Chat's `livechat/visitors.info`, `visitors.pagesVisited`,
 * `visitors.chatHistory` and `livechat/transcript/:rid` (request / withdraw the transcript on
 * close), plus ours: the transcript to read, to download (text or printable HTML) and to email
 * now. Who may read which room: services/livechat/history.ts (readableRoom).
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import type { User } from '../../domain/models.ts';

const tags = ['livechat agent'];
const security = staffSecurity;
const RoomParams = Type.Object({ rid: Id });
const Address = Type.String({ minLength: 3, maxLength: 320 });
const Subject = Type.String({ maxLength: 500 });

export const livechatHistoryRoutes: RouteRegistrar = (app, s) => {
  const { history, transcripts } = s.livechat;
  const seeAll = (u: User) => can(u, 'view-livechat-rooms');

  app.get(
    '/api/v1/livechat/visitors.info',
    {
      preValidation: needPermission('view-l-room'),
      schema: { tags, security, summary: 'A visitor, by id', querystring: Type.Object({ visitorId: Id }) },
    },
    async (request) => {
      const user = currentUser(request);
      return { visitor: await history.visitorInfo(user, request.query.visitorId, seeAll(user)), success: true };
    },
  );

  app.get(
    '/api/v1/livechat/visitors.pagesVisited/:roomId',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: 'Pages the visitor reported during (and just before) the chat, newest first',
        params: Type.Object({ roomId: Id }),
        querystring: Type.Object({ ...Paging }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const page = paging(request.query);
      const { pages, total } = await history.pagesVisited(
        user,
        { roomId: request.params.roomId, ...page },
        seeAll(user),
      );
      return { pages, count: pages.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/visitors.chatHistory/room/:roomId/visitor/:visitorId',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: "The visitor's chats (rooms), newest first",
        params: Type.Object({ roomId: Id, visitorId: Id }),
        querystring: Type.Object({ ...Paging }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const page = paging(request.query);
      const { history: rooms, total } = await history.chatHistory(user, { ...request.params, ...page }, seeAll(user));
      return { history: rooms, count: rooms.length, offset: page.offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/transcript/:rid',
    {
      preValidation: needPermission('send-omnichannel-chat-transcript'),
      schema: {
        tags,
        security,
        summary: 'Email the transcript to this address when the open chat closes',
        params: RoomParams,
        body: Type.Object({ email: Address, subject: Subject }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      await transcripts.request(user, { rid: request.params.rid, ...request.body }, seeAll(user));
      return { success: true };
    },
  );

  app.delete(
    '/api/v1/livechat/transcript/:rid',
    {
      preValidation: needPermission('send-omnichannel-chat-transcript'),
      schema: { tags, security, summary: 'Withdraw the transcript request of an open chat', params: RoomParams },
    },
    async (request) => {
      const user = currentUser(request);
      await transcripts.cancelRequest(user, request.params.rid, seeAll(user));
      return { success: true };
    },
  );

  app.get(
    '/api/v1/livechat/transcript/:rid',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: 'Ours: the transcript to read (lines as the visitor saw them) and its request, if any',
        params: RoomParams,
      },
    },
    async (request) => {
      const user = currentUser(request);
      const t = await transcripts.forStaff(user, request.params.rid, seeAll(user));
      return {
        transcript: { head: t.head, lines: t.lines, transcriptRequest: t.transcriptRequest },
        success: true,
      };
    },
  );

  app.get(
    '/api/v1/livechat/transcript/:rid/download',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: 'Ours: the transcript as a file, plain text or a printable HTML page',
        params: RoomParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('txt'), Type.Literal('html')])) }),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const t = await transcripts.forStaff(user, request.params.rid, seeAll(user));
      const html = request.query.format === 'html';
      return (
        reply
          .header('content-type', html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8')
          .header('content-disposition', `attachment; filename="${t.filename}.${html ? 'html' : 'txt'}"`)
          .header('x-content-type-options', 'nosniff')
          // The page has its own inline style and nothing else: no script runs even if opened from here.
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .header('cache-control', 'private, no-store')
          .send(html ? t.html : t.text)
      );
    },
  );

  app.post(
    '/api/v1/livechat/transcript/:rid/email',
    {
      preValidation: needPermission('send-omnichannel-chat-transcript'),
      schema: {
        tags,
        security,
        summary: 'Ours: email the transcript now (the SMTP settings)',
        params: RoomParams,
        body: Type.Object({ email: Address, subject: Type.Optional(Subject) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      await transcripts.emailByStaff(user, { rid: request.params.rid, ...request.body }, seeAll(user));
      return { message: 'Transcript sent', success: true };
    },
  );
};
