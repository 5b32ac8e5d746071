/** What one claimed delivery is sent from: the stored event and the endpoint row. */
import type { EndpointRow } from '../rows.ts';

export type { EndpointRow };

export interface Target {
  event: { _id: string; rid: string | null; body: string };
  endpoint: EndpointRow;
}
