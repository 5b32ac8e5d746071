/**
 * Rocket.Chat's settings API over our runtime settings: SETTINGS and every other Rocket.Chat
 * Omnichannel id (domain/rc-settings.ts), which are typed and stored but not acted on.
 * Who reads what: public settings (the widget's) anyone, even without login; the rest a user with
 * view-livechat-manager; secret ones (the webhook secret token) only edit-privileged-setting.
 * Only edit-privileged-setting writes.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Paging, paging, staffSecurity } from '../schemas.ts';
import { can, needPermission, needUser } from '../plugins/auth.ts';
import { AppError, fail } from '../../domain/errors.ts';
import { KNOWN_SETTING_IDS, checkHttpUrl, knownSettingDef } from '../../domain/settings.ts';
import type { SettingDef } from '../../domain/settings.ts';
import type { User } from '../../domain/models.ts';

const SettingParams = Type.Object({ _id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.-]+$' }) });

/** undefined when the user may read the setting, else the error to answer with. */
function readDenied(
  user: User | undefined,
  def: Pick<SettingDef, 'public' | 'secret'> | undefined,
): AppError | undefined {
  if (def?.public && !def.secret) return undefined;
  if (!user) return new AppError('unauthorized', 'You must be logged in to do this.');
  const perm = def?.secret ? 'edit-privileged-setting' : 'view-livechat-manager';
  if (!can(user, perm)) {
    return new AppError('error-unauthorized', 'User does not have the permissions required for this action');
  }
  return undefined;
}

const ALL_IDS = KNOWN_SETTING_IDS;
const defOf = (id: string) => knownSettingDef(id);

export const settingRoutes: RouteRegistrar = (app, s) => {
  const item = (id: string) => ({ _id: id, value: s.settings.read(id), type: defOf(id)?.type });

  function page(ids: readonly string[], q: { count?: number; offset?: number }) {
    const { count, offset } = paging(q);
    const settings = ids.slice(offset, offset + count).map(item);
    return { settings, count: settings.length, offset, total: ids.length, success: true };
  }

  app.get(
    '/api/v1/settings.public',
    {
      schema: {
        tags: ['settings'],
        summary: 'The public settings (no login needed)',
        querystring: Type.Object({ ...Paging }),
      },
    },
    async (request) =>
      page(
        ALL_IDS.filter((id) => readDenied(undefined, defOf(id)) === undefined),
        request.query,
      ),
  );

  app.get(
    '/api/v1/settings',
    {
      preValidation: needUser,
      schema: {
        tags: ['settings'],
        summary: 'The settings this user may read, with values',
        security: staffSecurity,
        querystring: Type.Object({ ...Paging }),
      },
    },
    async (request) =>
      page(
        ALL_IDS.filter((id) => readDenied(request.user, defOf(id)) === undefined),
        request.query,
      ),
  );

  app.get(
    '/api/v1/settings/:_id',
    {
      schema: {
        tags: ['settings'],
        summary: 'One setting: { _id, value }',
        security: staffSecurity,
        params: SettingParams,
      },
    },
    async (request) => {
      const id = request.params._id;
      const def = defOf(id);
      // authorise before saying whether the id exists
      const denied = readDenied(request.user, def);
      if (denied) throw denied;
      if (!def) fail('error-invalid-setting', `Unknown setting ${id}`);
      return { _id: id, value: s.settings.read(id), success: true };
    },
  );

  app.post(
    '/api/v1/settings/:_id',
    {
      preValidation: needPermission('edit-privileged-setting'),
      schema: {
        tags: ['settings'],
        summary: 'Change one setting; the value is checked against its type and limits',
        security: staffSecurity,
        params: SettingParams,
        body: Type.Object({
          value: Type.Union([
            Type.Boolean(),
            Type.Number(),
            Type.String({ maxLength: 4096 }),
            // multiSelect settings (Livechat_hide_system_messages)
            Type.Array(Type.String({ maxLength: 128 }), { maxItems: 64 }),
          ]),
        }),
      },
    },
    async (request) => {
      const id = request.params._id;
      const value = request.body.value;
      const def = defOf(id);
      if (!def) fail('error-invalid-setting', `Unknown setting ${id}`);
      // A bad webhook URL gets its own code so the settings page can point at the field.
      if (def.url && typeof value === 'string' && value !== '') {
        const why = checkHttpUrl(value);
        if (why) fail('error-invalid-url', `${id}: ${why}`);
      }
      await s.settings.set(id, value);
      return { success: true };
    },
  );
};
