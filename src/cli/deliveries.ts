/** `omnihook deliveries ...`: the delivery log, replay, recover. */
import type { Command } from 'commander';
import { EVENT_TYPES } from '../domain/models.ts';
import type { Services } from '../services/container.ts';
import { listDeliveries, replayDelivery } from '../services/deliveries.ts';
import { choice, isoDate, leaf, positiveInt } from './args.ts';
import type { JsonOpt } from './args.ts';
import { withServices } from './context.ts';
import { findEndpoint } from './endpoints.ts';
import { endpointName, print, table } from './output.ts';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

interface ListOptions extends JsonOpt {
  status?: string;
  eventType?: string;
  room?: string;
  endpoint?: string;
  since?: number;
  until?: number;
  limit: number;
}

async function list(s: Services, o: ListOptions): Promise<void> {
  const endpointId = o.endpoint === undefined ? undefined : (await findEndpoint(s, o.endpoint))._id;
  const [{ deliveries, total }, endpoints] = await Promise.all([
    listDeliveries(
      s,
      { status: o.status, eventType: o.eventType, roomId: o.room, endpointId, since: o.since, until: o.until },
      { count: o.limit, offset: 0 },
    ),
    s.endpoints.list(),
  ]);
  const names = new Map(endpoints.map((e) => [e._id, endpointName(e)]));
  // a deleted endpoint keeps its deliveries; its id is all that is left to show
  const rows = deliveries.map((d) => ({ ...d, endpointName: names.get(d.endpointId) ?? d.endpointId }));
  print(o.json, { deliveries: rows, total }, () =>
    rows.length === 0
      ? [total === 0 ? 'no deliveries match' : `none of ${total} on this page`]
      : [
          ...table(
            ['ID', 'STATUS', 'EVENT', 'ENDPOINT', 'ROOM', 'ATTEMPTS', 'CREATED', 'LAST'],
            rows.map((d) => [
              d._id,
              d.status,
              d.eventType,
              d.endpointName,
              d.rid,
              d.attemptCount,
              d.createdAt,
              d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.lastError,
            ]),
          ),
          `${rows.length} of ${total}`,
        ],
  );
}

export function deliveryCommands(program: Command): void {
  const deliveries = program.command('deliveries').description('the delivery log');
  leaf(deliveries, 'list', 'list deliveries, newest first')
    .addOption(choice('--status <status>', 'delivery status', DELIVERY_STATUSES))
    .addOption(choice('--event-type <type>', 'event type', EVENT_TYPES))
    .option('--room <rid>', 'room id')
    .option('--endpoint <endpoint>', 'endpoint id or name')
    .option('--since <iso>', 'created at or after', isoDate)
    .option('--until <iso>', 'created before', isoDate)
    .option('--limit <n>', 'how many, newest first', positiveInt, 50)
    .action((o: ListOptions) => withServices((s) => list(s, o)));
  leaf(deliveries, 'replay <deliveryId>', 'send a delivery again: same body, same webhook-id').action(
    (id: string, o: JsonOpt) =>
      withServices(async (s) => {
        const d = await replayDelivery(s, id);
        print(o.json, { delivery: d }, () => [`delivery ${id} queued again`]);
      }),
  );
  leaf(deliveries, 'recover <endpoint>', 're-send every failed delivery of an endpoint (id or name) in a time range')
    .requiredOption('--since <iso>', 'failed deliveries created at or after', isoDate)
    .option('--until <iso>', 'and at or before', isoDate)
    .action((idOrName: string, o: JsonOpt & { since: number; until?: number }) =>
      withServices(async (s) => {
        const e = await findEndpoint(s, idOrName);
        const n = await s.endpoints.recover(e._id, o.since, o.until);
        print(o.json, { endpointId: e._id, requeued: n }, () => [`${n} deliveries of ${endpointName(e)} queued again`]);
      }),
    );
}
