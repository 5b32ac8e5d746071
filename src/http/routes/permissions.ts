/**
 * Rocket.Chat's permission administration: permissions.listAll (any logged-in user: clients read
 * it to hide what they may not do) and permissions.update (access-permissions). Every route's
 * needPermission / can() checks against the edited table (plugins/auth.ts).
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { staffSecurity } from '../schemas.ts';
import { needPermission, needUser } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';

const tags = ['permissions'];

export const permissionRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/permissions.listAll',
    {
      preValidation: needUser,
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Every permission with its roles; updatedSince keeps those changed after it',
        querystring: Type.Object(
          { updatedSince: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const { updatedSince } = request.query;
      let since: Date | undefined;
      if (updatedSince) {
        if (Number.isNaN(Date.parse(updatedSince)))
          fail('error-roomId-param-invalid', 'The "updatedSince" query parameter must be a valid date.');
        since = new Date(updatedSince);
      }
      // we never delete a permission id, so `remove` (Rocket.Chat's trash) is always empty
      return { update: s.permissions.list(since), remove: [], success: true };
    },
  );

  app.post(
    '/api/v1/permissions.update',
    {
      preValidation: needPermission('access-permissions'),
      schema: {
        tags,
        security: staffSecurity,
        summary: "Set permissions' roles; answers the whole table",
        body: Type.Object(
          {
            permissions: Type.Array(
              Type.Object(
                {
                  _id: Type.String({ maxLength: 128 }),
                  roles: Type.Array(Type.String({ maxLength: 64 }), { uniqueItems: true, maxItems: 100 }),
                },
                { additionalProperties: false },
              ),
              { maxItems: 500 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => ({ permissions: await s.permissions.update(request.body.permissions), success: true }),
  );
};
