/**
 * Rocket.Chat's users.setStatus and users.getStatus (services/user-status.ts has the model).
 *
 * Whose status: the caller's, unless userId/username/user names someone else, which needs
 * edit-other-user-info (else 403, Rocket.Chat's API.v1.unauthorized). Rocket.Chat's
 * Accounts_AllowUserStatusMessageChange and Accounts_AllowInvisibleStatusOption are not settings
 * here: both behave as their default, on.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { can, currentUser, needUser } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import type { User } from '../../domain/models.ts';
import type { Services } from '../../services/container.ts';

const tags = ['users'];
const Name = Type.String({ minLength: 1, maxLength: 64 });
const Who = { userId: Type.Optional(Id), username: Type.Optional(Name), user: Type.Optional(Name) };
type WhoParams = { userId?: string; username?: string; user?: string };

/** Rocket.Chat's isUserFromParams: nobody named, or the caller named. */
function isSelf(p: WhoParams, me: User): boolean {
  return (
    (!p.userId && !p.username && !p.user) || p.userId === me._id || p.username === me.username || p.user === me.username
  );
}

/** Rocket.Chat's getUserFromParams: by id, else by username (`username`, then `user`). */
async function named(s: Services, p: WhoParams): Promise<User> {
  const found = p.userId ? await s.users.get(p.userId) : await s.users.getByUsername((p.username ?? p.user)!);
  if (!found) fail('error-invalid-user', 'The required "userId" or "username" param provided does not match any users');
  return found;
}

/** Whose status users.setStatus changes: one's own, or anyone's with edit-other-user-info. */
async function target(s: Services, request: FastifyRequest, p: WhoParams): Promise<User> {
  const me = currentUser(request);
  if (isSelf(p, me)) return me;
  if (!can(me, 'edit-other-user-info')) fail('error-unauthorized', 'unauthorized');
  return named(s, p);
}

export const usersStatusRoutes: RouteRegistrar = (app, s) => {
  const status = s.userStatus;

  app.post(
    '/api/v1/users.setStatus',
    {
      preValidation: needUser,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Set a status (online, away, busy, offline = invisible) and/or a status text (message)',
        body: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 32 })),
          message: Type.Optional(Type.String({ maxLength: 1000 })),
          ...Who,
        }),
      },
    },
    async (request) => {
      const body = request.body;
      // Rocket.Chat's check: a status or a message, at least one of them a string
      if (body.status === undefined && body.message === undefined)
        fail('invalid-params', 'Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');
      const user = await target(s, request, body);
      const { visibleAgain } = await status.set(user._id, { status: body.status, message: body.message });
      // an agent who stops being invisible can take the chats that waited meanwhile
      if (visibleAgain) await s.livechat.rooms.processQueue();
      return { success: true };
    },
  );

  app.get(
    '/api/v1/users.getStatus',
    {
      preValidation: needUser,
      schema: {
        tags,
        security: staffSecurity,
        summary: "A user's status; the caller's own also carries connectionStatus",
        querystring: Type.Object(Who),
      },
    },
    async (request) => {
      const me = currentUser(request);
      const self = isSelf(request.query, me);
      const user = self ? me : await named(s, request.query);
      const view = await status.get(user._id);
      if (!view)
        fail('error-invalid-user', 'The required "userId" or "username" param provided does not match any users');
      return self
        ? { _id: view._id, connectionStatus: view.connectionStatus, status: view.status, success: true }
        : { _id: view._id, status: view.status, success: true };
    },
  );
};
