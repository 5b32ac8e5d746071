/**
 * Rocket.Chat's users.setStatus and users.getStatus on Omnihook's presence. A user's shown status
 * is the one they chose (online, away, busy, or offline = invisible) while some process holds a
 * live connection of theirs (services/livechat/presence.ts), and offline without one, as in
 * Rocket.Chat. Routing reads the choice too: an invisible agent is given no chats
 * (livechat/routing.ts); away and busy agents still are, as Rocket.Chat with its default
 * Livechat_enabled_when_agent_idle.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { fail } from '../domain/errors.ts';

export const USER_STATUSES = ['online', 'away', 'busy', 'offline'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** Rocket.Chat's setStatusText keeps the first 120 characters, trimmed. */
export const STATUS_TEXT_MAX = 120;

export interface StatusView {
  _id: string;
  status: UserStatus;
  connectionStatus: 'online' | 'offline';
  statusText?: string;
}

function isStatus(s: string): s is UserStatus {
  return (USER_STATUSES as readonly string[]).includes(s);
}

export class UserStatusService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Sets the status text (when given, '' clears it) and the chosen status (when given). Returns
   * true when the user left the invisible status, so the caller can hand out queued chats.
   */
  async set(userId: string, change: { status?: string; message?: string }): Promise<{ visibleAgain: boolean }> {
    if (change.status !== undefined && change.status !== '' && !isStatus(change.status))
      fail('error-invalid-status', 'Valid status types include online, away, offline, and busy.');
    const status = change.status ? (change.status as UserStatus) : undefined;
    const text = change.message !== undefined ? change.message.trim().slice(0, STATUS_TEXT_MAX) : undefined;
    return this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('user_status')
        .select(['status', 'status_text'])
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const row = {
        user_id: userId,
        status: status ?? before?.status ?? null,
        status_text: text ?? before?.status_text ?? null,
        updated_at: this.now(),
      };
      await trx
        .insertInto('user_status')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('user_id')
            .doUpdateSet({ status: row.status, status_text: row.status_text, updated_at: row.updated_at }),
        )
        .execute();
      return { visibleAgain: before?.status === 'offline' && status !== undefined && status !== 'offline' };
    });
  }

  async get(userId: string): Promise<StatusView | undefined> {
    const row = await this.db
      .selectFrom('users as u')
      .leftJoin('user_status as us', 'us.user_id', 'u._id')
      .select(['u._id', 'u.online', 'us.status', 'us.status_text'])
      .where('u._id', '=', userId)
      .executeTakeFirst();
    if (!row) return undefined;
    const connected = row.online === 1;
    const chosen = row.status && isStatus(row.status) ? row.status : 'online';
    return {
      _id: row._id,
      status: connected ? chosen : 'offline',
      connectionStatus: connected ? 'online' : 'offline',
      ...(row.status_text ? { statusText: row.status_text } : {}),
    };
  }
}
