/**
 * Users administration (Rocket.Chat's users.* routes and the `omnihook users` commands): list,
 * edit, deactivate, delete, reset passwords, and one's own name and password.
 *
 * Taking someone out of service (deactivating, deleting, or removing the agent role) happens in one
 * transaction: the user row, their login tokens, their livechat status, and their open chats put
 * back in the queue with the LivechatSessionQueued event each, as queueRoom records it. Rocket.Chat
 * closes those chats instead; the issue asks that no visitor be left without an answer, so they go
 * back to the queue and, in auto routing, to the next available agent.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { toUser } from '../store/mappers.ts';
import type { UserRow } from '../store/mappers.ts';
import { lowerContains } from '../store/text.ts';
import { newToken } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';
import type { Role, User } from '../domain/models.ts';
import { inTx } from './tx.ts';
import type { Tx } from './tx.ts';
import type { LivechatDeps } from './livechat/deps.ts';
import { queueRoom } from './livechat/routing.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { EMAIL_PATTERN, USERNAME_PATTERN, hashToken } from './users.ts';

export const ROLES: readonly Role[] = ['admin', 'livechat-manager', 'livechat-agent', 'user'];
export const MIN_PASSWORD = 8;

export interface UserChanges {
  name?: string;
  username?: string;
  email?: string;
  password?: string;
  roles?: Role[];
  active?: boolean;
}

export interface OwnChanges {
  name?: string;
  email?: string;
  currentPassword?: string;
  newPassword?: string;
}

export interface ListQuery {
  text?: string;
  role?: Role;
  count: number;
  offset: number;
}

export class UsersAdminService {
  constructor(
    private readonly deps: LivechatDeps,
    /** Hands queued chats to available agents after a commit (auto routing only). */
    private readonly processQueue: () => Promise<unknown>,
  ) {}

  private get db(): Kysely<Database> {
    return this.deps.db;
  }

  async list(q: ListQuery): Promise<{ users: User[]; total: number }> {
    let query = this.db.selectFrom('users');
    if (q.text) {
      const t = q.text;
      query = query.where((eb) =>
        eb.or([lowerContains('username', t), lowerContains('name', t), lowerContains('email', t)]),
      );
    }
    // roles are a JSON array of quoted names, so the quoted name matches exactly
    if (q.role) query = query.where('roles', 'like', `%"${q.role}"%`);
    const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await query.selectAll().orderBy('username').limit(q.count).offset(q.offset).execute();
    return { users: rows.map(toUser), total: Number(totalRow?.n ?? 0) };
  }

  async info(by: { userId?: string; username?: string }): Promise<User> {
    let q = this.db.selectFrom('users').selectAll();
    if (by.userId) q = q.where('_id', '=', by.userId);
    else if (by.username) q = q.where((eb) => eb(eb.fn('lower', ['username']), '=', by.username!.toLowerCase()));
    else fail('invalid-params', 'Invalid search query: give userId or username');
    const row = await q.executeTakeFirst();
    if (!row) fail('error-user-not-found', 'User not found');
    return toUser(row);
  }

  /** users.update: every change is checked before any is written, then all commit together. */
  async update(userId: string, data: UserChanges): Promise<User> {
    checkFields(data);
    const passwordHash = data.password !== undefined ? await hashPassword(data.password) : undefined;
    const released = await inTx(this.deps.store, async (tx) => {
      const row = await userRow(tx, userId);
      await checkUnique(tx, userId, data);
      const roles = data.roles ? normalRoles(data.roles) : parseRoles(row.roles);
      const active = data.active ?? row.active === 1;
      if (isActiveAdmin(row) && !(active && roles.includes('admin'))) await keepAnAdmin(tx, userId);
      const now = this.deps.now();
      await tx.db
        .updateTable('users')
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.username !== undefined ? { username: data.username } : {}),
          ...(data.email !== undefined ? { email: data.email === '' ? null : data.email } : {}),
          ...(passwordHash ? { password_hash: passwordHash } : {}),
          roles: JSON.stringify(roles),
          active: active ? 1 : 0,
          updated_at: now,
        })
        .where('_id', '=', userId)
        .execute();
      if (data.username !== undefined && data.username !== row.username) {
        // the names shown next to the agent in departments and in their open chats follow the rename
        await tx.db
          .updateTable('department_agents')
          .set({ username: data.username })
          .where('agent_id', '=', userId)
          .execute();
        await tx.db
          .updateTable('rooms')
          .set({ served_by_username: data.username })
          .where('served_by_id', '=', userId)
          .where('open', '=', 1)
          .execute();
      }
      // a password set by an admin ends every session, as Meteor's setPassword does
      if (passwordHash || !active) await tx.db.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
      const lostAgentRole = parseRoles(row.roles).includes('livechat-agent') && !roles.includes('livechat-agent');
      // an agent who is no longer an agent leaves every department, as removeRole does
      if (lostAgentRole) await tx.db.deleteFrom('department_agents').where('agent_id', '=', userId).execute();
      if ((row.active === 1 && !active) || lostAgentRole) {
        await this.release(tx, userId);
        return true;
      }
      return false;
    });
    if (released) await this.afterRelease();
    return this.info({ userId });
  }

  async setActive(userId: string, active: boolean): Promise<User> {
    return this.update(userId, { active });
  }

  async delete(userId: string): Promise<void> {
    await inTx(this.deps.store, async (tx) => {
      const row = await userRow(tx, userId);
      if (parseRoles(row.roles).includes('admin')) await keepAnAdmin(tx, userId);
      await this.release(tx, userId);
      await tx.db.deleteFrom('department_agents').where('agent_id', '=', userId).execute();
      await tx.db.deleteFrom('auth_tokens').where('user_id', '=', userId).execute();
      await tx.db.deleteFrom('users').where('_id', '=', userId).execute();
    });
    await this.afterRelease();
  }

  /** A new random password, returned once (never stored in clear, never logged). */
  async resetPassword(userId: string, password?: string): Promise<{ user: User; password: string }> {
    const chosen = password ?? newToken(12);
    const user = await this.update(userId, { password: chosen });
    return { user, password: chosen };
  }

  /**
   * users.updateOwnBasicInfo: a name anyone may change; a new password or e-mail needs the
   * current password. Other sessions end on a password change; the caller's stays.
   */
  async updateOwn(user: User, currentToken: string, data: OwnChanges): Promise<User> {
    checkFields({ name: data.name, email: data.email, password: data.newPassword });
    const row = await this.db.selectFrom('users').selectAll().where('_id', '=', user._id).executeTakeFirst();
    if (!row) fail('error-user-not-found', 'User not found');
    const emailChanges = data.email !== undefined && data.email !== (row.email ?? '');
    if (data.newPassword !== undefined || emailChanges) {
      if (!data.currentPassword) fail('error-invalid-password', 'The current password is required');
      if (!(await verifyPassword(data.currentPassword, row.password_hash)))
        fail('error-invalid-password', 'The current password is not correct');
    }
    const passwordHash = data.newPassword !== undefined ? await hashPassword(data.newPassword) : undefined;
    await inTx(this.deps.store, async (tx) => {
      if (emailChanges) await checkUnique(tx, user._id, { email: data.email });
      await tx.db
        .updateTable('users')
        .set({
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(emailChanges ? { email: data.email === '' ? null : data.email } : {}),
          ...(passwordHash ? { password_hash: passwordHash } : {}),
          updated_at: this.deps.now(),
        })
        .where('_id', '=', user._id)
        .execute();
      if (passwordHash) {
        await tx.db
          .deleteFrom('auth_tokens')
          .where('user_id', '=', user._id)
          .where('token_hash', '!=', hashToken(currentToken))
          .execute();
      }
    });
    return this.info({ userId: user._id });
  }

  /** Not available, and every open chat they serve back in the queue (inside the caller's tx). */
  private async release(tx: Tx, userId: string): Promise<void> {
    await tx.db.updateTable('users').set({ status_livechat: 'not-available' }).where('_id', '=', userId).execute();
    const rooms = await tx.db
      .selectFrom('rooms')
      .selectAll()
      .where('served_by_id', '=', userId)
      .where('open', '=', 1)
      .orderBy('created_at')
      .execute();
    for (const room of rooms) await queueRoom(tx, this.deps, room);
    tx.after(() => this.deps.hub.publish({ kind: 'agent-status', agentId: userId, status: 'not-available' }));
  }

  private async afterRelease(): Promise<void> {
    // routing is a hint on top of the committed queue: a failure here leaves the chats queued
    await this.processQueue().catch(() => undefined);
  }
}

function parseRoles(text: string): Role[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v.filter((r) => ROLES.includes(r as Role)) as Role[]) : [];
  } catch {
    return [];
  }
}

function normalRoles(roles: Role[]): Role[] {
  const unique = [...new Set(roles)];
  return unique.length ? unique : ['user'];
}

function isActiveAdmin(row: UserRow): boolean {
  return row.active === 1 && parseRoles(row.roles).includes('admin');
}

function checkFields(d: { name?: string; username?: string; email?: string; password?: string }): void {
  if (d.username !== undefined && !USERNAME_PATTERN.test(d.username))
    fail('error-invalid-user', 'Username may hold only letters, digits, . _ -');
  if (d.email !== undefined && d.email !== '' && !EMAIL_PATTERN.test(d.email))
    fail('error-invalid-email', 'Invalid email');
  if (d.password !== undefined && d.password.length < MIN_PASSWORD)
    fail('invalid-params', `Password must be at least ${MIN_PASSWORD} characters`);
  if (d.name !== undefined && d.name.trim() === '') fail('invalid-params', 'Name must not be empty');
}

async function userRow(tx: Tx, userId: string): Promise<UserRow> {
  const row = await tx.db.selectFrom('users').selectAll().where('_id', '=', userId).executeTakeFirst();
  if (!row) fail('error-user-not-found', 'User not found');
  return row;
}

async function checkUnique(tx: Tx, userId: string, d: { username?: string; email?: string }): Promise<void> {
  const { username, email } = d;
  if (username !== undefined) {
    const taken = await tx.db
      .selectFrom('users')
      .select('_id')
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .where('_id', '!=', userId)
      .executeTakeFirst();
    if (taken) fail('error-username-taken', `${username} is already in use`);
  }
  if (email) {
    const taken = await tx.db
      .selectFrom('users')
      .select('_id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('_id', '!=', userId)
      .executeTakeFirst();
    if (taken) fail('error-email-taken', `${email} is already in use`);
  }
}

/** Refuses a change that would leave no active admin (Rocket.Chat's error id and wording). */
async function keepAnAdmin(tx: Tx, exceptUserId: string): Promise<void> {
  const other = await tx.db
    .selectFrom('users')
    .select('_id')
    .where('active', '=', 1)
    .where('roles', 'like', '%"admin"%')
    .where('_id', '!=', exceptUserId)
    .executeTakeFirst();
  if (!other) fail('error-action-not-allowed', 'Leaving the app without an active admin is not allowed');
}
