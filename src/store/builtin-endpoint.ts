/**
 * The built-in endpoint's row: created at start when missing, and rewritten from the
 * Webhooks-page settings (domain/builtin-endpoint.ts) in the same transaction as every change to
 * them, so the row is what delivery sends with.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { newEndpointRow } from './rows.ts';
import { BUILTIN_ENDPOINT_ID } from '../domain/endpoint-rules.ts';
import type { BuiltinEndpointConfig } from '../domain/builtin-endpoint.ts';

export async function ensureBuiltinEndpoint(db: Kysely<Database>, now: number): Promise<void> {
  const row = newEndpointRow(
    {
      _id: BUILTIN_ENDPOINT_ID,
      kind: 'rocketchat',
      url: '',
      description: 'Omnichannel > Webhooks (Rocket.Chat settings)',
      events: '[]',
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

/** Writes the Webhooks-page configuration to the row (inside the settings change's transaction). */
export async function writeBuiltinEndpoint(db: Kysely<Database>, c: BuiltinEndpointConfig, now: number): Promise<void> {
  await db
    .updateTable('endpoints')
    .set({ url: c.url, token: c.token, timeout_ms: c.timeoutMs, events: JSON.stringify(c.events), updated_at: now })
    .where('_id', '=', BUILTIN_ENDPOINT_ID)
    .execute();
}
