/**
 * The custom-field admin API, Rocket.Chat's shapes: livechat/custom-fields (paged, `text` on label
 * or id), /:_id ({ customField: null } when unknown, as Rocket.Chat answers), and the REST
 * custom-fields.save / .delete that replaced the Meteor methods livechat:saveCustomField and
 * livechat:removeCustomField (Rocket.Chat 7.11). Permissions are Rocket.Chat's: view-l-room to
 * read, view-livechat-manager to write.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { isSortableCustomFieldKey } from '../../services/custom-fields.ts';
import type { CustomFieldSort } from '../../services/custom-fields.ts';

const tags = ['livechat custom fields'];

/** Rocket.Chat's `sort` JSON, e.g. {"label":1}: one key of _id, label, scope, visibility. */
function parseSort(raw: string | undefined): CustomFieldSort | undefined {
  if (raw === undefined) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    fail('invalid-params', 'sort must be JSON, e.g. {"label":1}');
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) fail('invalid-params', 'sort must be a JSON object');
  const entries = Object.entries(o);
  if (entries.length === 0) return undefined;
  const [key, dir] = entries[0]!;
  if (!isSortableCustomFieldKey(key))
    fail('invalid-params', `Cannot sort by "${key}": use _id, label, scope or visibility`);
  if (dir !== 1 && dir !== -1) fail('invalid-params', `The sort direction of "${key}" must be 1 or -1`);
  return { key, dir: dir === 1 ? 'asc' : 'desc' };
}

const Text = (max: number) => Type.String({ maxLength: max });

const CustomFieldData = Type.Object({
  field: Type.String({ minLength: 1, maxLength: 64 }),
  label: Type.String({ minLength: 1, maxLength: 256 }),
  scope: Type.Union([Type.Literal('visitor'), Type.Literal('room')]),
  visibility: Text(32),
  type: Type.Optional(Text(32)),
  regexp: Type.Optional(Text(1000)),
  required: Type.Optional(Type.Boolean()),
  defaultValue: Type.Optional(Text(1000)),
  options: Type.Optional(Text(10_000)),
  public: Type.Optional(Type.Boolean()),
  searchable: Type.Optional(Type.Boolean()),
});

export const customFieldRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/custom-fields',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Custom fields, by label; text matches label or id',
        querystring: Type.Object({
          text: Type.Optional(Text(256)),
          sort: Type.Optional(Text(256)),
          query: Type.Optional(Text(1000)),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const sort = parseSort(request.query.sort);
      const { fields, total } = await s.customFields.list({ text: request.query.text, offset, count, sort });
      return { customFields: fields, count: fields.length, offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/custom-fields/:_id',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'One custom field, or null',
        params: Type.Object({ _id: Type.String({ minLength: 1, maxLength: 256 }) }),
      },
    },
    async (request) => ({ customField: (await s.customFields.get(request.params._id)) ?? null, success: true }),
  );

  app.post(
    '/api/v1/livechat/custom-fields.save',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Create a custom field (customFieldId null) or update one',
        body: Type.Object({
          customFieldId: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
          customFieldData: CustomFieldData,
        }),
      },
    },
    async (request) => {
      const { customFieldId, customFieldData } = request.body;
      return { customField: await s.customFields.save(customFieldId, customFieldData), success: true };
    },
  );

  app.post(
    '/api/v1/livechat/custom-fields.delete',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Delete a custom field',
        body: Type.Object({ customFieldId: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request) => {
      await s.customFields.remove(request.body.customFieldId);
      return { success: true };
    },
  );
};
