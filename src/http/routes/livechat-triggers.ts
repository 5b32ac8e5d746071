/**
 * livechat/triggers, Rocket.Chat's shapes (apps/meteor/app/livechat/server/api/v1/triggers.ts,
 * validators isGETLivechatTriggersParams / isPOSTLivechatTriggersParams in
 * packages/rest-typings/src/v1/omnichannel.ts): a paged list sorted by name, POST saves (create,
 * or update with _id) and answers only { success }, GET /:_id answers { trigger } (null when
 * unknown), DELETE /:_id succeeds for an unknown id too. Every route needs view-livechat-manager.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { TRIGGER_CONDITIONS } from '../../domain/triggers.ts';
import type { TriggerInput } from '../../domain/triggers.ts';
import { isTriggerSortKey } from '../../services/triggers.ts';
import type { TriggerSortKey } from '../../services/triggers.ts';

const tags = ['livechat triggers'];
const guard = needPermission('view-livechat-manager');

const Text = (max: number) => Type.String({ maxLength: max });
const Nullable = <T extends ReturnType<typeof Text>>(t: T) => Type.Union([t, Type.Null()]);
const closed = { additionalProperties: false };

const Condition = Type.Object(
  {
    name: Type.Union(TRIGGER_CONDITIONS.map((c) => Type.Literal(c))),
    value: Nullable(Text(2000)),
  },
  closed,
);

const SendMessage = Type.Object(
  {
    name: Type.Literal('send-message'),
    params: Type.Optional(
      Type.Union([
        Type.Object(
          {
            sender: Type.Union([Type.Literal('queue'), Type.Literal('custom')]),
            msg: Text(10_000),
            name: Type.Optional(Nullable(Text(256))),
          },
          closed,
        ),
        Type.Null(),
      ]),
    ),
  },
  closed,
);

const ExternalService = Type.Object(
  {
    name: Type.Literal('use-external-service'),
    params: Type.Optional(
      Type.Union([
        Type.Object(
          {
            sender: Type.Optional(Type.Union([Type.Literal('queue'), Type.Literal('custom')])),
            name: Type.Optional(Nullable(Text(256))),
            serviceUrl: Text(2000),
            serviceTimeout: Type.Number({ minimum: 0, maximum: 600_000 }),
            serviceFallbackMessage: Text(10_000),
          },
          closed,
        ),
        Type.Null(),
      ]),
    ),
  },
  closed,
);

const TriggerBody = Type.Object(
  {
    _id: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
    name: Text(256),
    description: Text(2000),
    enabled: Type.Boolean(),
    runOnce: Type.Boolean(),
    conditions: Type.Array(Condition, { minItems: 1, maxItems: 20 }),
    actions: Type.Array(Type.Union([SendMessage, ExternalService]), { minItems: 1, maxItems: 20 }),
  },
  closed,
);

/** A stored trigger as Rocket.Chat returns it; open, so nothing is stripped on the way out. */
const TriggerOut = Type.Object(
  {
    _id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    enabled: Type.Boolean(),
    runOnce: Type.Boolean(),
    conditions: Type.Array(Type.Object({}, { additionalProperties: true })),
    actions: Type.Array(Type.Object({}, { additionalProperties: true })),
    // a Date in the service: the serializer writes it as ISO text, as Rocket.Chat's JSON does
    _updatedAt: Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' }),
  },
  { additionalProperties: true },
);
const open = { additionalProperties: true };
/** Rocket.Chat's answer of save and delete: only { success: true } (no other field). */
const Success = Type.Object({ success: Type.Boolean() }, { description: 'Done' });

/** Rocket.Chat's `sort` JSON, e.g. {"name":-1}: one key of name, _id, enabled, description. */
function parseSort(raw: string | undefined): { key: TriggerSortKey; dir: 'asc' | 'desc' } | undefined {
  if (raw === undefined) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    fail('invalid-params', 'sort must be JSON, e.g. {"name":1}');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) fail('invalid-params', 'sort must be a JSON object');
  const first = Object.entries(o)[0];
  if (!first) return undefined;
  const [key, dir] = first;
  if (!isTriggerSortKey(key)) fail('invalid-params', `Cannot sort by "${key}": use name, _id, enabled or description`);
  if (dir !== 1 && dir !== -1) fail('invalid-params', `The sort direction of "${key}" must be 1 or -1`);
  return { key, dir: dir === 1 ? 'asc' : 'desc' };
}

export const livechatTriggerRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/triggers',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Triggers, by name',
        description:
          'Every trigger, enabled or not, paged (count, offset) and sorted by name unless `sort` says otherwise ' +
          '(Rocket.Chat JSON, e.g. {"name":-1}).',
        querystring: Type.Object({ sort: Type.Optional(Text(256)), query: Type.Optional(Text(1000)), ...Paging }),
        response: {
          200: Type.Object(
            {
              triggers: Type.Array(TriggerOut),
              count: Type.Integer(),
              offset: Type.Integer(),
              total: Type.Integer(),
              success: Type.Boolean(),
            },
            open,
          ),
        },
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const sort = parseSort(request.query.sort);
      const { triggers, total } = await s.triggers.list({ offset, count, sort });
      return { triggers, count: triggers.length, offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/triggers',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Save a trigger: create it, or update it when _id is given',
        description:
          'Rocket.Chat answers only { success: true }, also for an _id that matches no trigger (nothing changes). ' +
          'Ours refuses, with error-invalid-trigger, a blank name, a page-url pattern that is not a valid ' +
          'regular expression and a time-on-site value that is not a whole number of seconds.',
        body: TriggerBody,
        response: { 200: Success },
      },
    },
    async (request) => {
      const { _id, ...input } = request.body;
      const trigger: TriggerInput = input;
      await s.triggers.save(_id, trigger);
      return { success: true };
    },
  );

  app.get(
    '/api/v1/livechat/triggers/:_id',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'One trigger; null when unknown',
        description: 'As Rocket.Chat: { trigger: null, success: true } for an unknown id, never a 404.',
        params: Type.Object({ _id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: Type.Object({ trigger: Type.Union([TriggerOut, Type.Null()]), success: Type.Boolean() }, open),
        },
      },
    },
    async (request) => ({ trigger: (await s.triggers.get(request.params._id)) ?? null, success: true }),
  );

  app.delete(
    '/api/v1/livechat/triggers/:_id',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Delete a trigger',
        description: 'As Rocket.Chat: success also when no trigger has that id.',
        params: Type.Object({ _id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Success },
      },
    },
    async (request) => {
      await s.triggers.remove(request.params._id);
      return { success: true };
    },
  );
};
