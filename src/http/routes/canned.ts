/**
 * canned-responses, in Rocket.Chat's shapes: GET lists (managers: all; agents: global plus their
 * departments'), POST creates or (with _id) updates, DELETE removes by body `_id`. GET takes
 * Rocket.Chat's `tags` filter (`tags=a&tags=b` or `tags[]=a`): responses carrying any of them.
 * GET canned-responses/:_id reads one (404 "Resource not found" when unknown or out of reach, as
 * Rocket.Chat's API.v1.notFound()); GET canned-responses.get lists all in reach as `responses`.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { plainError } from '../../domain/contacts.ts';
import type { User } from '../../domain/models.ts';

const tags = ['canned-responses'];
const URL = '/api/v1/canned-responses';
const TagList = Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 });
// managers manage every response; an agent only sees what it may insert (Rocket.Chat's
// view-all-canned-responses, which Omnihook folds into save-canned-responses)
const reachOf = (user: User) => (can(user, 'save-canned-responses') ? undefined : user._id);

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
      const agentId = reachOf(user);
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

  app.get(
    `${URL}.get`,
    {
      preValidation: needPermission('view-canned-responses'),
      schema: { tags, security: staffSecurity, summary: 'Every canned response in reach, unpaged, as `responses`' },
    },
    async (request) => {
      const responses = await s.canned.allInReach(reachOf(currentUser(request)));
      return { responses, success: true };
    },
  );

  app.get(
    `${URL}/:_id`,
    {
      preValidation: needPermission('view-canned-responses'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'One canned response in reach',
        params: Type.Object({ _id: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
    },
    async (request) => {
      const cannedResponse = await s.canned.getInReach(request.params._id, reachOf(currentUser(request)));
      // out of reach reads as unknown, so an agent cannot probe other departments' ids
      if (!cannedResponse) throw plainError('error-resource-not-found', 'Resource not found');
      return { cannedResponse, success: true };
    },
  );
};
