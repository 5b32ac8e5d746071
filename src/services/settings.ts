/**
 * Runtime settings: Rocket.Chat ids, stored in the `settings` table, cached in memory.
 * A write updates this process's cache at once (so "the flag at that moment" holds in the
 * embedded mode); other processes sharing PostgreSQL refresh their cache every few seconds.
 *
 * The Webhooks-page settings are also written through to the built-in endpoint's row, in the same
 * transaction: delivery reads that row like any endpoint's, and the Webhooks-page URL is checked
 * like any endpoint URL (domain/endpoint-rules.ts checkUrl, then the egress policy). The one
 * Rocket.Chat exception: an empty URL is accepted and turns the Webhooks page off.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import { nextCounter } from '../store/counters.ts';
import { ensureBuiltinEndpoint, writeBuiltinEndpoint } from '../store/builtin-endpoint.ts';
import { SETTINGS, checkSettingValue, isKnownSettingId, knownSettingDef } from '../domain/settings.ts';
import type { SettingId, SettingValue } from '../domain/settings.ts';
import { fail } from '../domain/errors.ts';
import { checkUrl } from '../domain/endpoint-rules.ts';
import { builtinEndpointConfig } from '../domain/builtin-endpoint.ts';
import { WEBHOOKS_PAGE_SETTINGS } from '../domain/targets.ts';
import type { EgressCheck } from './egress-check.ts';

type ValueOf<K extends SettingId> = (typeof SETTINGS)[K]['default'] extends boolean
  ? boolean
  : (typeof SETTINGS)[K]['default'] extends number
    ? number
    : string;

export class SettingsService {
  /** Stored values by id: SETTINGS and the stored-only Rocket.Chat ids alike. */
  private readonly values = new Map<string, SettingValue>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(id: SettingId, value: SettingValue) => void>();

  private readonly db: Kysely<Database>;

  constructor(
    private readonly store: Store,
    private readonly egress: EgressCheck,
  ) {
    this.db = store.db;
  }

  /** At start: the built-in endpoint's row exists and matches the Webhooks-page settings. */
  async syncBuiltinEndpoint(now = Date.now()): Promise<void> {
    await ensureBuiltinEndpoint(this.db, now);
    await writeBuiltinEndpoint(
      this.db,
      builtinEndpointConfig((id) => this.get(id)),
      now,
    );
  }

  async load(): Promise<void> {
    const rows = await this.db.selectFrom('settings').select(['_id', 'value']).execute();
    for (const row of rows) {
      if (!isKnownSettingId(row._id)) continue;
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

  /** Any known id's value (stored, else its default); undefined for an unknown id. */
  read(id: string): SettingValue | undefined {
    return this.values.get(id) ?? knownSettingDef(id)?.default;
  }

  onChange(fn: (id: SettingId, value: SettingValue) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Validates and writes any known id; throws error-invalid-setting with the reason. */
  async set(id: string, value: unknown): Promise<SettingValue> {
    if (!isKnownSettingId(id)) fail('error-invalid-setting', `Unknown setting ${id}`);
    const checked = await this.check([[id, value]]);
    await this.persist(checked);
    return checked[0]![1];
  }

  async setMany(entries: [SettingId, unknown][]): Promise<void> {
    await this.persist(await this.check(entries));
  }

  /** Atomically increments an int setting and returns the value before the increment. */
  async next(id: 'Livechat_guest_count', db: Kysely<Database>): Promise<number> {
    const after = await nextCounter(db, id, SETTINGS[id].default, Date.now());
    this.values.set(id, after);
    return after - 1;
  }

  private async check(entries: [string, unknown][]): Promise<[string, SettingValue][]> {
    const checked: [string, SettingValue][] = [];
    for (const [id, value] of entries) {
      const c = checkSettingValue(id, value);
      if (!c.ok) fail('error-invalid-setting', c.error);
      if (id === 'Livechat_webhookUrl' && c.value !== '') await this.checkWebhookUrl(String(c.value));
      checked.push([id, c.value]);
    }
    return checked;
  }

  /** The Webhooks-page URL, checked as any endpoint's URL is (error-invalid-url). */
  private async checkWebhookUrl(url: string): Promise<void> {
    checkUrl(url);
    await this.egress.checkUrl(url);
  }

  private async persist(entries: [string, SettingValue][]): Promise<void> {
    const now = Date.now();
    const pending = new Map<string, SettingValue>(entries);
    await this.store.transact(async (trx) => {
      for (const [id, value] of entries) await upsert(trx, id, value, now);
      if (entries.some(([id]) => (WEBHOOKS_PAGE_SETTINGS as ReadonlySet<string>).has(id))) {
        const get = (id: SettingId) => (pending.has(id) ? pending.get(id) : this.get(id));
        await writeBuiltinEndpoint(trx, builtinEndpointConfig(get), now);
      }
    });
    for (const [id, value] of entries) this.apply(id, value);
  }

  private apply(id: string, value: SettingValue): void {
    this.values.set(id, value);
    // listeners act on what Omnihook implements; a stored-only id changes nothing they read
    if (!(id in SETTINGS)) return;
    for (const fn of this.listeners) fn(id as SettingId, value);
  }
}

async function upsert(db: Kysely<Database>, id: string, value: SettingValue, now: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ _id: id, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('_id').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}
