/**
 * Who is calling: staff authenticate with Rocket.Chat's X-User-Id + X-Auth-Token headers (the
 * SSE stream may pass them as query parameters, since EventSource cannot set headers). Visitors
 * are identified per route by their visitor token. Every staff route declares its permission.
 */
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { User } from '../../domain/models.ts';
import { AppError } from '../../domain/errors.ts';
import { hasPermission } from '../../domain/permissions.ts';
import type { Permission } from '../../domain/permissions.ts';
import type { UsersService } from '../../services/users.ts';
import { permissionsFor } from '../../services/permissions.ts';
import type { PermissionsService } from '../../services/permissions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
    authToken: string | undefined;
  }
}

function one(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : undefined;
}

/** The permission table (as edited) each authenticated user is checked against. */
const tableOf = new WeakMap<User, PermissionsService>();

function allowed(user: User, permission: Permission): boolean {
  const table = tableOf.get(user);
  return table ? table.has(user.roles, permission) : hasPermission(user.roles, permission);
}

export function registerAuth(app: FastifyInstance, users: UsersService): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('authToken', undefined);
  // onRequest, before body validation: an anonymous or unauthorised caller learns nothing about
  // the request shape (401/403 before any 400).
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    const streamAuth = request.routeOptions.config?.queryAuth === true;
    const userId =
      one(request.headers['x-user-id']) ?? (streamAuth && typeof q.userId === 'string' ? q.userId : undefined);
    const token =
      one(request.headers['x-auth-token']) ?? (streamAuth && typeof q.authToken === 'string' ? q.authToken : undefined);
    if (!userId && !token) return;
    if (!userId || !token) throw new AppError('unauthorized', 'You must be logged in to do this.');
    const user = await users.authenticate(userId, token);
    if (!user) throw new AppError('unauthorized', 'You must be logged in to do this.');
    request.user = user;
    const table = permissionsFor(users);
    if (table) tableOf.set(user, table);
    request.authToken = token;
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept userId/authToken in the query string (EventSource cannot send headers). */
    queryAuth?: boolean;
  }
}

export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new AppError('unauthorized', 'You must be logged in to do this.');
  return request.user;
}

/** preValidation hook: a logged-in user holding at least one of the permissions. */
export function needPermission(...permissions: Permission[]): preHandlerAsyncHookHandler {
  return async (request) => {
    const user = currentUser(request);
    if (permissions.length > 0 && !permissions.some((p) => allowed(user, p))) {
      throw new AppError('error-unauthorized', 'User does not have the permissions required for this action');
    }
  };
}

export const needUser: preHandlerAsyncHookHandler = async (request) => {
  currentUser(request);
};

export function can(user: User, permission: Permission): boolean {
  return allowed(user, permission);
}
