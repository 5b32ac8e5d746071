/**
 * Webhook endpoints API: many signed endpoints on the same outbox as the Webhooks page; their
 * health and what needs attention (issue 17: failed deliveries, the breaker's streak, the egress
 * policy), "would this URL be allowed" before a save, and "Resume now" on a paused endpoint.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { EVENT_TYPES } from '../../domain/models.ts';
import type { EventType } from '../../domain/models.ts';
import { fail } from '../../domain/errors.ts';
import { EMPTY_HEALTH, resumeEndpoint, urlVerdict } from '../../services/endpoint-health.ts';
import { recoverArrivesLate } from '../../services/deliveries.ts';
import { Endpoint, refAnswer } from '../openapi/models.ts';

const tags = ['webhook endpoints'];
const security = staffSecurity;
const EventName = Type.Union(EVENT_TYPES.map((e) => Type.Literal(e)));
const Fields = {
  url: Type.String({ minLength: 1, maxLength: 2048 }),
  events: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: EVENT_TYPES.length * 2 }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  departmentIds: Type.Optional(Type.Union([Type.Array(Id, { maxItems: 100 }), Type.Null()])),
  headers: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1024 }))),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000 })),
  retry: Type.Optional(
    Type.Object({
      kind: Type.Union([Type.Literal('rocketchat'), Type.Literal('exponential'), Type.Literal('list')]),
      delaysMs: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 30 })),
    }),
  ),
  ordering: Type.Optional(Type.Union([Type.Literal('room'), Type.Literal('none')])),
  rateLimitPerSecond: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 10_000 }), Type.Null()])),
  maxConcurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  enabled: Type.Optional(Type.Boolean()),
};
const Params = Type.Object({ _id: Id });
const IsoDate = Type.String({ format: 'date-time' });
/** The endpoint as the answers carry it (with `health` in list, get and resume): a named component. */
const EndpointOut = refAnswer(Endpoint);

export const endpointRoutes: RouteRegistrar = (app, s) => {
  const manage = needPermission('manage-webhook-endpoints');

  app.post(
    '/api/v1/webhooks/endpoints',
    { preValidation: manage, schema: { tags, security, body: Type.Object(Fields) } },
    async (request) => {
      const { endpoint, secret } = await s.endpoints.create(request.body);
      return { success: true, endpoint: { ...endpoint, secret } };
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints',
    {
      preValidation: manage,
      schema: {
        tags,
        security,
        summary: 'Every endpoint with its health',
        description:
          'Each endpoint with `health`: backlog and its age, the last 24 hours of attempts, the last error, deliveries parked as `failed`, the breaker streak (`consecutiveFailures`) and `blockedByEgress`.',
        response: {
          200: Type.Object({ success: Type.Literal(true), endpoints: Type.Array(EndpointOut) }),
        },
      },
    },
    async () => {
      const [endpoints, health] = await Promise.all([s.endpoints.list(), s.endpoints.health()]);
      return {
        success: true as const,
        endpoints: endpoints.map((e) => ({ ...e, health: health.get(e._id) ?? EMPTY_HEALTH })),
      };
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints/:_id',
    {
      preValidation: manage,
      schema: {
        tags,
        security,
        summary: 'One endpoint with its health',
        description: 'The endpoint as configured, with the same `health` as the list.',
        params: Params,
        response: { 200: Type.Object({ success: Type.Literal(true), endpoint: EndpointOut }) },
      },
    },
    async (request) => {
      const endpoint = await s.endpoints.get(request.params._id);
      const health = (await s.endpoints.health(endpoint._id)).get(endpoint._id) ?? EMPTY_HEALTH;
      return { success: true as const, endpoint: { ...endpoint, health } };
    },
  );

  app.get(
    '/api/v1/webhooks/egress-check',
    {
      // the Webhooks page's URL goes through the same policy as an endpoint's
      preValidation: needPermission('manage-webhook-endpoints', 'view-livechat-webhooks'),
      schema: {
        tags,
        security,
        summary: 'Would deliveries to this URL be allowed?',
        description:
          "Runs the save-time egress check without saving: the URL's form, then its host (resolved) against the policy that refuses loopback, private, link-local and other non-public addresses unless the server's EGRESS_ALLOWLIST names the host or a CIDR holding it. `allowed: false` comes with the reason; a malformed URL is a 400.",
        querystring: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2048 }) }),
        response: {
          200: Type.Object({
            success: Type.Literal(true),
            allowed: Type.Boolean(),
            message: Type.Optional(Type.String()),
            allowlist: Type.Array(Type.String(), { description: "The server's EGRESS_ALLOWLIST entries" }),
          }),
        },
      },
    },
    async (request) => ({ success: true as const, ...(await urlVerdict(s, request.query.url)) }),
  );

  app.post(
    '/api/v1/webhooks/endpoints/:_id/resume',
    {
      preValidation: manage,
      schema: {
        tags,
        security,
        summary: 'Resume now: close the breaker of a paused endpoint',
        description:
          'Ends the pause and the failure streak, and makes every pending delivery of the endpoint due now (`due`: how many were waiting for a later retry). A disabled endpoint answers 409 error-endpoint-disabled: enable it with PATCH instead.',
        params: Params,
        response: {
          200: Type.Object({ success: Type.Literal(true), due: Type.Integer(), endpoint: EndpointOut }),
        },
      },
    },
    async (request) => {
      const { due } = await resumeEndpoint(s, request.params._id);
      const endpoint = await s.endpoints.get(request.params._id);
      const health = (await s.endpoints.health(endpoint._id)).get(endpoint._id) ?? EMPTY_HEALTH;
      return { success: true as const, due, endpoint: { ...endpoint, health } };
    },
  );

  app.patch(
    '/api/v1/webhooks/endpoints/:_id',
    { preValidation: manage, schema: { tags, security, params: Params, body: Type.Partial(Type.Object(Fields)) } },
    async (request) => ({ success: true, endpoint: await s.endpoints.update(request.params._id, request.body) }),
  );

  app.delete(
    '/api/v1/webhooks/endpoints/:_id',
    { preValidation: manage, schema: { tags, security, params: Params } },
    async (request) => {
      await s.endpoints.remove(request.params._id);
      return { success: true };
    },
  );

  app.post(
    '/api/v1/webhooks/endpoints/:_id/rotate-secret',
    {
      preValidation: manage,
      schema: {
        tags,
        security,
        params: Params,
        body: Type.Optional(
          Type.Object({ graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 86_400 })) }),
        ),
      },
    },
    async (request) => {
      const { endpoint, secret } = await s.endpoints.rotateSecret(
        request.params._id,
        request.body?.graceSeconds ?? 86_400,
      );
      return { success: true, endpoint: { ...endpoint, secret } };
    },
  );

  app.get(
    '/api/v1/webhooks/endpoints/:_id/secret',
    {
      preValidation: needPermission('reveal-webhook-secret'),
      schema: { tags, security, summary: 'Reveal the signing secret (admins only)', params: Params },
    },
    async (request) => ({ success: true, secret: await s.endpoints.revealSecret(request.params._id) }),
  );

  app.post(
    '/api/v1/webhooks/endpoints/:_id/test',
    { preValidation: manage, schema: { tags, security, params: Params, body: Type.Object({ type: EventName }) } },
    async (request) => {
      const queued = await s.endpoints.sendTest(request.params._id, request.body.type as EventType);
      return { success: true, ...queued };
    },
  );

  app.post(
    '/api/v1/webhooks/endpoints/:_id/recover',
    {
      preValidation: manage,
      schema: {
        tags,
        security,
        summary: 'Recover: send again every failed delivery of a time range',
        description:
          "Every delivery of the endpoint parked as failed and created in [since, until] is queued again now. Recovered events are outside per-room order: `arriveLate` counts those whose room already had a newer event delivered, so they arrive after it (Omnihook warns rather than holding the room's newer events back).",
        params: Params,
        body: Type.Object({ since: IsoDate, until: Type.Optional(IsoDate) }),
        response: {
          200: Type.Object({ success: Type.Literal(true), recovered: Type.Integer(), arriveLate: Type.Integer() }),
        },
      },
    },
    async (request) => {
      const since = Date.parse(request.body.since);
      const until = request.body.until ? Date.parse(request.body.until) : undefined;
      if (until !== undefined && until < since) fail('invalid-params', 'until is before since');
      // counted before: once recovered the rows are pending and no longer 'failed'
      const arriveLate = await recoverArrivesLate(s, request.params._id, since, until);
      return {
        success: true as const,
        recovered: await s.endpoints.recover(request.params._id, since, until),
        arriveLate,
      };
    },
  );
};
