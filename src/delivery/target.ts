/** What one claimed delivery is sent from: the stored event and the endpoint row. */
import type { Selectable } from 'kysely';
import type { EndpointsTable } from '../store/schema.ts';

export type EndpointRow = Selectable<EndpointsTable>;

export interface Target {
  event: { _id: string; rid: string | null; body: string };
  endpoint: EndpointRow;
}
