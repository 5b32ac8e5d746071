/**
 * Fixtures for delivery tests: rooms and visitors inserted directly (the livechat services are
 * someone else's), events recorded through the real event/outbox code, a worker with short polls,
 * and polling helpers that wait for a delivery to reach a state.
 */
import type { Selectable } from 'kysely';
import { newId } from '../../src/domain/ids.ts';
import type { Services } from '../../src/services/container.ts';
import { inTx } from '../../src/services/tx.ts';
import { recordOfflineEvent, recordRoomEvent } from '../../src/services/events.ts';
import type { RoomEventType } from '../../src/domain/payloads.ts';
import type { DeliveriesTable, AttemptsTable } from '../../src/store/schema.ts';
import { startWorker } from '../../src/delivery/start.ts';
import { buildWorkerDeps } from '../../src/main.ts';
import { newRoomRow, newVisitorRow } from '../../src/store/rows.ts';
import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from './app.ts';
import { makeApp } from './app.ts';
import { startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';
import type { Dialect } from '../../src/store/dialect.ts';

export async function insertRoom(
  s: Services,
  opts: { fname?: string } = {},
): Promise<{ rid: string; visitorId: string; token: string }> {
  const now = s.now();
  const visitorId = newId();
  const token = newId(24);
  const username = `guest-${newId(6)}`;
  await s.db
    .insertInto('visitors')
    .values(
      newVisitorRow(
        {
          _id: visitorId,
          token,
          username,
          name: 'Visitor',
          emails: JSON.stringify([{ address: 'v@example.com' }]),
          ip: '203.0.113.9',
        },
        now,
      ),
    )
    .execute();
  const rid = newId();
  await s.db
    .insertInto('rooms')
    .values(
      newRoomRow(
        {
          _id: rid,
          fname: opts.fname ?? 'Visitor',
          visitor_id: visitorId,
          visitor_token: token,
          visitor_username: username,
        },
        now,
      ),
    )
    .execute();
  return { rid, visitorId, token };
}

export function eventDeps(s: Services) {
  return { settings: s.settings, waker: s.waker, now: s.now };
}

export async function roomEvent(s: Services, rid: string, type: RoomEventType = 'LivechatSessionStart') {
  return inTx(s.store, (tx) => recordRoomEvent(tx, eventDeps(s), { type, rid, messages: 'all' }));
}

export async function offlineEvent(s: Services, message = 'hello') {
  return inTx(s.store, (tx) =>
    recordOfflineEvent(tx, eventDeps(s), { name: 'Ann', email: 'ann@example.com', message }),
  );
}

/** Points the built-in endpoint at a URL with every flag on and a fast retry schedule. */
export async function configureWebhook(
  s: Services,
  url: string,
  opts: { token?: string; retries?: number; delayMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  await s.settings.setMany([
    ['Livechat_webhookUrl', url],
    ['Livechat_secret_token', opts.token ?? ''],
    ['Livechat_http_timeout', opts.timeoutMs ?? 2000],
    ['Livechat_webhook_retry_count', opts.retries ?? 10],
    ['Livechat_webhook_retry_delay_ms', opts.delayMs ?? 30],
    ['Livechat_webhook_on_start', true],
    ['Livechat_webhook_on_close', true],
    ['Livechat_webhook_on_chat_taken', true],
    ['Livechat_webhook_on_chat_queued', true],
    ['Livechat_webhook_on_forward', true],
    ['Livechat_webhook_on_offline_msg', true],
    ['Livechat_webhook_on_visitor_message', true],
    ['Livechat_webhook_on_agent_message', true],
  ]);
}

export function runWorker(t: TestApp) {
  return startWorker(buildWorkerDeps(t.services, t.app.log), { pollMs: 20, stopTimeoutMs: 2000 });
}

export type DeliveryRow = Selectable<DeliveriesTable>;
export type AttemptRowSel = Selectable<AttemptsTable>;

export async function deliveriesOf(s: Services, eventId: string): Promise<DeliveryRow[]> {
  return s.db.selectFrom('deliveries').selectAll().where('event_id', '=', eventId).orderBy('seq').execute();
}

export async function attemptsOf(s: Services, deliveryId: string): Promise<AttemptRowSel[]> {
  return s.db.selectFrom('attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('seq').execute();
}

/** Polls until the event's (single) delivery satisfies `ok`. */
export async function waitForDelivery(
  s: Services,
  eventId: string,
  ok: (d: DeliveryRow) => boolean,
  timeoutMs = 10_000,
): Promise<DeliveryRow> {
  const deadline = Date.now() + timeoutMs;
  let last: DeliveryRow | undefined;
  while (Date.now() < deadline) {
    last = (await deliveriesOf(s, eventId))[0];
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`delivery of ${eventId} did not reach the expected state: ${JSON.stringify(last)}`);
}

export interface DeliveryRig {
  t: TestApp;
  rx: Receiver;
  worker: ReturnType<typeof runWorker>;
}

/**
 * The usual delivery test set-up, registered as this suite's beforeAll/afterAll: an app whose
 * egress allows loopback, a real receiver, and a worker with short polls. `prepare` runs before
 * the worker starts (e.g. to script the receiver). The returned object is filled in beforeAll.
 */
export function useDeliveryRig(
  opts: { dialect?: Dialect; prepare?: (rig: Omit<DeliveryRig, 'worker'>) => void } = {},
): DeliveryRig {
  const rig = {} as DeliveryRig;
  beforeAll(async () => {
    rig.t = await makeApp({ dialect: opts.dialect, env: { EGRESS_ALLOWLIST: '127.0.0.1/32' } });
    rig.rx = await startReceiver();
    opts.prepare?.(rig);
    rig.worker = runWorker(rig.t);
  });
  afterAll(async () => {
    await rig.worker?.stop();
    await rig.rx?.close();
    await rig.t?.close();
  });
  return rig;
}
