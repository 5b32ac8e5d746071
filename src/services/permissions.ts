/**
 * The effective permission table: the defaults of domain/permissions.ts with an admin's edits
 * (Rocket.Chat's permissions.update) on top, cached in memory. A write updates this process's
 * cache at once; other processes sharing PostgreSQL pick it up within a couple of seconds, the
 * same promise the settings cache makes. Instead of a timer, a check made on a stale cache starts
 * one background reload: nothing to stop at shutdown, and an idle process does not poll.
 */
import type { Store } from '../store/open.ts';
import type { UsersService } from './users.ts';
import { KNOWN_ROLES, PERMISSIONS, hasPermissionIn, isPermission } from '../domain/permissions.ts';
import type { Permission } from '../domain/permissions.ts';
import { fail } from '../domain/errors.ts';
import { loadPermissionRows, writePermissionRoles } from '../store/permissions.ts';
import { inTx } from './tx.ts';

/** Rocket.Chat's IPermission, as permissions.listAll and permissions.update answer it. */
export interface PermissionEntry {
  _id: string;
  roles: string[];
  _updatedAt: Date;
}

/** The defaults never written carry this date: they have not changed since the table began. */
const DEFAULTS_DATE = 0;

export class PermissionsService {
  private table: Record<string, readonly string[]> = { ...PERMISSIONS };
  private readonly updatedAt = new Map<string, number>();
  private loadedAt = 0;
  private reloading = false;

  /** `refreshMs` undefined: this process is the only writer (SQLite), the cache is the truth. */
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly refreshMs?: number,
  ) {}

  async load(): Promise<void> {
    const rows = await loadPermissionRows(this.store.db);
    const next: Record<string, readonly string[]> = { ...PERMISSIONS };
    this.updatedAt.clear();
    for (const row of rows) {
      if (!isPermission(row._id)) continue; // a permission a newer or older version knew
      next[row._id] = row.roles;
      this.updatedAt.set(row._id, row.updatedAt);
    }
    this.table = next;
    this.loadedAt = Date.now();
  }

  has(roles: readonly string[], permission: Permission): boolean {
    this.freshen();
    return hasPermissionIn(this.table, roles, permission);
  }

  /** Rocket.Chat's permissions.listAll: `updatedSince` keeps those changed after it. */
  list(updatedSince?: Date): PermissionEntry[] {
    this.freshen();
    const since = updatedSince?.getTime();
    return Object.keys(PERMISSIONS)
      .map((id) => ({
        _id: id,
        roles: [...(this.table[id] ?? [])],
        _updatedAt: new Date(this.updatedAt.get(id) ?? DEFAULTS_DATE),
      }))
      .filter((p) => since === undefined || p._updatedAt.getTime() > since);
  }

  /** Rocket.Chat's permissions.update, with its checks in its order; answers the whole table. */
  async update(entries: { _id: string; roles: string[] }[]): Promise<PermissionEntry[]> {
    const ids = new Set(entries.map((e) => e._id));
    // Rocket.Chat counts the distinct stored permissions found against the entries sent, so an
    // unknown id and a repeated id fail alike
    if (ids.size !== entries.length || ![...ids].every(isPermission))
      fail('error-invalid-permission', 'Invalid permission');
    const roles = new Set(entries.flatMap((e) => e.roles));
    if (![...roles].every((r) => KNOWN_ROLES.includes(r))) fail('error-invalid-role', 'Invalid role');
    // Ours: the table must stay editable; Rocket.Chat would let an admin lock everyone out here.
    const access = entries.find((e) => e._id === 'access-permissions');
    if (access && !access.roles.includes('admin')) {
      fail('error-action-not-allowed', 'The admin role keeps access-permissions, so the permissions stay editable');
    }
    const now = this.now();
    await inTx(this.store, async (tx) => {
      for (const e of entries) await writePermissionRoles(tx.db, e._id, e.roles, now);
    });
    for (const e of entries) {
      this.table = { ...this.table, [e._id]: [...e.roles] };
      this.updatedAt.set(e._id, now);
    }
    return this.list();
  }

  private freshen(): void {
    if (this.refreshMs === undefined || this.reloading) return;
    if (Date.now() - this.loadedAt < this.refreshMs) return;
    this.reloading = true;
    // a failed reload (database away) keeps the last table; the next stale check tries again
    void this.load()
      .catch(() => undefined)
      .finally(() => {
        this.reloading = false;
      });
  }
}

/**
 * The http layer's auth plugin is given the users service only; this lets it find the permission
 * table of the same set of services (main.ts and tests may build more than one per process).
 */
const byUsers = new WeakMap<UsersService, PermissionsService>();

export function bindPermissions(users: UsersService, permissions: PermissionsService): void {
  byUsers.set(users, permissions);
}

export function permissionsFor(users: UsersService): PermissionsService | undefined {
  return byUsers.get(users);
}
