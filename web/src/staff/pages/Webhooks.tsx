/**
 * Omnichannel > Webhooks, as in Rocket.Chat: the one Webhook URL, its secret token, which events
 * to send and the HTTP timeout. Reset when the form is changed; Send Test when a URL is saved and
 * the form is unchanged (so the test hits what is saved); Save writes every field. A loopback or
 * private URL is flagged before the save (EgressFlag); a failed test stays on the page with its
 * reason until the next try, not only in a toast that vanishes.
 */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, TextField, useLoad, useToast } from '../ui.tsx';
import { MultiSelect } from '../MultiSelect.tsx';
import { EgressFlag } from './EndpointEdit.tsx';
import { FailedLink, State } from './Endpoints.tsx';
import type { AttentionEndpoint } from '../types.ts';
import { useLive } from '../app-context.ts';
import { t } from '../../i18n/index.ts';
import { tRich } from '../../i18n/rich.tsx';

/** Rocket.Chat's order and labels; [setting id, body key, label]. */
const SEND_ON = [
  ['Livechat_webhook_on_start', 'LivechatWebhookOnStart', 'webhooks.onStart'],
  ['Livechat_webhook_on_close', 'LivechatWebhookOnClose', 'webhooks.onClose'],
  ['Livechat_webhook_on_chat_taken', 'LivechatWebhookOnChatTaken', 'webhooks.onTaken'],
  ['Livechat_webhook_on_chat_queued', 'LivechatWebhookOnChatQueued', 'webhooks.onQueued'],
  ['Livechat_webhook_on_forward', 'LivechatWebhookOnForward', 'webhooks.onForward'],
  ['Livechat_webhook_on_offline_msg', 'LivechatWebhookOnOfflineMsg', 'webhooks.onOffline'],
  ['Livechat_webhook_on_visitor_message', 'LivechatWebhookOnVisitorMessage', 'webhooks.onVisitorMessage'],
  ['Livechat_webhook_on_agent_message', 'LivechatWebhookOnAgentMessage', 'webhooks.onAgentMessage'],
] as const;

interface Form {
  url: string;
  token: string;
  sendOn: string[];
  timeout: string;
}

const same = (a: Form, b: Form) =>
  a.url === b.url &&
  a.token === b.token &&
  a.timeout === b.timeout &&
  a.sendOn.length === b.sendOn.length &&
  a.sendOn.every((x) => b.sendOn.includes(x));

export function WebhooksPage() {
  const toast = useToast();
  const [saved, setSaved] = useState<Form>();
  const [form, setForm] = useState<Form>();
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [tokenMasked, setTokenMasked] = useState(false);
  const [testError, setTestError] = useState<string>();
  // the built-in endpoint's state and parked deliveries, as on the Endpoints page
  const builtin = useLoad(
    () =>
      api<{ endpoints: AttentionEndpoint[] }>('GET', 'webhooks/endpoints').then((r) =>
        r.endpoints.find((e) => e.kind === 'rocketchat'),
      ),
    [],
  );
  useLive((kind) => {
    if (kind === 'delivery') builtin.reload();
  });

  useEffect(() => {
    api<{ settings: { _id: string; value: unknown; masked?: boolean }[] }>(
      'GET',
      'livechat/integrations.settings',
    ).then((r) => {
      const v = (id: string) => r.settings.find((s) => s._id === id)?.value;
      setTokenMasked(r.settings.some((s) => s._id === 'Livechat_secret_token' && s.masked === true));
      const f: Form = {
        url: String(v('Livechat_webhookUrl') ?? ''),
        token: String(v('Livechat_secret_token') ?? ''),
        sendOn: SEND_ON.filter(([id]) => v(id) === true).map(([id]) => id),
        timeout: String(v('Livechat_http_timeout') ?? 5000),
      };
      setSaved(f);
      setForm(f);
    }, setLoadError);
  }, []);

  if (loadError) return <ErrorText error={loadError} />;
  if (!form || !saved) return <p className="loading">{t('common.loading')}</p>;
  const dirty = !same(form, saved);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const save = async () => {
    const timeout = Number(form.timeout);
    if (!Number.isInteger(timeout) || timeout < 1) {
      toast('HTTP timeout must be a whole number of milliseconds', 'error');
      return;
    }
    setBusy('save');
    try {
      const body: Record<string, unknown> = {
        LivechatWebhookUrl: form.url.trim(),
        // a masked token (integrations.settings hides it from who may not edit it) is write-only:
        // sent only when changed, so saving the page never blanks it
        ...(form.token !== saved.token ? { LivechatSecretToken: form.token } : {}),
        LivechatHttpTimeout: timeout,
      };
      for (const [id, key] of SEND_ON) body[key] = form.sendOn.includes(id);
      await api('POST', 'omnichannel/integrations', { body });
      const next = { ...form, url: form.url.trim() };
      setSaved(next);
      setForm(next);
      toast(t('common.saved'));
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    setBusy('test');
    setTestError(undefined);
    try {
      await api('POST', 'livechat/webhook.test');
      toast(t('webhooks.itWorks'));
    } catch (err) {
      toast(errorText(err), 'error');
      setTestError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>{t('webhooks.webhooks')}</h1>
        <div className="actions">
          <button type="button" onClick={() => setForm(saved)} disabled={!dirty || busy !== null}>
            {t('common.reset')}
          </button>
          <button type="button" onClick={test} disabled={dirty || saved.url === '' || busy !== null}>
            {busy === 'test' ? t('common.sending') : t('webhooks.sendTest')}
          </button>
          <button type="button" className="primary" onClick={save} disabled={!dirty || busy !== null}>
            {busy === 'save' ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </header>
      {builtin.data && saved.url !== '' && (
        <div className="row-actions webhook-state" data-testid="webhook-state">
          <span className="muted">{t('webhooks.deliveryStatus')}</span>
          <State e={builtin.data} />
          <FailedLink e={builtin.data} />
        </div>
      )}
      {testError && (
        <p className="error wrap-words" role="alert" data-testid="webhook-test-error">
          {t('webhooks.testFailed', { error: testError })}
        </p>
      )}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void save();
        }}
      >
        <TextField
          label={t('webhooks.webhookUrl')}
          type="url"
          placeholder={t('webhooks.httpsYourdomainComWebhook')}
          value={form.url}
          onChange={(e) => set({ url: e.target.value })}
        />
        <EgressFlag url={form.url} />
        <TextField
          label={t('webhooks.secretToken')}
          value={form.token}
          placeholder={tokenMasked ? t('webhooks.setHiddenTypeTo') : undefined}
          autoComplete="off"
          onChange={(e) => set({ token: e.target.value })}
        />
        <MultiSelect
          label={t('webhooks.sendRequestOn')}
          options={SEND_ON.map(([id, , label]) => ({ value: id, label: t(label) }))}
          value={form.sendOn}
          onChange={(sendOn) => set({ sendOn })}
        />
        <TextField
          label={t('webhooks.httpTimeout')}
          hint={t('webhooks.inMilliseconds')}
          type="number"
          min={1}
          step={1}
          value={form.timeout}
          onChange={(e) => set({ timeout: e.target.value })}
        />
        <p className="muted">{tRich('webhooks.tokenHint', { header: <code>X-RocketChat-Livechat-Token</code> })}</p>
      </form>
    </section>
  );
}
