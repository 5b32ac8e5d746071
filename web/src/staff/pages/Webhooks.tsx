/**
 * Omnichannel > Webhooks, as in Rocket.Chat: the one Webhook URL, its secret token, which events
 * to send and the HTTP timeout. Reset when the form is changed; Send Test when a URL is saved and
 * the form is unchanged (so the test hits what is saved); Save writes every field.
 */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, TextField, useToast } from '../ui.tsx';
import { MultiSelect } from '../MultiSelect.tsx';

/** Rocket.Chat's order and labels; [setting id, body key, label]. */
const SEND_ON = [
  ['Livechat_webhook_on_start', 'LivechatWebhookOnStart', 'Chat Start'],
  ['Livechat_webhook_on_close', 'LivechatWebhookOnClose', 'Chat Close'],
  ['Livechat_webhook_on_chat_taken', 'LivechatWebhookOnChatTaken', 'Chat Taken'],
  ['Livechat_webhook_on_chat_queued', 'LivechatWebhookOnChatQueued', 'Chat Queued'],
  ['Livechat_webhook_on_forward', 'LivechatWebhookOnForward', 'Forwarding'],
  ['Livechat_webhook_on_offline_msg', 'LivechatWebhookOnOfflineMsg', 'Offline Messages'],
  ['Livechat_webhook_on_visitor_message', 'LivechatWebhookOnVisitorMessage', 'Visitor Messages'],
  ['Livechat_webhook_on_agent_message', 'LivechatWebhookOnAgentMessage', 'Agent Messages'],
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
  if (!form || !saved) return <p className="loading">Loading…</p>;
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
      toast('Saved');
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    setBusy('test');
    try {
      await api('POST', 'livechat/webhook.test');
      toast('It works');
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>Webhooks</h1>
        <div className="actions">
          <button type="button" onClick={() => setForm(saved)} disabled={!dirty || busy !== null}>
            Reset
          </button>
          <button type="button" onClick={test} disabled={dirty || saved.url === '' || busy !== null}>
            {busy === 'test' ? 'Sending…' : 'Send Test'}
          </button>
          <button type="button" className="primary" onClick={save} disabled={!dirty || busy !== null}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
        </div>
      </header>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (dirty) void save();
        }}
      >
        <TextField
          label="Webhook URL"
          type="url"
          placeholder="https://yourdomain.com/webhook/entrypoint"
          value={form.url}
          onChange={(e) => set({ url: e.target.value })}
        />
        <TextField
          label="Secret Token"
          value={form.token}
          placeholder={tokenMasked ? 'Set (hidden); type to replace' : undefined}
          autoComplete="off"
          onChange={(e) => set({ token: e.target.value })}
        />
        <MultiSelect
          label="Send Request on"
          options={SEND_ON.map(([id, , label]) => ({ value: id, label }))}
          value={form.sendOn}
          onChange={(sendOn) => set({ sendOn })}
        />
        <TextField
          label="HTTP timeout"
          hint="In milliseconds"
          type="number"
          min={1}
          step={1}
          value={form.timeout}
          onChange={(e) => set({ timeout: e.target.value })}
        />
        <p className="muted">
          The Secret Token is sent in the <code>X-RocketChat-Livechat-Token</code> header so your receiver can check
          that a request comes from Omnihook. More endpoints, signatures and the delivery log are under Endpoints and
          Deliveries.
        </p>
      </form>
    </section>
  );
}
