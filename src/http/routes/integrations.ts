/**
 * The Webhooks page (Omnichannel > Webhooks) with Rocket.Chat's routes and shapes:
 * read the settings, save them (camelCase keys, only the keys present), send a test.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { staffSecurity } from '../schemas.ts';
import { can, needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { SETTINGS, checkHttpUrl } from '../../domain/settings.ts';
import type { SettingId } from '../../domain/settings.ts';
import { sendWebhookTest } from '../../services/webhook-test.ts';

/** Rocket.Chat's camelCase body keys -> setting ids, in the Webhooks page's order. */
const KEYS = {
  LivechatWebhookUrl: 'Livechat_webhookUrl',
  LivechatSecretToken: 'Livechat_secret_token',
  LivechatHttpTimeout: 'Livechat_http_timeout',
  LivechatWebhookOnStart: 'Livechat_webhook_on_start',
  LivechatWebhookOnClose: 'Livechat_webhook_on_close',
  LivechatWebhookOnChatTaken: 'Livechat_webhook_on_chat_taken',
  LivechatWebhookOnChatQueued: 'Livechat_webhook_on_chat_queued',
  LivechatWebhookOnForward: 'Livechat_webhook_on_forward',
  LivechatWebhookOnOfflineMsg: 'Livechat_webhook_on_offline_msg',
  LivechatWebhookOnVisitorMessage: 'Livechat_webhook_on_visitor_message',
  LivechatWebhookOnAgentMessage: 'Livechat_webhook_on_agent_message',
} as const satisfies Record<string, SettingId>;

type Key = keyof typeof KEYS;
const isKey = (k: string): k is Key => Object.prototype.hasOwnProperty.call(KEYS, k);

const Flag = Type.Optional(Type.Boolean());

// Unknown keys are let through the schema and refused by the handler, so the error can name them.
const IntegrationsBody = Type.Object(
  {
    LivechatWebhookUrl: Type.Optional(Type.String({ maxLength: 4096 })),
    LivechatSecretToken: Type.Optional(Type.String({ maxLength: 4096 })),
    LivechatHttpTimeout: Type.Optional(Type.Integer()),
    LivechatWebhookOnStart: Flag,
    LivechatWebhookOnClose: Flag,
    LivechatWebhookOnChatTaken: Flag,
    LivechatWebhookOnChatQueued: Flag,
    LivechatWebhookOnForward: Flag,
    LivechatWebhookOnOfflineMsg: Flag,
    LivechatWebhookOnVisitorMessage: Flag,
    LivechatWebhookOnAgentMessage: Flag,
  },
  { additionalProperties: true },
);

export const integrationsRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/integrations.settings',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags: ['webhooks'],
        summary: 'The Webhooks page settings (URL, token, timeout, the 8 event flags)',
        security: staffSecurity,
      },
    },
    async (request) => {
      // A secret (the Secret Token) is shown only to those who may edit it, as settings/:_id
      // refuses it to everyone else. The others see '' and `masked: true` when one is set: the
      // page then leaves it out of a save unless they type a new one (it stays write-only).
      const mayReadSecrets = request.user ? can(request.user, 'edit-privileged-setting') : false;
      const settings = Object.values(KEYS).map((id: SettingId) => {
        const secret = SETTINGS[id].type === 'string' && 'secret' in SETTINGS[id];
        const value = s.settings.get(id);
        const masked = secret && !mayReadSecrets;
        return {
          _id: id,
          value: masked ? '' : value,
          type: SETTINGS[id].type,
          group: 'Omnichannel',
          section: 'CRM_Integration',
          ...(secret ? { secret: true } : {}),
          ...(masked && value !== '' ? { masked: true } : {}),
        };
      });
      return { settings, success: true };
    },
  );

  app.post(
    '/api/v1/omnichannel/integrations',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags: ['webhooks'],
        summary: 'Save the Webhooks page; only the keys present are written (false saves)',
        security: staffSecurity,
        body: IntegrationsBody,
      },
    },
    async (request) => {
      const body = request.body as Record<string, unknown>;
      const unknown = Object.keys(body).filter((k) => !isKey(k));
      if (unknown.length > 0) fail('invalid-params', `Unknown key(s): ${unknown.join(', ')}`);
      const url = body.LivechatWebhookUrl;
      if (typeof url === 'string' && url !== '') {
        const problem = checkHttpUrl(url);
        if (problem) fail('error-invalid-url', `LivechatWebhookUrl: ${problem}`);
      }
      const entries = Object.entries(body)
        .filter((e): e is [Key, unknown] => isKey(e[0]) && e[1] !== undefined)
        .map(([k, v]): [SettingId, unknown] => [KEYS[k], v]);
      if (entries.length > 0) await s.settings.setMany(entries);
      return { success: true };
    },
  );

  app.post(
    '/api/v1/livechat/webhook.test',
    {
      preValidation: needPermission('view-livechat-webhooks'),
      schema: {
        tags: ['webhooks'],
        summary: 'POST the sample LivechatSession payload once to the configured URL',
        security: staffSecurity,
      },
    },
    async () => {
      await sendWebhookTest(s);
      return { success: true };
    },
  );
};
