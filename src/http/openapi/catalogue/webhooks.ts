/** Webhook endpoints, the delivery log, the Webhooks page and the Rocket.Chat relay. */
import { Type } from '@sinclair/typebox';
import type { Catalogue } from '../types.ts';
import { Delivery, Endpoint, ok, page, ref } from '../models.ts';

const one = ok({ endpoint: ref(Endpoint) });
const oneDelivery = ok({ delivery: ref(Delivery) });

export const webhookCatalogue: Catalogue = {
  'POST /api/v1/webhooks/endpoints': {
    summary: 'Create a webhook endpoint',
    description:
      'Adds a signed endpoint with its events, filters, retry schedule and limits. The answer carries the signing secret, shown this once.',
    ok: one,
    errors: { 400: 'The input is not valid, or the URL is refused by the egress policy (error-invalid-url)' },
  },
  'GET /api/v1/webhooks/endpoints': {
    summary: 'List webhook endpoints with their health',
    description:
      'Every endpoint, the built-in one (the Webhooks page) included, each with backlog and 24 h success rate.',
    ok: ok({ endpoints: Type.Array(ref(Endpoint)) }),
  },
  'GET /api/v1/webhooks/endpoints/:_id': {
    summary: 'One webhook endpoint with its health',
    description:
      'The endpoint and its health: backlog, oldest pending age, attempts and success rate of the last 24 h, last error.',
    ok: one,
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'PATCH /api/v1/webhooks/endpoints/:_id': {
    summary: 'Change a webhook endpoint',
    description:
      'Only the fields sent change. Disabling stops deliveries; re-enabling resumes them, paused ones included.',
    ok: one,
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'DELETE /api/v1/webhooks/endpoints/:_id': {
    summary: 'Remove a webhook endpoint',
    description: 'Removes the endpoint; its pending deliveries are dropped. The built-in endpoint cannot be removed.',
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'POST /api/v1/webhooks/endpoints/:_id/rotate-secret': {
    summary: 'Rotate the signing secret',
    description:
      'Issues a new secret, answered once. For graceSeconds (default one day) deliveries carry both signatures so receivers can switch without losing any.',
    ok: one,
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'GET /api/v1/webhooks/endpoints/:_id/secret': {
    description: 'Answers the current signing secret; needs reveal-webhook-secret, which only admins hold.',
    ok: ok({ secret: Str() }),
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'POST /api/v1/webhooks/endpoints/:_id/test': {
    summary: 'Queue a sample event to this endpoint',
    description:
      'Queues a sample of the event type given, delivered and signed like a real one; follow it in the delivery log (`deliveryId`).',
    ok: ok({
      eventId: Type.String({ description: 'The sample event stored for this test' }),
      deliveryId: Type.String({ description: 'Its delivery to this endpoint, in the delivery log' }),
    }),
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'POST /api/v1/webhooks/endpoints/:_id/recover': {
    summary: 'Send again the events of a time range',
    description:
      "Queues a new delivery for every event this endpoint subscribes to between since and until (after an outage on the receiver's side). Recovered events arrive after newer ones.",
    ok: ok({ recovered: Type.Integer(), arriveLate: Type.Integer() }),
    errors: { 404: 'No endpoint with that id (error-invalid-endpoint)' },
  },
  'GET /api/v1/webhooks/deliveries': {
    description:
      'Deliveries filtered by status, event type, room, endpoint and creation time, each with its event and attempts.',
    ok: page('deliveries', Delivery),
  },
  'GET /api/v1/webhooks/deliveries/:_id': {
    description: 'The delivery, the event body it carries, and every attempt with request and response headers.',
    ok: oneDelivery,
    errors: { 404: 'No delivery with that id (error-invalid-delivery)' },
  },
  'POST /api/v1/webhooks/deliveries/:_id/replay': {
    description: 'Queues the delivery again now, with the same body and webhook-id so receivers can deduplicate.',
    ok: oneDelivery,
    errors: { 404: 'No delivery with that id (error-invalid-delivery)' },
  },
  'POST /api/v1/webhooks/ingest/rocketchat': {
    description:
      "Point a Rocket.Chat server's Webhooks page here (with its secret token) and Omnihook fans each event out to its endpoints, signed and retried.",
  },
  'GET /api/v1/livechat/integrations.settings': {
    description: "Rocket.Chat's integrations.settings: the Webhooks page's values.",
  },
  'POST /api/v1/omnichannel/integrations': {
    description: "Rocket.Chat's omnichannel/integrations: writes the Webhooks page settings present in the body.",
  },
  'POST /api/v1/livechat/webhook.test': {
    description:
      "Rocket.Chat's webhook.test: one synchronous POST of the sample payload; the receiver's refusal is an error.",
    errors: {
      400: 'No URL configured (error-webhook-not-configured) or the receiver refused (error-webhook-test-failed)',
    },
  },
};

function Str() {
  return Type.String();
}
