/**
 * Rocket.Chat's users.* routes (apps/meteor/app/api/server/v1/users.ts, bodies as in
 * packages/rest-typings/src/v1/users/), plus users.resetPassword, ours: an admin gets a generated
 * password, shown once in the answer. Writes are admin-only; reading (list, info) is also open to
 * managers, who pick users to make agents. users.updateOwnBasicInfo is for any logged-in user.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { currentUser, needPermission, needUser } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import type { Role } from '../../domain/models.ts';

const RoleName = Type.Union(
  (['admin', 'livechat-manager', 'livechat-agent', 'user'] as const).map((r) => Type.Literal(r)),
);
const Roles = Type.Array(RoleName, { maxItems: 8 });
const Password = Type.String({ minLength: 8, maxLength: 1024 });
const Username = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 256 });
// Rocket.Chat fields accepted and ignored, so its scripts run unchanged
const Ignored = {
  verified: Type.Optional(Type.Boolean()),
  joinDefaultChannels: Type.Optional(Type.Boolean()),
  requirePasswordChange: Type.Optional(Type.Boolean()),
  sendWelcomeEmail: Type.Optional(Type.Boolean()),
};
const tags = ['users'];
const security = staffSecurity;
const READ = needPermission('view-user-administration', 'manage-livechat-agents');

export const userRoutes: RouteRegistrar = (app, s) => {
  app.post(
    '/api/v1/users.create',
    {
      preValidation: needPermission('create-user'),
      schema: {
        tags,
        security,
        body: Type.Object({
          username: Username,
          password: Password,
          name: Type.Optional(Type.String({ maxLength: 256 })),
          email: Type.Optional(Email),
          roles: Type.Optional(Roles),
          active: Type.Optional(Type.Boolean()),
          ...Ignored,
        }),
      },
    },
    async (request) => {
      const b = request.body;
      let user = await s.users.create({
        username: b.username,
        password: b.password,
        name: b.name,
        email: b.email,
        roles: b.roles as Role[] | undefined,
      });
      if (b.active === false) user = await s.usersAdmin.setActive(user._id, false);
      return { user, success: true };
    },
  );

  app.post(
    '/api/v1/users.update',
    {
      preValidation: needPermission('edit-other-user-info'),
      schema: {
        tags,
        security,
        summary: 'Change a user: name, username, email, password (ends their sessions), roles, active',
        body: Type.Object({
          userId: Id,
          data: Type.Object(
            {
              name: Type.Optional(Name),
              username: Type.Optional(Username),
              email: Type.Optional(Type.Union([Email, Type.Literal('')])),
              password: Type.Optional(Password),
              roles: Type.Optional(Roles),
              active: Type.Optional(Type.Boolean()),
              ...Ignored,
            },
            { additionalProperties: false },
          ),
          confirmRelinquish: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const d = request.body.data;
      const user = await s.usersAdmin.update(request.body.userId, {
        name: d.name,
        username: d.username,
        email: d.email,
        password: d.password,
        roles: d.roles as Role[] | undefined,
        active: d.active,
      });
      return { user, success: true };
    },
  );

  app.get(
    '/api/v1/users.info',
    {
      preValidation: READ,
      schema: {
        tags,
        security,
        querystring: Type.Object({ userId: Type.Optional(Id), username: Type.Optional(Username) }),
      },
    },
    async (request) => ({ user: await s.usersAdmin.info(request.query), success: true }),
  );

  app.get(
    '/api/v1/users.list',
    {
      preValidation: READ,
      schema: {
        tags,
        security,
        summary: 'Users by username; text matches username, name or e-mail (case-insensitive)',
        querystring: Type.Object({
          text: Type.Optional(Type.String({ maxLength: 256 })),
          role: Type.Optional(RoleName),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const { users, total } = await s.usersAdmin.list({
        text: request.query.text,
        role: request.query.role as Role | undefined,
        count,
        offset,
      });
      return { users, count: users.length, offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/users.setActiveStatus',
    {
      preValidation: needPermission('edit-other-user-active-status'),
      schema: {
        tags,
        security,
        summary: 'Deactivate (sessions end, open chats go back to the queue) or reactivate a user',
        body: Type.Object({
          userId: Id,
          activeStatus: Type.Boolean(),
          confirmRelinquish: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const user = await s.usersAdmin.setActive(request.body.userId, request.body.activeStatus);
      return { user: { _id: user._id, active: user.active }, success: true };
    },
  );

  app.post(
    '/api/v1/users.delete',
    {
      preValidation: needPermission('delete-user'),
      schema: {
        tags,
        security,
        body: Type.Object({ userId: Id, confirmRelinquish: Type.Optional(Type.Boolean()) }),
      },
    },
    async (request) => {
      await s.usersAdmin.delete(request.body.userId);
      return { success: true };
    },
  );

  app.post(
    '/api/v1/users.resetPassword',
    {
      preValidation: needPermission('edit-other-user-password'),
      schema: {
        tags,
        security,
        summary: "Ours: give a user a generated password, returned once in this answer; ends the user's sessions",
        body: Type.Object({ userId: Id }),
      },
    },
    async (request) => {
      const { user, password } = await s.usersAdmin.resetPassword(request.body.userId);
      return { user, password, success: true };
    },
  );

  app.post(
    '/api/v1/users.updateOwnBasicInfo',
    {
      preValidation: needUser,
      schema: {
        tags,
        security,
        summary: 'Change your own name; a new password or e-mail needs currentPassword',
        body: Type.Object({
          data: Type.Object(
            {
              name: Type.Optional(Name),
              email: Type.Optional(Type.Union([Email, Type.Literal('')])),
              currentPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
              newPassword: Type.Optional(Password),
              // Rocket.Chat profile fields this server has no use for
              username: Type.Optional(Username),
              nickname: Type.Optional(Type.String({ maxLength: 256 })),
              bio: Type.Optional(Type.String({ maxLength: 1024 })),
              statusText: Type.Optional(Type.String({ maxLength: 256 })),
              statusType: Type.Optional(Type.String({ maxLength: 32 })),
            },
            { additionalProperties: false },
          ),
          customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
        }),
      },
    },
    async (request) => {
      const me = currentUser(request);
      const d = request.body.data;
      if (d.username !== undefined && d.username !== me.username) {
        fail('error-not-allowed', 'Changing your own username is not allowed');
      }
      const user = await s.usersAdmin.updateOwn(me, request.authToken!, {
        name: d.name,
        email: d.email,
        currentPassword: d.currentPassword,
        newPassword: d.newPassword,
      });
      return { user, success: true };
    },
  );
};
