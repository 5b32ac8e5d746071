/**
 * Users, roles and login sessions. Auth tokens are random, handed out once and stored only as a
 * SHA-256 hash: a lookup by hash compares nothing byte by byte in our code, and a leaked database
 * holds no usable token.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { toUser } from '../store/mappers.ts';
import type { UserRow } from '../store/mappers.ts';
import { newId, newToken } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';
import type { Role, User } from '../domain/models.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { BackoffLimiter } from './rate-limit.ts';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

export interface CreateUserInput {
  username: string;
  password: string;
  name?: string;
  email?: string;
  roles?: Role[];
}

export class UsersService {
  // Failed logins back off exponentially per (username, IP) pair after 5, and per IP after 30:
  // guessing from one address slows to a crawl, while a username is never locked out, so knowing
  // the admin's name does not let anyone keep the admin out (the real user from another address
  // is not affected). 1 s doubling to 15 min; forgotten an hour after the last failure.
  private readonly byPair = new BackoffLimiter({ free: 5, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 3_600_000 });
  private readonly byIp = new BackoffLimiter({ free: 30, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 3_600_000 });

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: CreateUserInput): Promise<User> {
    if (!USERNAME_PATTERN.test(input.username))
      fail('error-invalid-user', 'Username may hold only letters, digits, . _ -');
    if (input.email !== undefined && !EMAIL_PATTERN.test(input.email)) fail('error-invalid-email', 'Invalid email');
    if (input.password.length < 8) fail('invalid-params', 'Password must be at least 8 characters');
    const existing = await this.db
      .selectFrom('users')
      .select(['username', 'email'])
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()),
          ...(input.email ? [eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase())] : []),
        ]),
      )
      .executeTakeFirst();
    if (existing) {
      if (existing.username.toLowerCase() === input.username.toLowerCase()) {
        fail('error-username-taken', `${input.username} is already in use`);
      }
      fail('error-email-taken', `${input.email} is already in use`);
    }
    const now = this.now();
    const row: UserRow = {
      _id: newId(),
      username: input.username,
      name: input.name ?? input.username,
      email: input.email ?? null,
      password_hash: await hashPassword(input.password),
      roles: JSON.stringify(input.roles && input.roles.length ? [...new Set(input.roles)] : ['user']),
      status_livechat: 'not-available',
      custom_fields: null,
      active: 1,
      created_at: now,
      updated_at: now,
      online: 0,
      connected_until: null,
    };
    await this.db.insertInto('users').values(row).execute();
    return toUser(row);
  }

  async login(userOrEmail: string, password: string, ip: string): Promise<{ user: User; authToken: string }> {
    const pairKey = `${ip}\u0000${userOrEmail.toLowerCase()}`;
    const now = this.now();
    const wait = Math.max(this.byPair.blockedFor(pairKey, now), this.byIp.blockedFor(ip, now));
    // while blocked the password is not even checked, so a blocked guess is no guess
    if (wait > 0) {
      fail(
        'error-too-many-requests',
        `Too many failed login attempts; try again in ${Math.ceil(wait / 1000)} seconds`,
        {
          timeToReset: wait,
        },
      );
    }
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['username']), '=', userOrEmail.toLowerCase()),
          eb(eb.fn('lower', ['email']), '=', userOrEmail.toLowerCase()),
        ]),
      )
      .executeTakeFirst();
    // Verify against a dummy hash when the user is unknown so timing does not reveal usernames.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok || row.active !== 1) {
      this.byPair.fail(pairKey, now);
      this.byIp.fail(ip, now);
      fail('error-login-failed', 'Incorrect username or password');
    }
    // the address's count is kept: logging into one's own account must not reset guessing at others
    this.byPair.reset(pairKey);
    const authToken = newToken();
    await this.db
      .insertInto('auth_tokens')
      .values({ token_hash: hashToken(authToken), user_id: row._id, created_at: this.now() })
      .execute();
    return { user: toUser(row), authToken };
  }

  async logout(authToken: string): Promise<void> {
    await this.db.deleteFrom('auth_tokens').where('token_hash', '=', hashToken(authToken)).execute();
  }

  /** The user behind X-User-Id + X-Auth-Token, or undefined. */
  async authenticate(userId: string, authToken: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('auth_tokens')
      .innerJoin('users', 'users._id', 'auth_tokens.user_id')
      .selectAll('users')
      .where('auth_tokens.token_hash', '=', hashToken(authToken))
      .executeTakeFirst();
    if (!row || row._id !== userId || row.active !== 1) return undefined;
    return toUser(row);
  }

  async get(id: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('_id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async getByUsername(username: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async addRole(userId: string, role: Role): Promise<User> {
    const user = await this.get(userId);
    if (!user) fail('error-user-not-found', 'User not found');
    if (user.roles.includes(role)) return user;
    return this.setRoles(user, [...user.roles, role]);
  }

  async removeRole(userId: string, role: Role): Promise<User> {
    const user = await this.get(userId);
    if (!user) fail('error-user-not-found', 'User not found');
    if (!user.roles.includes(role)) fail('error-user-not-found', `User is not a ${role}`);
    const next = await this.setRoles(
      user,
      user.roles.filter((r) => r !== role),
    );
    if (role === 'livechat-agent') {
      // an agent who is no longer an agent leaves every department and stops taking chats
      await this.db.deleteFrom('department_agents').where('agent_id', '=', userId).execute();
      await this.db.updateTable('users').set({ status_livechat: 'not-available' }).where('_id', '=', userId).execute();
    }
    return next;
  }

  private async setRoles(user: User, roles: Role[]): Promise<User> {
    const now = this.now();
    await this.db
      .updateTable('users')
      .set({ roles: JSON.stringify(roles), updated_at: now })
      .where('_id', '=', user._id)
      .execute();
    return { ...user, roles, _updatedAt: new Date(now) };
  }

  async listByRole(
    role: Role,
    opts: { text?: string; count: number; offset: number },
  ): Promise<{ users: User[]; total: number }> {
    // Roles are a small JSON array; a LIKE on the quoted name is exact because names are quoted.
    let q = this.db.selectFrom('users').where('roles', 'like', `%"${role}"%`);
    if (opts.text) {
      const t = `%${opts.text.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([eb(eb.fn('lower', ['username']), 'like', t), eb(eb.fn('lower', ['name']), 'like', t)]),
      );
    }
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('username').limit(opts.count).offset(opts.offset).execute();
    return { users: rows.map(toUser), total: Number(totalRow?.n ?? 0) };
  }

  async setLivechatStatus(userId: string, status: 'available' | 'not-available'): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ status_livechat: status, updated_at: this.now() })
      .where('_id', '=', userId)
      .execute();
  }

  /** First start: make sure an admin exists. Returns the generated password when one was made. */
  async ensureAdmin(admin: {
    username: string;
    password?: string;
    email: string;
  }): Promise<{ created: boolean; generatedPassword?: string }> {
    const anyAdmin = () =>
      this.db.selectFrom('users').select('_id').where('roles', 'like', '%"admin"%').executeTakeFirst();
    if (await anyAdmin()) return { created: false };
    const generatedPassword = admin.password ? undefined : newToken(12);
    try {
      await this.create({
        username: admin.username,
        password: admin.password ?? generatedPassword!,
        email: admin.email,
        name: 'Administrator',
        roles: ['admin', 'user'],
      });
    } catch (err) {
      // Processes starting together on an empty database all find no admin; the first insert
      // wins and the others fail on the unique username (error-username-taken, or the
      // database's own unique violation when both passed the check). Losing that race is fine.
      if (await anyAdmin()) return { created: false };
      throw err;
    }
    return { created: true, generatedPassword };
  }

  /**
   * Undoes ensureAdmin's creation when the server then fails to start (port in use): a generated
   * password nobody saw must not guard the only admin. Only a user nobody has logged in as yet.
   */
  async forgetUnusedAdmin(username: string): Promise<void> {
    const user = await this.getByUsername(username);
    if (!user) return;
    const used = await this.db
      .selectFrom('auth_tokens')
      .select('token_hash')
      .where('user_id', '=', user._id)
      .executeTakeFirst();
    if (!used) await this.db.deleteFrom('users').where('_id', '=', user._id).execute();
  }
}

// scrypt of a random throwaway password; only used to spend the same time on unknown users.
const DUMMY_HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$0GHv4J5W5mS6VtXQ5u4bCvw1Y2bsgJ3m7oQ2v8a0v7c=';
