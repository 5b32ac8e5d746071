/** Webhook endpoints API: many signed endpoints on the same outbox as the Webhooks page. */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { EVENT_TYPES } from '../../domain/models.ts';
import type { EventType } from '../../domain/models.ts';
import { fail } from '../../domain/errors.ts';

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

  app.get('/api/v1/webhooks/endpoints', { preValidation: manage, schema: { tags, security } }, async () => {
    const [endpoints, health] = await Promise.all([s.endpoints.list(), s.endpoints.health()]);
    const empty = { backlog: 0, oldestPendingAgeMs: null, attempts24h: 0, successRate24h: null };
    return { success: true, endpoints: endpoints.map((e) => ({ ...e, health: health.get(e._id) ?? empty })) };
  });

  app.get(
    '/api/v1/webhooks/endpoints/:_id',
    { preValidation: manage, schema: { tags, security, params: Params } },
    async (request) => {
      const endpoint = await s.endpoints.get(request.params._id);
      const health = (await s.endpoints.health(endpoint._id)).get(endpoint._id);
      return { success: true, endpoint: { ...endpoint, health } };
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
      schema: { tags, security, params: Params, body: Type.Object({ since: IsoDate, until: Type.Optional(IsoDate) }) },
    },
    async (request) => {
      const since = Date.parse(request.body.since);
      const until = request.body.until ? Date.parse(request.body.until) : undefined;
      if (until !== undefined && until < since) fail('invalid-params', 'until is before since');
      return { success: true, recovered: await s.endpoints.recover(request.params._id, since, until) };
    },
  );
};
