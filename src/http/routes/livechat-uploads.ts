/**
 * Widget uploads and file downloads.
 * - POST /api/v1/livechat/upload/:rid: multipart field `file` (and an optional `description`),
 *   visitor token in `x-visitor-token` (the widget sends no other header). Type and size limits
 *   come from settings; the errors carry Rocket.Chat's `reason` (and `sizeAllowed`) that the
 *   widget shows.
 * - GET /file-upload/:id/:name: the room's visitor (cookies rc_token + rc_rid that the widget sets,
 *   ?token=, or the x-visitor-token header Omnihook's widget sends) or its agents
 *   (X-User-Id/X-Auth-Token, or Rocket.Chat's rc_uid/rc_token cookies, since an <img> cannot send
 *   headers). Served inert: nosniff, a sandboxing CSP, and anything that is not plain media as a
 *   download.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import { Id } from '../schemas.ts';
import { can } from '../plugins/auth.ts';
import { AppError, fail } from '../../domain/errors.ts';
import { readUploadForm } from '../upload-form.ts';
import type { User } from '../../domain/models.ts';
import { UploadsService } from '../../services/livechat/uploads.ts';
import type { StoredFile } from '../../services/livechat/uploads.ts';
import type { Services } from '../../services/container.ts';

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      const value = decodeURIComponent(part.slice(i + 1).trim());
      // eslint-disable-next-line no-control-regex -- control characters (NUL) never belong to our cookies
      if (!/[\u0000-\u001f\u007f]/.test(value)) out[part.slice(0, i).trim()] = value;
    } catch {
      // a cookie we cannot decode is not one of ours
    }
  }
  return out;
}

const INLINE = /^(image\/(png|jpeg|gif|webp|bmp)|audio\/[\w.+-]+|video\/[\w.+-]+|application\/pdf|text\/plain)$/;

async function mayRead(s: Services, request: FastifyRequest, file: StoredFile): Promise<boolean> {
  const cookies = parseCookies(request.headers.cookie);
  const q = request.query as { token?: unknown };
  const header = request.headers['x-visitor-token'];
  const visitorTokens = [
    typeof header === 'string' ? header : undefined, // Omnihook's widget: fetch() with a header
    typeof q.token === 'string' ? q.token : undefined,
    cookies.rc_rid === file.rid ? cookies.rc_token : undefined,
  ];
  const roomToken = await s.livechat.visitorTokenOf(file.rid);
  if (roomToken === undefined) return false;
  if (visitorTokens.some((t) => t !== undefined && t === roomToken)) return true;
  let user: User | undefined = request.user;
  if (!user && cookies.rc_uid && cookies.rc_token) user = await s.users.authenticate(cookies.rc_uid, cookies.rc_token);
  if (!user || !can(user, 'view-l-room')) return false;
  try {
    await s.livechat.roomForStaff(user, file.rid, can(user, 'view-livechat-rooms'));
    return true;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

export const livechatUploadRoutes: RouteRegistrar = (app, s) => {
  const uploads = new UploadsService(s.livechat.deps);

  app.post(
    '/api/v1/livechat/upload/:rid',
    {
      schema: {
        tags: ['livechat visitor'],
        summary: 'Visitor file upload (multipart field `file`, header x-visitor-token)',
        params: Type.Object({ rid: Id }),
      },
    },
    async (request) => {
      const token = request.headers['x-visitor-token'];
      if (
        typeof token !== 'string' ||
        token.length === 0 ||
        token.length > 256 ||
        // eslint-disable-next-line no-control-regex -- a token with control characters is no token
        /[\u0000-\u001f\u007f]/.test(token)
      ) {
        fail('error-unauthorized', 'The x-visitor-token header is required'); // Rocket.Chat: 403
      }
      const { maxSize } = uploads.limits();
      await uploads.checkRoom(token, request.params.rid);
      const form = await readUploadForm(request, {
        maxSize,
        checkType: (type) => uploads.checkType(type),
        sizeError: () => uploads.sizeError(),
      });
      const message = await uploads.saveVisitorFile({
        token,
        rid: request.params.rid,
        name: form.name,
        type: form.type,
        data: form.data,
        description: form.fields.description,
      });
      return { message, success: true };
    },
  );

  app.get(
    '/file-upload/:id/:name',
    {
      config: { queryAuth: true },
      schema: {
        tags: ['livechat visitor'],
        summary: "A room's file, for its visitor and its agents",
        params: Type.Object({ id: Id, name: Type.String({ maxLength: 1024 }) }),
        querystring: Type.Object({
          token: Type.Optional(Type.String({ maxLength: 256 })),
          userId: Type.Optional(Type.String({ maxLength: 64 })),
          authToken: Type.Optional(Type.String({ maxLength: 512 })),
        }),
      },
    },
    async (request, reply) => {
      const file = await uploads.find(request.params.id);
      if (!file) fail('error-invalid-file', 'File not found');
      if (!(await mayRead(s, request, file))) fail('error-not-allowed', 'Not allowed');
      const inline = INLINE.test(file.type);
      const encoded = encodeURIComponent(file.name);
      return reply
        .header('content-type', inline ? file.type : 'application/octet-stream')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="${encoded}"; filename*=UTF-8''${encoded}`,
        )
        .header('content-length', String(file.data.length))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(Buffer.from(file.data));
    },
  );
};
