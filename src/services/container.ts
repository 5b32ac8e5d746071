/**
 * The services of one process, built once by main.ts (or a test) over an open store.
 * Routes and the worker receive this object; nothing else constructs services.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import type { Store } from '../store/open.ts';
import type { Database } from '../store/schema.ts';
import type { LiveEvents } from '../domain/live-events.ts';
import { SettingsService } from './settings.ts';
import { UsersService } from './users.ts';
import { UsersAdminService } from './users-admin.ts';
import { DepartmentsService } from './departments.ts';
import type { Waker } from './events.ts';
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import { LivechatService } from './livechat/index.ts';
import { QueuePositions } from './livechat/queue-position.ts';
import { OfflineMessagesService } from './livechat/offline.ts';
import { UserStatusService } from './user-status.ts';
import { PresenceService } from './livechat/presence.ts';
import type { Timers } from './livechat/presence.ts';
import { EndpointsService } from './endpoints.ts';
import { RelayService } from './relay.ts';
import { egressCheck } from './egress-check.ts';
import { CannedService } from './canned.ts';
import { TagsService } from './tags.ts';
import { TriggersService } from './triggers.ts';
import { ContactsService } from './contacts.ts';
import { customFieldsByScope } from '../store/custom-fields.ts';
import { PermissionsService, bindPermissions } from './permissions.ts';
import { CustomFieldsService } from './custom-fields.ts';
import { BusinessHoursService } from './business-hours.ts';
import { AppearanceService } from './appearance.ts';

export interface Services {
  readonly config: Config;
  readonly store: Store;
  readonly db: Kysely<Database>;
  readonly settings: SettingsService;
  readonly users: UsersService;
  /** Users administration: edit, deactivate, delete, passwords (issue 11). */
  readonly usersAdmin: UsersAdminService;
  readonly departments: DepartmentsService;
  readonly hub: LiveEvents;
  readonly livechat: LivechatService;
  /** Queued visitors' places and estimated waits, told live after each queue change. */
  readonly queue: QueuePositions;
  /** Offline-form messages: the managers' list and its email outcomes (issue 13). */
  readonly offlineMessages: OfflineMessagesService;
  readonly userStatus: UserStatusService;
  /** Agents' live connections and the timed routing work (leave action, auto-transfer, queue). */
  readonly presence: PresenceService;
  readonly endpoints: EndpointsService;
  /** Events an existing Rocket.Chat server sends to the relay route. */
  readonly relay: RelayService;
  /** Wakes the delivery worker after a commit; a hint only, polling is the truth. */
  readonly waker: WakerSlot;
  /** Canned responses and the tag list (issue 13). */
  readonly canned: CannedService;
  readonly tags: TagsService;
  /** Proactive triggers (issue 15): kept here, run by the widgets. */
  readonly triggers: TriggersService;
  /** Rocket.Chat 7's contacts: channels, verification, merging, blocking (issue 14). */
  readonly contacts: ContactsService;
  /** The permission table as edited (issue 14); routes check through plugins/auth.ts. */
  readonly permissions: PermissionsService;
  /** The custom-field registry (issue 14): which livechatData keys a visitor or room may carry. */
  readonly customFields: CustomFieldsService;
  /** Business hours: the global schedule and departments' own (issue 15). */
  readonly businessHours: BusinessHoursService;
  /** The widget's appearance settings as one form (issue 15). */
  readonly appearance: AppearanceService;
  now(): number;
}

/** The worker plugs itself in after construction (main.ts decides whether it runs here). */
export class WakerSlot implements Waker {
  private target: ((fresh?: readonly FreshDelivery[]) => void) | undefined;
  private committed: (() => void) | undefined;
  set(fn: ((fresh?: readonly FreshDelivery[]) => void) | undefined): void {
    this.target = fn;
  }
  /** Told of every wake-up after this process's commits (PostgreSQL: the hint to other processes, delivery/pg-hint.ts). */
  observe(fn: (() => void) | undefined): void {
    this.committed = fn;
  }
  wake(fresh?: readonly FreshDelivery[]): void {
    this.target?.(fresh);
    this.committed?.();
  }
  /** A wake-up from elsewhere (another process's hint): this process's engine only, never hinted on. */
  wakeLocal(): void {
    this.target?.();
  }
}

/** Tests inject a clock (and the presence scheduler's timers) so timed work runs without sleeping. */
export interface ServiceOptions {
  now?: () => number;
  timers?: Timers;
  onError?: (err: unknown, what: string) => void;
}

export async function createServices(
  config: Config,
  store: Store,
  live: LiveEvents,
  opts: ServiceOptions = {},
): Promise<Services> {
  const egress = egressCheck(config.egressAllowlist);
  const settings = new SettingsService(store, egress);
  await settings.load();
  // other processes may change settings: pick their writes up
  if (!store.caps.singleProcess) settings.startRefresh(2000);
  await settings.syncBuiltinEndpoint();
  // Every queue change published through it is followed by the waiting visitors' new places.
  const queue = new QueuePositions(store.db, live, { onError: opts.onError });
  const hub = queue;
  const waker = new WakerSlot();
  const now = opts.now ?? Date.now;
  const livechat = new LivechatService({ store, db: store.db, settings, hub, waker, now });
  const presence = new PresenceService(livechat.deps, { timers: opts.timers, onError: opts.onError });
  const users = new UsersService(store.db);
  // other processes may edit permissions too: a stale cache reloads itself (services/permissions.ts)
  const permissions = new PermissionsService(store, now, store.caps.singleProcess ? undefined : 2000);
  await permissions.load();
  bindPermissions(users, permissions);
  return {
    config,
    store,
    db: store.db,
    settings,
    users,
    departments: new DepartmentsService(store.db),
    hub,
    livechat,
    queue,
    offlineMessages: new OfflineMessagesService(livechat.deps),
    userStatus: new UserStatusService(store.db, now),
    presence,
    usersAdmin: new UsersAdminService(livechat.deps, () => livechat.rooms.processQueue()),
    endpoints: new EndpointsService(store, waker, egress, now),
    relay: new RelayService({ store, waker, now }),
    waker,
    canned: new CannedService(store.db, now),
    tags: new TagsService(store.db, now),
    triggers: new TriggersService(store, now),
    contacts: new ContactsService({
      store,
      now,
      allowedCustomFields: async (db) => customFieldsByScope(db, 'visitor'),
      closeRoom: (user, rid, comment) => livechat.rooms.closeByAgent(user, { rid, comment }, true),
    }),
    permissions,
    customFields: new CustomFieldsService(store, now),
    businessHours: new BusinessHoursService({ store, db: store.db, settings, now }),
    appearance: new AppearanceService(settings),
    now,
  };
}
