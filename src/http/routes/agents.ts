/**
 * livechat/users/:type: who is an agent or a manager (Rocket.Chat's shapes and permissions).
 * `POST livechat/agent.status` lives with the livechat routes, not here.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { can, currentUser } from '../plugins/auth.ts';
import { AppError, fail } from '../../domain/errors.ts';
import type { Permission } from '../../domain/permissions.ts';
import type { Role, User } from '../../domain/models.ts';
import type { Services } from '../../services/container.ts';

type Kind = 'agent' | 'manager';
const ROLE: Record<Kind, Role> = { agent: 'livechat-agent', manager: 'livechat-manager' };

const TypeParam = Type.Union([Type.Literal('agent'), Type.Literal('manager')]);
const TypeParams = Type.Object({ type: TypeParam });
const TypeIdParams = Type.Object({ type: TypeParam, _id: Id });

/**
 * Rocket.Chat: listing agents needs transfer-livechat-guest or edit-omnichannel-contact (agents
 * list agents to forward a chat); managers are listed with view-livechat-manager; adding or
 * removing needs manage-livechat-agents / manage-livechat-managers.
 */
const READ: Record<Kind, Permission[]> = {
  agent: ['transfer-livechat-guest', 'edit-omnichannel-contact'],
  manager: ['view-livechat-manager'],
};
const WRITE: Record<Kind, Permission[]> = { agent: ['manage-livechat-agents'], manager: ['manage-livechat-managers'] };

/** needPermission, with the permissions chosen by the :type path parameter. */
function needFor(table: Record<Kind, Permission[]>): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const user = currentUser(request);
    // runs before schema validation (auth first), so the path parameter is still unchecked here
    const kind = (request.params as { type?: string }).type;
    if (kind !== 'agent' && kind !== 'manager')
      throw new AppError('invalid-params', 'params.type must be agent or manager');
    if (!table[kind].some((p) => can(user, p))) {
      throw new AppError('error-unauthorized', 'User does not have the permissions required for this action');
    }
  };
}

/** The fields Rocket.Chat picks for an agent or manager, plus the agent's department ids. */
function view(user: User, departments?: string[]) {
  return {
    _id: user._id,
    username: user.username,
    name: user.name,
    emails: user.emails,
    status: user.status,
    statusLivechat: user.statusLivechat,
    roles: user.roles,
    active: user.active,
    ...(departments ? { departments } : {}),
  };
}

async function withDepartments(s: Services, kind: Kind, users: User[]) {
  if (kind !== 'agent') return users.map((u) => view(u));
  const deps = await s.departments.departmentIdsByAgent(users.map((u) => u._id));
  return users.map((u) => view(u, deps.get(u._id) ?? []));
}

export const agentRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/users/:type',
    {
      preValidation: needFor(READ),
      schema: {
        tags: ['livechat-users'],
        summary: 'List agents or managers (text filters username and name)',
        security: staffSecurity,
        params: TypeParams,
        querystring: Type.Object({ text: Type.Optional(Type.String({ maxLength: 256 })), ...Paging }),
      },
    },
    async (request) => {
      const { type } = request.params;
      const { count, offset } = paging(request.query);
      const { users, total } = await s.users.listByRole(ROLE[type], { text: request.query.text, count, offset });
      return { users: await withDepartments(s, type, users), count: users.length, offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/users/:type',
    {
      preValidation: needFor(WRITE),
      schema: {
        tags: ['livechat-users'],
        summary: 'Give a user the livechat-agent or livechat-manager role',
        security: staffSecurity,
        params: TypeParams,
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request) => {
      const { type } = request.params;
      const found = await s.users.getByUsername(request.body.username);
      if (!found) fail('error-user-not-found', `User ${request.body.username} not found`);
      const user = await s.users.addRole(found._id, ROLE[type]);
      const [shown] = await withDepartments(s, type, [user]);
      return { user: shown, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/users/:type/:_id',
    {
      preValidation: needFor({ agent: ['view-livechat-manager'], manager: ['view-livechat-manager'] }),
      schema: {
        tags: ['livechat-users'],
        summary: 'One agent or manager; user is null when the user does not hold that role',
        security: staffSecurity,
        params: TypeIdParams,
      },
    },
    async (request) => {
      const { type, _id } = request.params;
      const user = await s.users.get(_id);
      if (!user) fail('error-user-not-found', 'User not found');
      // Rocket.Chat answers success with user: null for a user who is not in the role.
      if (!user.roles.includes(ROLE[type])) return { user: null, success: true };
      const [shown] = await withDepartments(s, type, [user]);
      return { user: shown, success: true };
    },
  );

  app.delete(
    '/api/v1/livechat/users/:type/:_id',
    {
      preValidation: needFor(WRITE),
      schema: {
        tags: ['livechat-users'],
        summary: 'Take the role away (an agent also leaves every department)',
        security: staffSecurity,
        params: TypeIdParams,
      },
    },
    async (request) => {
      const { type, _id } = request.params;
      await s.users.removeRole(_id, ROLE[type]);
      return { success: true };
    },
  );
};
