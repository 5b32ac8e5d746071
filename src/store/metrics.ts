/** The aggregate queries behind /metrics (services/metrics.ts renders them). */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Attempts per endpoint and outcome: success, http_4xx / http_5xx..., or the error class. */
export async function attemptsByOutcome(
  db: Kysely<Database>,
): Promise<{ endpoint_id: string; outcome: string; n: number }[]> {
  const outcome = sql<string>`case when status_code between 200 and 299 then 'success' when status_code is null then coalesce(error_class, 'error') else 'http_' || cast(status_code / 100 as varchar(3)) || 'xx' end`;
  return db
    .selectFrom('attempts')
    .select(['endpoint_id', outcome.as('outcome'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['endpoint_id', 'outcome'])
    .execute();
}

/** Per endpoint: attempt count, total duration (ms), and cumulative counts `b0`, `b1`... per bucket (seconds). */
export async function attemptLatencyHistogram(
  db: Kysely<Database>,
  bucketsS: readonly number[],
): Promise<({ endpoint_id: string; n: number; sum: number } & Record<string, unknown>)[]> {
  const buckets = bucketsS.map((b, i) =>
    sql<number>`sum(case when duration_ms <= ${b * 1000} then 1 else 0 end)`.as(`b${i}`),
  );
  return db
    .selectFrom('attempts')
    .select([
      'endpoint_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>('duration_ms').as('sum'),
      ...buckets,
    ])
    .groupBy('endpoint_id')
    .execute();
}
