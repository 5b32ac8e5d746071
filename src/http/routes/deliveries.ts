/**
 * The delivery log (ours; Rocket.Chat has none): filter deliveries, open one with its event body
 * and every attempt, replay one with the same body and webhook-id; a room's deliveries to every
 * endpoint and a resend of a selection (issue 17: conversation-scoped search and resend).
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import {
  RESEND_MAX,
  getDelivery,
  listDeliveries,
  listRoomDeliveries,
  replayArrivesLate,
  replayDelivery,
  resendRoomDeliveries,
} from '../../services/deliveries.ts';
import { Delivery, refAnswer } from '../openapi/models.ts';

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
const RoomParams = Type.Object({ rid: Id });
/** A delivery as the log shows it (every field is listed in docs/webhooks.md): a named component. */
const DeliverySchema = refAnswer(Delivery);

export const deliveriesRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/webhooks/deliveries',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: 'The delivery log, newest first',
        description:
          'Deliveries filtered by status, event type, room, endpoint and creation time, each with its event and attempts. A pending delivery that waits behind an older one of its room names it in `waitingFor`.',
        security: staffSecurity,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            deliveries: Type.Array(DeliverySchema),
            count: Type.Integer(),
            offset: Type.Integer(),
            total: Type.Integer(),
            success: Type.Literal(true),
          }),
        },
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
      return { deliveries, count: deliveries.length, offset: page.offset, total, success: true as const };
    },
  );

  app.get(
    '/api/v1/webhooks/deliveries/:_id',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: 'One delivery with its event and attempts',
        description:
          'The request as sent (headers, stored body) and every attempt with its response. `arriveLate` is 1 when a newer event of its room already reached the endpoint, so a replay would arrive after it.',
        security: staffSecurity,
        params: ByIdParams,
        response: {
          200: Type.Object({ delivery: DeliverySchema, arriveLate: Type.Integer(), success: Type.Literal(true) }),
        },
      },
    },
    async (request) => {
      const delivery = await getDelivery(s, request.params._id);
      return { delivery, arriveLate: await replayArrivesLate(s, delivery._id), success: true as const };
    },
  );

  app.post(
    '/api/v1/webhooks/deliveries/:_id/replay',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again now: same body, same webhook-id',
        description:
          'Re-queues the delivery for one more attempt now. A replay is outside per-room order: it may arrive after newer events of its room.',
        security: staffSecurity,
        params: ByIdParams,
        response: { 200: Type.Object({ delivery: DeliverySchema, success: Type.Literal(true) }) },
      },
    },
    async (request) => ({ delivery: await replayDelivery(s, request.params._id), success: true as const }),
  );

  app.get(
    '/api/v1/webhooks/rooms/:rid/deliveries',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: "A room's deliveries to every endpoint, oldest first",
        description:
          'Every delivery of the conversation (up to 1000) to every endpoint, with status, times and attempts. A room without deliveries (or unknown) answers an empty list.',
        security: staffSecurity,
        params: RoomParams,
        response: {
          200: Type.Object({
            deliveries: Type.Array(DeliverySchema),
            total: Type.Integer(),
            success: Type.Literal(true),
          }),
        },
      },
    },
    async (request) => {
      const deliveries = await listRoomDeliveries(s, request.params.rid);
      return { deliveries, total: deliveries.length, success: true as const };
    },
  );

  app.post(
    '/api/v1/webhooks/rooms/:rid/deliveries/resend',
    {
      preValidation: needPermission('view-webhook-deliveries'),
      schema: {
        tags: ['webhooks'],
        summary: "Resend a selection of a room's deliveries",
        description:
          'Each delivery named is replayed (same body and webhook-id, one more attempt now). Every id must be a delivery of this room. `arriveLate` counts those that will arrive after a newer event of the room that was already delivered.',
        security: staffSecurity,
        params: RoomParams,
        body: Type.Object({ deliveryIds: Type.Array(Id, { minItems: 1, maxItems: RESEND_MAX }) }),
        response: {
          200: Type.Object({ resent: Type.Integer(), arriveLate: Type.Integer(), success: Type.Literal(true) }),
        },
      },
    },
    async (request) => ({
      ...(await resendRoomDeliveries(s, request.params.rid, request.body.deliveryIds)),
      success: true as const,
    }),
  );
};
