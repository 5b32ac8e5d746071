import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, staffSecurity } from '../schemas.ts';
import { currentUser, needPermission, needUser } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import type { Role } from '../../domain/models.ts';

const ROLES = ['admin', 'livechat-manager', 'livechat-agent', 'user'] as const;

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

  app.post(
    '/api/v1/users.create',
    {
      preValidation: needPermission('create-user'),
      schema: {
        tags: ['users'],
        security: staffSecurity,
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 8, maxLength: 1024 }),
          name: Type.Optional(Type.String({ maxLength: 256 })),
          email: Type.Optional(Email),
          roles: Type.Optional(Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { maxItems: 8 })),
          // Rocket.Chat fields accepted and ignored so its scripts run unchanged
          verified: Type.Optional(Type.Boolean()),
          joinDefaultChannels: Type.Optional(Type.Boolean()),
          requirePasswordChange: Type.Optional(Type.Boolean()),
          sendWelcomeEmail: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      const user = await s.users.create({
        username: b.username,
        password: b.password,
        name: b.name,
        email: b.email,
        roles: b.roles as Role[] | undefined,
      });
      return { user, success: true };
    },
  );
};
