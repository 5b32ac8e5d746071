/** `livechat/room.note`: staff add an internal note to a chat; visitors never see it (domain/visibility.ts). */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { addNote } from '../../services/livechat/notes.ts';

export const livechatNoteRoutes: RouteRegistrar = (app, s) => {
  app.post(
    '/api/v1/livechat/room.note',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags: ['livechat agent'],
        summary: 'Add an internal note (staff only) to a chat',
        security: staffSecurity,
        body: Type.Object({ rid: Id, msg: Type.String({ maxLength: 1_000_000 }) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const message = await addNote(s.livechat.deps, user, request.body, can(user, 'view-livechat-rooms'));
      return { message, success: true };
    },
  );
};
