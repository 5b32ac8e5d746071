/**
 * Rocket.Chat's `livechat/appearance`: GET the widget's appearance settings, POST a list of
 * `{ _id, value }` to change them. Both need view-livechat-manager, as in Rocket.Chat
 * (apps/meteor/app/livechat/server/api/v1/appearance.ts), so a manager edits the widget without
 * the admin-only settings permission. The rules of a save live in services/appearance.ts.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';

const tags = ['livechat appearance'];

const Setting = Type.Object(
  {
    _id: Type.String(),
    value: Type.Unknown(),
    type: Type.String(),
    packageValue: Type.Unknown(),
    public: Type.Boolean(),
  },
  { additionalProperties: true },
);

// Rocket.Chat's isPOSTLivechatAppearanceParams: a non-empty array of { _id, value }.
const SaveBody = Type.Array(
  Type.Object(
    {
      _id: Type.String({ minLength: 1, maxLength: 128 }),
      value: Type.Union([
        Type.String({ maxLength: 4096 }),
        Type.Boolean(),
        Type.Number(),
        Type.Array(Type.String({ maxLength: 128 }), { maxItems: 64 }),
      ]),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 100 },
);

export const livechatAppearanceRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/appearance',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security: staffSecurity,
        summary: "The widget's appearance settings",
        description:
          "Rocket.Chat's list of appearance settings (title, colours, offline and registration texts, message limit) followed by Omnihook's own (button and bubble colours, welcome text, registration field modes), each as { _id, value, type, packageValue, public }.",
        response: {
          200: Type.Object(
            { appearance: Type.Array(Setting), success: Type.Literal(true) },
            { additionalProperties: true },
          ),
        },
      },
    },
    async () => ({ appearance: s.appearance.list(), success: true as const }),
  );

  app.post(
    '/api/v1/livechat/appearance',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security: staffSecurity,
        summary: "Change the widget's appearance settings",
        description:
          "Every _id must be in GET livechat/appearance's list, else nothing is saved (invalid-setting). Booleans accept 'true', ints are parsed as Rocket.Chat parses them, and each value is then checked against its setting's type (error-invalid-setting).",
        body: SaveBody,
        response: {
          200: Type.Object({ success: Type.Literal(true) }, { description: 'Saved' }),
        },
      },
    },
    async (request) => {
      await s.appearance.save(request.body);
      return { success: true as const };
    },
  );
};
