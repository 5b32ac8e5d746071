/** Login, logout and /me. The users.* routes live in users.ts. */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { staffSecurity } from '../schemas.ts';
import { currentUser, needUser } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';

export const authRoutes: RouteRegistrar = (app, s) => {
  app.post(
    '/api/v1/login',
    {
      schema: {
        tags: ['auth'],
        summary: "Log in (Rocket.Chat's shape); returns userId and authToken",
        body: Type.Object({
          user: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
          username: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
          password: Type.String({ minLength: 1, maxLength: 1024 }),
        }),
      },
    },
    async (request) => {
      const who = request.body.user ?? request.body.username;
      if (!who) fail('invalid-params', 'body.user or body.username is required');
      const { user, authToken } = await s.users.login(who, request.body.password, request.ip);
      return { status: 'success', data: { userId: user._id, authToken, me: user } };
    },
  );

  app.post(
    '/api/v1/logout',
    { preValidation: needUser, schema: { tags: ['auth'], security: staffSecurity } },
    async (request) => {
      await s.users.logout(request.authToken!);
      // The agent stops taking chats at once, and this session's live streams end (presence.ts).
      await s.presence.loggedOut(currentUser(request)._id, request.authToken!);
      return { status: 'success', data: { message: "You've been logged out!" } };
    },
  );

  app.get(
    '/api/v1/me',
    { preValidation: needUser, schema: { tags: ['auth'], security: staffSecurity } },
    async (request) => {
      return { ...currentUser(request), success: true };
    },
  );
};
