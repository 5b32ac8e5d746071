/**
 * Offline messages for managers (issue 13). Rocket.Chat has no REST for them (it only emails
 * them), so these routes are ours, under livechat/offline-messages, for managers only.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { currentUser, needPermission } from '../plugins/auth.ts';

const tags = ['livechat offline messages'];

export const offlineMessageRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/offline-messages',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'List offline messages, newest first (handled=false: only the open ones)',
        querystring: Type.Object({ handled: Type.Optional(Type.Boolean()), ...Paging }),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const { messages, total } = await s.offlineMessages.list({ handled: request.query.handled, count, offset });
      return { messages, count: messages.length, offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/offline-messages/:_id/handled',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Mark an offline message handled (handled=false reopens it)',
        params: Type.Object({ _id: Id }),
        body: Type.Object({ handled: Type.Boolean() }),
      },
    },
    async (request) => {
      await s.offlineMessages.setHandled(request.params._id, request.body.handled, currentUser(request)._id);
      return { success: true };
    },
  );
};
