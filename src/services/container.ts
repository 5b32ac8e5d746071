/**
 * The services of one process, built once by main.ts (or a test) over an open store.
 * Routes and the worker receive this object; nothing else constructs services.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/open.ts';
import type { Database } from '../store/schema.ts';
import { Hub } from '../realtime/hub.ts';
import { SettingsService } from './settings.ts';
import { UsersService } from './users.ts';
import { DepartmentsService } from './departments.ts';
import type { Waker } from './outbox.ts';
import { ensureBuiltinEndpoint } from './endpoints-builtin.ts';
import { LivechatService } from './livechat/index.ts';
import { EndpointsService } from './endpoints.ts';
import { egressCheck } from './egress-check.ts';

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly db: Kysely<Database>;
  readonly settings: SettingsService;
  readonly users: UsersService;
  readonly departments: DepartmentsService;
  readonly hub: Hub;
  readonly livechat: LivechatService;
  readonly endpoints: EndpointsService;
  /** Wakes the delivery worker after a commit; a hint only, polling is the truth. */
  readonly waker: WakerSlot;
  now(): number;
}

/** The worker plugs itself in after construction (main.ts decides whether it runs here). */
export class WakerSlot implements Waker {
  private target: (() => void) | undefined;
  set(fn: (() => void) | undefined): void {
    this.target = fn;
  }
  wake(): void {
    this.target?.();
  }
}

export async function createServices(config: Config, store: Store): Promise<Services> {
  const settings = new SettingsService(store.db);
  await settings.load();
  if (store.dialect === 'postgres') settings.startRefresh(2000);
  await ensureBuiltinEndpoint(store.db);
  const hub = new Hub();
  const waker = new WakerSlot();
  const now = Date.now;
  return {
    config,
    store,
    db: store.db,
    settings,
    users: new UsersService(store.db),
    departments: new DepartmentsService(store.db),
    hub,
    livechat: new LivechatService({ db: store.db, settings, hub, waker, now }),
    endpoints: new EndpointsService(store.db, waker, egressCheck(config.egressAllowlist), now),
    waker,
    now,
  };
}
