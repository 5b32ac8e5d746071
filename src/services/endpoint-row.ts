/** A new endpoints row: the configured columns given, the breaker and rotation state fresh. */
import type { Selectable } from 'kysely';
import type { EndpointsTable } from '../store/schema.ts';

export type EndpointRow = Selectable<EndpointsTable>;

type StateColumns =
  | 'previous_secret'
  | 'previous_secret_expires_at'
  | 'paused_until'
  | 'failing_since'
  | 'consecutive_failures'
  | 'deleted_at'
  | 'created_at'
  | 'updated_at';

export function newEndpointRow(config: Omit<EndpointRow, StateColumns> & Partial<Pick<EndpointRow, StateColumns>>, now: number): EndpointRow {
  return {
    previous_secret: null,
    previous_secret_expires_at: null,
    paused_until: null,
    failing_since: null,
    consecutive_failures: 0,
    deleted_at: null,
    created_at: now,
    updated_at: now,
    ...config,
  };
}
