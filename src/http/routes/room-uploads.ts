/**
 * The agent's upload: Rocket.Chat's `POST rooms.upload/:rid` (multipart field `file`, optional
 * `description` or `msg`), one request that stores the file and sends the file message. Its newer
 * two-step `rooms.media` + `rooms.mediaConfirm` needs files that wait unconfirmed and a sweeper for
 * the ones never confirmed; one step needs neither (docs/decisions.md). Who may: as for
 * chat.sendMessage, the serving agent of an open chat, or staff who act on any room. Limits are the
 * visitor's: FileUpload_Enabled, FileUpload_MaxFileSize, FileUpload_MediaTypeWhiteList.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { readUploadForm } from '../upload-form.ts';
import { UploadsService } from '../../services/livechat/uploads.ts';

export const roomUploadRoutes: RouteRegistrar = (app, s) => {
  const uploads = new UploadsService(s.livechat.deps);

  app.post(
    '/api/v1/rooms.upload/:rid',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags: ['livechat agent'],
        security: staffSecurity,
        summary: 'Agent file upload (multipart field `file`, optional `description`)',
        params: Type.Object({ rid: Id }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const anyRoom = can(user, 'view-livechat-rooms');
      // Settings and room first: a refused upload is answered before its bytes are read.
      const { maxSize } = uploads.limits();
      await uploads.checkAgentRoom(user, request.params.rid, anyRoom);
      const form = await readUploadForm(request, {
        maxSize,
        checkType: (type) => uploads.checkType(type),
        sizeError: () => uploads.sizeError(),
      });
      const message = await uploads.saveAgentFile(
        user,
        {
          rid: request.params.rid,
          name: form.name,
          type: form.type,
          data: form.data,
          description: form.fields.description ?? form.fields.msg,
        },
        anyRoom,
      );
      return { message, success: true };
    },
  );
};
