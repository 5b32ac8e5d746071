/**
 * The Webhooks-page webhook is one endpoint of the delivery machinery, with a fixed id. Its URL,
 * token and timeout are read from Rocket.Chat's settings when a delivery is sent, so the row only
 * anchors deliveries, attempts and health to it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { ROCKETCHAT_ENDPOINT_ID } from './outbox.ts';
import { EVENT_TYPES } from '../domain/models.ts';
import { newEndpointRow } from './endpoint-row.ts';

export async function ensureBuiltinEndpoint(db: Kysely<Database>): Promise<void> {
  const now = Date.now();
  const row = newEndpointRow(
    {
      _id: ROCKETCHAT_ENDPOINT_ID,
      kind: 'rocketchat',
      url: '',
      description: 'Omnichannel > Webhooks (Rocket.Chat settings)',
      events: JSON.stringify(EVENT_TYPES),
      department_ids: null,
      headers: null,
      timeout_ms: 5000,
      retry: JSON.stringify({ kind: 'rocketchat' }),
      ordering: 'room',
      rate_limit_per_second: null,
      // Rocket.Chat sends without any cap; per-room ordering already keeps each room serial
      max_concurrency: 64,
      enabled: 1,
      disabled_reason: null,
      secret: '',
    },
    now,
  );
  await db
    .insertInto('endpoints')
    .values(row)
    .onConflict((oc) => oc.column('_id').doNothing())
    .execute();
}
