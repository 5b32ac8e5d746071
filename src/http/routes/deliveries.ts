/**
 * The delivery log (ours; Rocket.Chat has none): filter deliveries, open one with its event body
 * and every attempt, replay one with the same body and webhook-id.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { getDelivery, listDeliveries, replayDelivery } from '../../services/deliveries.ts';

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')])),
  eventType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  roomId: Type.Optional(Id),
  endpointId: Type.Optional(Id),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'ISO-8601; deliveries created at or after' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'ISO-8601; deliveries created before' })),
  ...Paging,
});

const ByIdParams = Type.Object({ _id: Id });

export const deliveriesRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/webhooks/deliveries',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: 'The delivery log, newest first',
        security: staffSecurity,
        querystring: ListQuery,
      },
    },
    async (request) => {
      const q = request.query;
      const page = paging(q);
      const { deliveries, total } = await listDeliveries(
        s,
        {
          status: q.status,
          eventType: q.eventType,
          roomId: q.roomId,
          endpointId: q.endpointId,
          since: q.since === undefined ? undefined : Date.parse(q.since),
          until: q.until === undefined ? undefined : Date.parse(q.until),
        },
        page,
      );
      return { deliveries, count: deliveries.length, offset: page.offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/webhooks/deliveries/:_id',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: 'One delivery with its event and attempts',
        security: staffSecurity,
        params: ByIdParams,
      },
    },
    async (request) => ({ delivery: await getDelivery(s, request.params._id), success: true }),
  );

  app.post(
    '/api/v1/webhooks/deliveries/:_id/replay',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again now: same body, same webhook-id',
        security: staffSecurity,
        params: ByIdParams,
      },
    },
    async (request) => ({ delivery: await replayDelivery(s, request.params._id), success: true }),
  );
};
