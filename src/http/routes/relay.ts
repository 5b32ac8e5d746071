/**
 * Relay for existing Rocket.Chat servers: point Rocket.Chat's Webhook URL here and keep
 * Rocket.Chat, while Omnihook stores each event durably and delivers it, signed, to every
 * subscribed endpoint. Rocket.Chat's token header is checked against RELAY_INBOUND_TOKEN in
 * constant time; with no token configured the relay is off.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { fail } from '../../domain/errors.ts';
import { sameSecret } from '../../domain/secrets.ts';
import { EVENT_TYPES } from '../../domain/models.ts';
import type { EventType } from '../../domain/models.ts';

export const relayRoutes: RouteRegistrar = (app, s) => {
  app.post(
    '/api/v1/webhooks/ingest/rocketchat',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Receive a Rocket.Chat server's CRM webhook and fan it out to Omnihook endpoints",
        body: Type.Object(
          {
            type: Type.Union(EVENT_TYPES.map((e) => Type.Literal(e))),
            _id: Type.Optional(Type.String({ maxLength: 128 })),
            departmentId: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Null()])),
          },
          { additionalProperties: true },
        ),
      },
    },
    async (request) => {
      const expected = s.config.relayInboundToken;
      if (!expected) fail('error-not-allowed', 'The Rocket.Chat relay is off: set RELAY_INBOUND_TOKEN to enable it');
      const got = request.headers['x-rocketchat-livechat-token'];
      if (typeof got !== 'string' || !sameSecret(got, expected))
        fail('unauthorized', 'Invalid X-RocketChat-Livechat-Token');
      const body = request.body;
      const type = body.type as EventType;
      const rid = type === 'LivechatOfflineMessage' || typeof body._id !== 'string' ? null : body._id;
      const event = await s.relay.ingest({
        type,
        rid,
        departmentId: typeof body.departmentId === 'string' ? body.departmentId : null,
        body: JSON.stringify(body),
      });
      return { success: true, eventId: event._id, deliveries: event.deliveries };
    },
  );
};
