/**
 * Presence: which agents can be routed a chat, following their live connections (the staff SSE
 * streams), and the scheduler of the timed work that depends on it.
 *
 * The shared truth is two columns of the users table: `online` and `connected_until`, a lease.
 * Each process counts its own streams per user; while it holds one it pushes the lease forward on
 * every tick (heartbeat), so with several processes on PostgreSQL an agent is online as long as
 * any process holds a stream of theirs, and a crashed process's leases simply run out. When a
 * process's last stream of a user closes, the lease is cut to now + grace
 * (Livechat_agent_disconnect_grace); a reconnect within it changes nothing, and once it has run
 * out a tick marks the user offline (online = 0), which routing reads (routing.ts). Since the
 * grace is at least one heartbeat, another process still holding a stream renews the lease before
 * a cut-down one expires.
 *
 * The tick runs every HEARTBEAT_MS with an injectable clock (deps.now) and timer, so tests call
 * `tick()` after moving their clock instead of sleeping.
 */
import type { LivechatDeps } from './deps.ts';
import { drainQueue, runAutoTransfers, runLeaveActions } from './presence-actions.ts';
import type { OnError } from './presence-actions.ts';
import { anyAgentOnline } from './routing.ts';
import { withinBusinessHours } from '../business-hours.ts';
import { hashToken } from '../users.ts';

export const HEARTBEAT_MS = 5000;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** One live connection, as the stream route holds it. */
export interface LiveConnection {
  /** The stream ended; `immediate` (logout) skips the grace. */
  close(opts?: { immediate?: boolean }): Promise<void>;
}

interface Conn {
  userId: string;
  tokenHash: string;
  end: () => void;
  closed: boolean;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class PresenceService {
  private readonly byUser = new Map<string, Set<Conn>>();
  private readonly pending = new Set<Promise<unknown>>();
  /** Leave actions wait one grace and heartbeat after start, so consoles can reconnect after a restart. */
  private readonly startedAt: number;
  private timer: unknown;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly timers: Timers;
  private readonly onError: OnError;

  constructor(
    private readonly deps: LivechatDeps,
    opts: { timers?: Timers; onError?: OnError } = {},
  ) {
    this.timers = opts.timers ?? realTimers;
    this.onError = opts.onError ?? (() => undefined);
    this.startedAt = deps.now();
  }

  private graceMs(): number {
    return Number(this.deps.settings.get('Livechat_agent_disconnect_grace')) * 1000;
  }

  /** A staff stream opened. Resolves once the user counts as online everywhere. */
  async connect(userId: string, authToken: string, end: () => void): Promise<LiveConnection> {
    const conn: Conn = { userId, tokenHash: hashToken(authToken), end, closed: false };
    let set = this.byUser.get(userId);
    const first = !set;
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(conn);
    if (first) await this.track(this.markOnline(userId));
    return { close: (o) => this.disconnect(conn, o?.immediate === true) };
  }

  /** Logout: the agent stops taking chats at once and the streams of that session end. */
  async loggedOut(userId: string, authToken: string): Promise<void> {
    const hash = hashToken(authToken);
    await this.deps.db
      .updateTable('users')
      .set({ status_livechat: 'not-available', updated_at: this.deps.now() })
      .where('_id', '=', userId)
      .execute();
    for (const conn of [...(this.byUser.get(userId) ?? [])]) {
      if (conn.tokenHash !== hash) continue;
      await this.disconnect(conn, true);
      conn.end();
    }
    this.deps.hub.publish({ kind: 'agent-status', agentId: userId, status: 'not-available' });
  }

  private async markOnline(userId: string): Promise<void> {
    const now = this.deps.now();
    const before = await this.deps.db
      .selectFrom('users')
      .select(['online', 'status_livechat'])
      .where('_id', '=', userId)
      .executeTakeFirst();
    await this.deps.db
      .updateTable('users')
      .set({ online: 1, connected_until: now + this.graceMs() + HEARTBEAT_MS })
      .where('_id', '=', userId)
      .execute();
    if (before && before.online !== 1 && before.status_livechat === 'available') {
      this.deps.hub.publish({ kind: 'agent-status', agentId: userId, status: 'available' });
      // Rooms queued while nobody could take them go out now, not at the next tick.
      await drainQueue(this.deps, this.onError);
    }
  }

  private async disconnect(conn: Conn, immediate: boolean): Promise<void> {
    if (conn.closed) return;
    conn.closed = true;
    const set = this.byUser.get(conn.userId);
    set?.delete(conn);
    if (set && set.size > 0) return;
    this.byUser.delete(conn.userId);
    if (this.stopped) return; // shutting down: the lease runs out by itself
    const now = this.deps.now();
    const write = this.deps.db
      .updateTable('users')
      .set(immediate ? { online: 0, connected_until: now } : { connected_until: now + this.graceMs() })
      .where('_id', '=', conn.userId)
      .execute();
    await this.track(write);
  }

  private async track(p: Promise<unknown>): Promise<void> {
    const guarded = p.catch((err: unknown) => this.onError(err, 'presence write'));
    this.pending.add(guarded);
    try {
      await guarded;
    } finally {
      this.pending.delete(guarded);
    }
  }

  /** Resolves when the presence writes started so far have finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * `livechat/config`'s `online`: some agent is available and connected (in the department, by id
   * or name, when one is given; an unknown or disabled department has nobody).
   */
  async online(department?: string): Promise<boolean> {
    if (!department) return this.staffedNow(null);
    const d = await this.deps.db
      .selectFrom('departments')
      .select(['_id', 'enabled'])
      .where((eb) => eb.or([eb('_id', '=', department), eb('name', '=', department)]))
      .executeTakeFirst();
    return d?.enabled === 1 ? this.staffedNow(d._id) : false;
  }

  /**
   * Rocket.Chat's Livechat.online: with Livechat_accept_chats_with_no_agents a chat may always
   * start (it waits in the queue); otherwise it needs the business hours open and an agent.
   */
  private async staffedNow(departmentId: string | null): Promise<boolean> {
    if (this.deps.settings.read('Livechat_accept_chats_with_no_agents') === true) return true;
    if (!(await withinBusinessHours(this.deps.db, this.deps, departmentId))) return false;
    return anyAgentOnline(this.deps.db, departmentId);
  }

  /** Number of live connections of a user held by this process. */
  localConnections(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  /** One round of the scheduler: heartbeat, expiry, leave actions, auto-transfers, the queue. */
  async tick(): Promise<void> {
    await this.idle();
    const now = this.deps.now();
    await this.heartbeat(now);
    await this.expire(now);
    if (now >= this.startedAt + this.graceMs() + HEARTBEAT_MS) await runLeaveActions(this.deps, this.onError);
    await runAutoTransfers(this.deps, this.onError);
    await drainQueue(this.deps, this.onError);
  }

  /** Ends streams whose session is gone (logged out or deactivated, maybe on another process); renews the rest. */
  private async heartbeat(now: number): Promise<void> {
    const conns = [...this.byUser.values()].flatMap((s) => [...s]);
    if (conns.length === 0) return;
    const hashes = [...new Set(conns.map((c) => c.tokenHash))];
    const alive = new Set<string>();
    for (let i = 0; i < hashes.length; i += 500) {
      const rows = await this.deps.db
        .selectFrom('auth_tokens as t')
        .innerJoin('users as u', 'u._id', 't.user_id')
        .select('t.token_hash')
        .where('t.token_hash', 'in', hashes.slice(i, i + 500))
        .where('u.active', '=', 1)
        .execute();
      for (const r of rows) alive.add(r.token_hash);
    }
    for (const conn of conns) {
      if (alive.has(conn.tokenHash)) continue;
      await this.disconnect(conn, true);
      conn.end();
    }
    const ids = [...this.byUser.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      await this.deps.db
        .updateTable('users')
        .set({ online: 1, connected_until: now + this.graceMs() + HEARTBEAT_MS })
        .where('_id', 'in', ids.slice(i, i + 500))
        .execute();
    }
  }

  /** Users whose lease ran out are offline. */
  private async expire(now: number): Promise<void> {
    const gone = await this.deps.db
      .selectFrom('users')
      .select(['_id', 'status_livechat'])
      .where('online', '=', 1)
      .where((eb) => eb.or([eb('connected_until', 'is', null), eb('connected_until', '<=', now)]))
      .execute();
    if (gone.length === 0) return;
    await this.deps.db
      .updateTable('users')
      .set({ online: 0 })
      .where(
        '_id',
        'in',
        gone.map((g) => g._id),
      )
      .where((eb) => eb.or([eb('connected_until', 'is', null), eb('connected_until', '<=', now)]))
      .execute();
    // The agent's own setting is unchanged (they are "away", not "not available"): the event carries
    // it as it is, and tells the Agents page to look again.
    for (const g of gone) {
      if (g.status_livechat === 'available')
        this.deps.hub.publish({ kind: 'agent-status', agentId: g._id, status: 'available' });
    }
  }

  /** Starts the scheduler (main.ts); a tick that fails is reported and the next one runs. */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    const loop = () => {
      this.running = this.tick()
        .catch((err: unknown) => this.onError(err, 'presence tick'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = this.timers.setTimeout(loop, HEARTBEAT_MS);
        });
    };
    this.timer = this.timers.setTimeout(loop, HEARTBEAT_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    await this.running;
    await this.idle();
  }
}
