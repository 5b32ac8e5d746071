/**
 * "Send Test" on the Webhooks page: POST the managers guide's LivechatSession example (docs/rocketchat-compat.md, 'The Send Test sample') once to the configured
 * URL with the token header, through the same SSRF-guarded agent as real deliveries. Nothing is
 * recorded or retried; the caller learns the receiver's answer.
 *
 * It reuses the delivery module's leaf pieces (guarded agent, send, headers), which depend on
 * nothing but undici and the domain, so http -> services -> delivery-leaf keeps one direction.
 */
import type { Services } from './container.ts';
import { fail } from '../domain/errors.ts';
import { newEventId } from '../domain/ids.ts';
import { renderBody, sampleLivechatSession } from '../domain/payloads.ts';
import { checkHttpUrl } from '../domain/settings.ts';
import { VERSION } from '../version.ts';
import { createEgressAgent } from '../delivery/http/guarded-connect.ts';
import { send } from '../delivery/http/send.ts';
import { buildHeaders } from '../delivery/http/headers.ts';
import { classifyError } from '../delivery/http/classify.ts';

export async function sendWebhookTest(s: Services): Promise<{ statusCode: number }> {
  const url = s.settings.get('Livechat_webhookUrl');
  if (url === '') fail('error-webhook-not-configured', 'No webhook URL is configured');
  const problem = checkHttpUrl(url);
  if (problem) fail('error-invalid-url', `Livechat_webhookUrl: ${problem}`);
  const body = renderBody(sampleLivechatSession());
  const now = s.now();
  const headers = buildHeaders({
    eventId: newEventId(),
    body,
    now,
    userAgent: `Omnihook/${VERSION}`,
    secrets: { secret: '', previousSecret: null, previousSecretExpiresAt: null },
    legacyToken: s.settings.get('Livechat_secret_token'),
    custom: null,
  });
  const agent = createEgressAgent({ allowlist: s.config.egressAllowlist, connections: 1 });
  try {
    const result = await send(agent, { url, headers, body, timeoutMs: s.settings.get('Livechat_http_timeout') });
    if (result.error !== undefined) {
      const { errorClass, message } = classifyError(result.error);
      fail('error-webhook-test-failed', `The webhook receiver could not be reached (${errorClass}: ${message})`);
    }
    const status = result.statusCode ?? 0;
    if (status < 200 || status >= 300)
      fail('error-webhook-test-failed', `The webhook receiver answered HTTP ${status}`);
    return { statusCode: status };
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
