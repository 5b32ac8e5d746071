/** Server, login, users, settings and permissions. */
import { Type } from '@sinclair/typebox';
import type { Catalogue } from '../types.ts';
import { LoginAnswer, LogoutAnswer, MeAnswer, StaffUser, ref } from '../models.ts';

export const staffCatalogue: Catalogue = {
  'GET /api/info': {
    description: "Rocket.Chat's info route: the version, once the server has finished starting.",
    ok: Type.Object({ success: Type.Literal(true), version: Type.String() }),
  },
  'GET /api/health/live': { description: 'For a supervisor: answers as long as the event loop turns.' },
  'GET /api/health/ready': {
    description: 'For a load balancer: a bounded round trip to the database; 503 with Retry-After when it fails.',
  },
  'GET /metrics': {
    description: 'Delivery, attempt, breaker and HTTP counters in the Prometheus text format.',
    content: { 'text/plain': Type.String() },
  },
  'POST /api/v1/login': {
    description:
      "Checks the username (or e-mail) and password and opens a session. Send the answer's userId and authToken as X-User-Id and X-Auth-Token on every staff call. Repeated failures from one address are slowed down.",
    ok: LoginAnswer,
    rateLimited: true,
  },
  'POST /api/v1/logout': {
    summary: 'Log out: end this session',
    description: 'Ends the session of the X-Auth-Token sent; the agent stops taking chats and its live streams end.',
    ok: LogoutAnswer,
  },
  'GET /api/v1/me': {
    summary: 'The logged-in user',
    description: "Rocket.Chat's me route: the caller's user record (never its password or tokens).",
    ok: MeAnswer,
  },
  'POST /api/v1/users.create': {
    summary: 'Create a staff user',
    description: 'Creates a user with a username, password, name, e-mail and roles (create-user permission).',
    ok: Type.Object({ success: Type.Literal(true), user: ref(StaffUser) }),
  },
  'POST /api/v1/users.update': {
    description: "Changes the fields given in data; a new password ends the user's sessions.",
  },
  'GET /api/v1/users.info': {
    summary: 'One user, by userId or username',
    description: "Rocket.Chat's users.info: the user record, by id or username.",
    ok: Type.Object({ success: Type.Literal(true), user: ref(StaffUser) }),
  },
  'GET /api/v1/users.list': {
    description: 'Pages through staff users (count, offset) with the total.',
    ok: Type.Object({
      success: Type.Literal(true),
      users: Type.Array(ref(StaffUser)),
      count: Type.Integer(),
      offset: Type.Integer(),
      total: Type.Integer(),
    }),
  },
  'POST /api/v1/users.setActiveStatus': {
    description: 'activeStatus false deactivates: sessions end and open chats return to the queue.',
  },
  'POST /api/v1/users.delete': {
    summary: 'Delete a user',
    description: 'Removes a staff user; the last active admin cannot be removed.',
  },
  'POST /api/v1/users.resetPassword': {
    description: "Generates a new password for a user and answers it once; the user's sessions end.",
  },
  'POST /api/v1/users.updateOwnBasicInfo': {
    description: 'The caller edits their own profile; changing the password or e-mail needs the current password.',
  },
  'POST /api/v1/users.setStatus': {
    description: "Rocket.Chat's users.setStatus for the caller or, with permission, another user.",
  },
  'GET /api/v1/users.getStatus': { description: "Rocket.Chat's users.getStatus: presence and status text." },
  'GET /api/v1/settings.public': { description: 'Settings any visitor may read, paged.' },
  'GET /api/v1/settings': {
    description: "Settings with their values, paged; which ones depends on the caller's permissions.",
  },
  'GET /api/v1/settings/:_id': { description: "Rocket.Chat's settings/:_id: one setting's current value." },
  'POST /api/v1/settings/:_id': {
    description: 'Writes one setting; a value of the wrong type or out of range is refused.',
  },
  'GET /api/v1/permissions.listAll': { description: "Rocket.Chat's permissions.listAll: the permission table." },
  'POST /api/v1/permissions.update': {
    description: "Rocket.Chat's permissions.update: replaces the roles of the permissions listed.",
  },
};
