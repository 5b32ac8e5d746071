/**
 * livechat/tags: Rocket.Chat's REST list and get. Rocket.Chat writes tags through the Meteor
 * methods livechat:saveTag / livechat:removeTag (DDP, enterprise); ours are REST routes shaped
 * like those methods' arguments: tags.save { _id?, tagData: { name, description }, tagDepartments }
 * and tags.delete { id }.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';

const tags = ['livechat-tags'];

export const tagRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/tags',
    {
      preValidation: needPermission('view-l-room', 'manage-livechat-tags'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Tags; department lists global tags plus that department’s',
        querystring: Type.Object({
          text: Type.Optional(Type.String({ maxLength: 100 })),
          department: Type.Optional(Id),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const { tags: list, total } = await s.tags.list({
        text: request.query.text,
        department: request.query.department,
        count,
        offset,
      });
      return { tags: list, count: list.length, offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/tags/:tagId',
    {
      preValidation: needPermission('view-l-room', 'manage-livechat-tags'),
      schema: { tags, security: staffSecurity, summary: 'One tag, or null', params: Type.Object({ tagId: Id }) },
    },
    async (request) => (await s.tags.get(request.params.tagId)) ?? null,
  );

  app.post(
    '/api/v1/livechat/tags.save',
    {
      preValidation: needPermission('manage-livechat-tags'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Create a tag, or update it when _id is given (ours: livechat:saveTag as REST)',
        body: Type.Object({
          _id: Type.Optional(Id),
          tagData: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            description: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          tagDepartments: Type.Optional(Type.Array(Id, { maxItems: 500 })),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      const tag = await s.tags.save(b._id, { ...b.tagData, departments: b.tagDepartments ?? [] });
      return { tag, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/tags.delete',
    {
      preValidation: needPermission('manage-livechat-tags'),
      schema: { tags, security: staffSecurity, summary: 'Remove a tag', body: Type.Object({ id: Id }) },
    },
    async (request) => {
      await s.tags.remove(request.body.id);
      return { success: true };
    },
  );
};
