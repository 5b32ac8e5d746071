/**
 * The built-in endpoint's configuration from the Webhooks-page settings. Rocket.Chat keeps the
 * webhook in settings; here the same settings are written through to the endpoint's row in the
 * transaction that changes them, so delivery reads one row for every endpoint.
 */
import type { SettingId } from './settings.ts';
import { builtinEvents } from './targets.ts';

export interface BuiltinEndpointConfig {
  /** Livechat_webhookUrl; '' turns the Webhooks page off (nothing is enqueued for it). */
  url: string;
  /** Livechat_secret_token, sent as X-RocketChat-Livechat-Token; null sends no token header. */
  token: string | null;
  /** Livechat_http_timeout. */
  timeoutMs: number;
  /** The Livechat_webhook_on_* flags as subscriptions (domain/targets.ts). */
  events: string[];
}

export function builtinEndpointConfig(get: (id: SettingId) => unknown): BuiltinEndpointConfig {
  const token = String(get('Livechat_secret_token') ?? '');
  return {
    url: String(get('Livechat_webhookUrl') ?? ''),
    token: token === '' ? null : token,
    timeoutMs: Number(get('Livechat_http_timeout')),
    events: builtinEvents(get),
  };
}
