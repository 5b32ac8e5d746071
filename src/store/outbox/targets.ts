/**
 * The endpoint rows an event may go to: every enabled, undeleted endpoint, the built-in one
 * included (its subscriptions are written through from the Webhooks-page settings). The rule
 * that picks among them is pure and lives in domain/targets.ts.
 */
import { arg, first, prepare } from '../prepared.ts';
import type { Exec } from '../prepared.ts';
import { parseJson } from '../mappers.ts';
import { wantsEvent } from '../../domain/targets.ts';
import type { TargetEvent } from '../../domain/targets.ts';

const liveEndpointsQ = prepare((db) =>
  db
    .selectFrom('endpoints')
    .select(['_id', 'kind', 'url', 'events', 'department_ids', 'ordering'])
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null),
);

export interface DeliveryTarget {
  endpointId: string;
  /** Per-room ordering: the delivery carries the room as its order key. */
  ordered: boolean;
}

/** The endpoints that want `event`, read in the caller's transaction. */
export async function targetsFor(x: Exec, event: TargetEvent): Promise<DeliveryTarget[]> {
  const out: DeliveryTarget[] = [];
  for (const ep of await x.all(liveEndpointsQ)) {
    const wanted = wantsEvent(
      {
        kind: ep.kind,
        url: ep.url,
        events: parseJson<string[]>(ep.events, []),
        departmentIds: parseJson<string[] | null>(ep.department_ids, null),
      },
      event,
    );
    if (wanted) out.push({ endpointId: ep._id, ordered: ep.ordering === 'room' });
  }
  return out;
}

const endpointOrderingQ = prepare((db) => db.selectFrom('endpoints').select(['ordering']).where('_id', '=', arg('id')));

/** One named endpoint as a target (a test event sent to that endpoint only). */
export async function targetOf(x: Exec, endpointId: string): Promise<DeliveryTarget | undefined> {
  const ep = await first(x, endpointOrderingQ, { id: endpointId });
  return ep ? { endpointId, ordered: ep.ordering === 'room' } : undefined;
}
