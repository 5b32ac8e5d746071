/** Rows for the store-level outbox tests: a custom endpoint with the defaults a test rarely changes. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import { newEndpointRow } from '../../src/store/rows.ts';

/** The time the outbox tests' rows are made at (their clock: claims and records pass it as now). */
export const ROWS_AT = 1_700_000_000_000;

export async function addEndpoint(
  db: Kysely<Database>,
  id: string,
  over: {
    max_concurrency?: number;
    enabled?: number;
    paused_until?: number | null;
    url?: string;
    events?: string;
    headers?: string | null;
    secret?: string;
  } = {},
): Promise<void> {
  await db
    .insertInto('endpoints')
    .values(
      newEndpointRow(
        {
          _id: id,
          kind: 'custom',
          url: over.url ?? 'https://example.com/hook',
          description: null,
          events: over.events ?? '[]',
          department_ids: null,
          headers: over.headers ?? null,
          timeout_ms: 7000,
          retry: '{"kind":"exponential"}',
          ordering: 'room',
          rate_limit_per_second: null,
          max_concurrency: over.max_concurrency ?? 10,
          enabled: over.enabled ?? 1,
          disabled_reason: null,
          secret: over.secret ?? '',
          paused_until: over.paused_until ?? null,
        },
        ROWS_AT,
      ),
    )
    .execute();
}
