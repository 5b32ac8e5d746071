/**
 * canned-responses, in Rocket.Chat's shapes: GET lists (managers: all; agents: global plus their
 * departments'), POST creates or (with _id) updates, DELETE removes by body `_id`. GET takes
 * Rocket.Chat's `tags` filter (`tags=a&tags=b` or `tags[]=a`): responses carrying any of them.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';

const tags = ['canned-responses'];
const URL = '/api/v1/canned-responses';
const TagList = Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 });

export const cannedRoutes: RouteRegistrar = (app, s) => {
  app.get(
    URL,
    {
      preValidation: needPermission('view-canned-responses'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Canned responses in reach (shortcut filters by text, tags by any of the tags)',
        querystring: Type.Object({
          shortcut: Type.Optional(Type.String({ maxLength: 64 })),
          // a single `tags=x` arrives as one string; Fastify's validator makes it a one-item list
          tags: Type.Optional(TagList),
          'tags[]': Type.Optional(TagList),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { count, offset } = paging(request.query);
      // managers manage every response; an agent only sees what it may insert
      const agentId = can(user, 'save-canned-responses') ? undefined : user._id;
      const { cannedResponses, total } = await s.canned.list({
        agentId,
        text: request.query.shortcut,
        tags: [...(request.query.tags ?? []), ...(request.query['tags[]'] ?? [])],
        count,
        offset,
      });
      return { cannedResponses, count: cannedResponses.length, offset, total, success: true };
    },
  );

  app.post(
    URL,
    {
      preValidation: needPermission('save-canned-responses'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Create a canned response, or update it when _id is given',
        body: Type.Object({
          _id: Type.Optional(Id),
          shortcut: Type.String({ minLength: 1, maxLength: 64 }),
          text: Type.String({ minLength: 1, maxLength: 10_000 }),
          scope: Type.Union([Type.Literal('global'), Type.Literal('department')]),
          departmentId: Type.Optional(Id),
          // Rocket.Chat's tags: trimmed, repeats dropped; an update without them keeps the old ones
          tags: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
        }),
      },
    },
    async (request) => {
      const cannedResponse = await s.canned.save(currentUser(request), request.body);
      return { cannedResponse, success: true };
    },
  );

  app.delete(
    URL,
    {
      preValidation: needPermission('remove-canned-responses'),
      schema: { tags, security: staffSecurity, summary: 'Remove a canned response', body: Type.Object({ _id: Id }) },
    },
    async (request) => {
      await s.canned.remove(request.body._id);
      return { success: true };
    },
  );
};
