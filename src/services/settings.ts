/**
 * Runtime settings: Rocket.Chat ids, stored in the `settings` table, cached in memory.
 * A write updates this process's cache at once (so "the flag at that moment" holds in the
 * embedded mode); other processes sharing PostgreSQL refresh their cache every few seconds.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { SETTINGS, checkSettingValue, isSettingId } from '../domain/settings.ts';
import type { SettingId, SettingValue } from '../domain/settings.ts';
import { fail } from '../domain/errors.ts';

type ValueOf<K extends SettingId> = (typeof SETTINGS)[K]['default'] extends boolean
  ? boolean
  : (typeof SETTINGS)[K]['default'] extends number
    ? number
    : string;

export class SettingsService {
  private readonly values = new Map<SettingId, SettingValue>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(id: SettingId, value: SettingValue) => void>();

  constructor(private readonly db: Kysely<Database>) {}

  async load(): Promise<void> {
    const rows = await this.db.selectFrom('settings').select(['_id', 'value']).execute();
    for (const row of rows) {
      if (!isSettingId(row._id)) continue;
      try {
        this.values.set(row._id, JSON.parse(row.value) as SettingValue);
      } catch {
        // a corrupt value falls back to the default rather than stopping the server
      }
    }
  }

  /** Multi-process mode: pick up writes made by other processes. */
  startRefresh(intervalMs: number): void {
    this.refreshTimer = setInterval(() => void this.load().catch(() => undefined), intervalMs);
    this.refreshTimer.unref();
  }

  stop(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
  }

  get<K extends SettingId>(id: K): ValueOf<K> {
    const v = this.values.get(id);
    return (v === undefined ? SETTINGS[id].default : v) as ValueOf<K>;
  }

  onChange(fn: (id: SettingId, value: SettingValue) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Validates and writes; throws error-invalid-setting with the reason. */
  async set(id: string, value: unknown, db: Kysely<Database> = this.db): Promise<SettingValue> {
    if (!isSettingId(id)) fail('error-invalid-setting', `Unknown setting ${id}`);
    const checked = checkSettingValue(id, value);
    if (!checked.ok) fail('error-invalid-setting', checked.error);
    await this.write(id, checked.value, db);
    return checked.value;
  }

  async setMany(entries: [SettingId, unknown][], db: Kysely<Database> = this.db): Promise<void> {
    const checked: [SettingId, SettingValue][] = [];
    for (const [id, value] of entries) {
      const c = checkSettingValue(id, value);
      if (!c.ok) fail('error-invalid-setting', c.error);
      checked.push([id, c.value]);
    }
    await db.transaction().execute(async (trx) => {
      for (const [id, value] of checked) await this.persist(trx, id, value);
    });
    for (const [id, value] of checked) this.apply(id, value);
  }

  /** Atomically increments an int setting and returns the value before the increment. */
  async next(id: 'Livechat_guest_count', db: Kysely<Database>): Promise<number> {
    const now = Date.now();
    await db
      .insertInto('settings')
      .values({ _id: id, value: JSON.stringify(SETTINGS[id].default), updated_at: now })
      .onConflict((oc) => oc.column('_id').doNothing())
      .execute();
    // One UPDATE ... RETURNING: concurrent callers on PostgreSQL never see the same number.
    const row = await db
      .updateTable('settings')
      .set({ value: sql<string>`CAST(CAST(value AS INTEGER) + 1 AS TEXT)`, updated_at: now })
      .where('_id', '=', id)
      .returning('value')
      .executeTakeFirstOrThrow();
    const after = Number(row.value);
    this.values.set(id, after);
    return after - 1;
  }

  private async write(id: SettingId, value: SettingValue, db: Kysely<Database>): Promise<void> {
    await this.persist(db, id, value);
    this.apply(id, value);
  }

  private apply(id: SettingId, value: SettingValue): void {
    this.values.set(id, value);
    for (const fn of this.listeners) fn(id, value);
  }

  private async persist(db: Kysely<Database>, id: SettingId, value: SettingValue, now = Date.now()): Promise<void> {
    await db
      .insertInto('settings')
      .values({ _id: id, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('_id').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
  }
}
