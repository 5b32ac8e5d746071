/**
 * Create or edit a webhook endpoint: events, departments, headers, retry schedule, ordering, rate
 * limit. The URL is checked against the server's egress policy while it is typed (EgressFlag), so
 * a loopback or private address is flagged before the save, with the allowlist explained.
 */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Link, navigate } from '../router.tsx';
import { Check, ErrorText, SelectField, TextField } from '../ui.tsx';
import { EVENT_TYPES } from '../types.ts';
import type { Department, Endpoint } from '../types.ts';
import { SecretNotice } from './SecretNotice.tsx';
import { t } from '../../i18n/index.ts';

interface Form {
  url: string;
  description: string;
  events: string[];
  departmentIds: string[];
  headers: { name: string; value: string }[];
  timeoutMs: string;
  retryKind: 'rocketchat' | 'exponential' | 'list';
  delays: string;
  ordering: 'room' | 'none';
  rateLimit: string;
  maxConcurrency: string;
  enabled: boolean;
}

const EMPTY: Form = {
  url: '',
  description: '',
  events: ['LivechatSessionStart', 'LivechatSession'],
  departmentIds: [],
  headers: [],
  timeoutMs: '10000',
  retryKind: 'exponential',
  delays: '10, 60, 300',
  ordering: 'room',
  rateLimit: '',
  maxConcurrency: '10',
  enabled: true,
};

function toForm(e: Endpoint): Form {
  return {
    url: e.url,
    description: e.description ?? '',
    events: e.events,
    departmentIds: e.departmentIds ?? [],
    headers: Object.entries(e.headers).map(([name, value]) => ({ name, value })),
    timeoutMs: String(e.timeoutMs),
    retryKind: e.retry.kind,
    delays: (e.retry.delaysMs ?? [10_000, 60_000, 300_000]).map((ms) => ms / 1000).join(', '),
    ordering: e.ordering,
    rateLimit: e.rateLimitPerSecond === null ? '' : String(e.rateLimitPerSecond),
    maxConcurrency: String(e.maxConcurrency),
    enabled: e.enabled,
  };
}

function toBody(f: Form) {
  const delaysMs = f.delays
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((s) => Math.round(Number(s) * 1000));
  if (f.retryKind === 'list' && delaysMs.some((d) => !Number.isFinite(d) || d < 0))
    throw new Error(t('endpointEdit.retryDelaysMustBe'));
  return {
    url: f.url.trim(),
    description: f.description,
    events: f.events,
    departmentIds: f.departmentIds.length ? f.departmentIds : null,
    headers: Object.fromEntries(f.headers.filter((h) => h.name.trim()).map((h) => [h.name.trim(), h.value])),
    timeoutMs: Number(f.timeoutMs),
    retry: f.retryKind === 'list' ? { kind: 'list', delaysMs } : { kind: f.retryKind },
    ordering: f.ordering,
    rateLimitPerSecond: f.rateLimit.trim() === '' ? null : Number(f.rateLimit),
    maxConcurrency: Number(f.maxConcurrency),
    enabled: f.enabled,
  };
}

/**
 * Flags a URL the egress policy would refuse, next to the field, before any save. Asks the server
 * (GET webhooks/egress-check) 400 ms after the last keystroke; a URL that is not yet a URL says
 * nothing (the save answers that).
 */
export function EgressFlag({ url }: { url: string }) {
  const [verdict, setVerdict] = useState<{ url: string; allowed: boolean; message?: string; allowlist: string[] }>();
  useEffect(() => {
    const u = url.trim();
    if (!/^https?:\/\/[^/]+/i.test(u)) return setVerdict(undefined);
    let live = true;
    const timer = setTimeout(() => {
      api<{ allowed: boolean; message?: string; allowlist: string[] }>('GET', 'webhooks/egress-check', {
        query: { url: u },
      }).then(
        (r) => live && setVerdict({ url: u, ...r }),
        () => live && setVerdict(undefined),
      );
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [url]);
  if (!verdict || verdict.url !== url.trim() || verdict.allowed) return null;
  return (
    <div className="egress-flag" role="alert" data-testid="egress-flag">
      <p>
        <strong>{t('endpointEdit.blocked')}</strong> {verdict.message}
      </p>
      <p className="small">
        {t('endpointEdit.why')} {t('endpointEdit.how')} <code>{t('endpointEdit.example')}</code>
        {verdict.allowlist.length > 0 && (
          <>
            {' '}
            ({t('endpointEdit.allowed')} <code>{verdict.allowlist.join(',')}</code>)
          </>
        )}
      </p>
    </div>
  );
}

const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

export function EndpointEditPage({ id }: { id: string | undefined }) {
  const [form, setForm] = useState<Form | undefined>(id ? undefined : EMPTY);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [error, setError] = useState<unknown>();
  const [secret, setSecret] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ departments: Department[] }>('GET', 'livechat/department', { query: { count: 200 } }).then(
      (r) => setDepartments(r.departments),
      setError,
    );
    if (id)
      api<{ endpoint: Endpoint }>('GET', `webhooks/endpoints/${id}`).then((r) => setForm(toForm(r.endpoint)), setError);
  }, [id]);

  if (!form) return error ? <ErrorText error={error} /> : <p className="loading">{t('common.loading')}</p>;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = toBody(form);
      if (id) {
        await api('PATCH', `webhooks/endpoints/${id}`, { body });
        navigate('/omnichannel/endpoints');
      } else {
        const r = await api<{ endpoint: Endpoint }>('POST', 'webhooks/endpoints', { body });
        setSecret(r.endpoint.secret);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (secret) {
    return (
      <section className="page narrow">
        <h1>{t('endpointEdit.endpointCreated')}</h1>
        <SecretNotice secret={secret} onClose={() => navigate('/omnichannel/endpoints')} />
      </section>
    );
  }

  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>{id ? t('endpointEdit.editEndpoint') : t('endpointEdit.newEndpoint')}</h1>
        <div className="actions">
          <Link className="button" to="/omnichannel/endpoints">
            {t('common.cancel')}
          </Link>
        </div>
      </header>
      <form className="card" onSubmit={submit}>
        <TextField
          label={t('endpointEdit.url')}
          type="url"
          required
          placeholder={t('endpointEdit.httpsCrmExampleCom')}
          value={form.url}
          onChange={(e) => set({ url: e.target.value })}
        />
        <EgressFlag url={form.url} />
        <TextField
          label={t('common.description')}
          value={form.description}
          onChange={(e) => set({ description: e.target.value })}
        />
        <fieldset>
          <legend>{t('endpointEdit.events')}</legend>
          {EVENT_TYPES.map((t) => (
            <Check
              key={t}
              label={t}
              checked={form.events.includes(t)}
              onChange={() => set({ events: toggle(form.events, t) })}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('departments.departments')}</legend>
          <p className="hint">{t('endpointEdit.noneCheckedEventsOf')}</p>
          {departments.length === 0 && <p className="muted">{t('endpointEdit.noDepartments')}</p>}
          {departments.map((d) => (
            <Check
              key={d._id}
              label={d.name}
              checked={form.departmentIds.includes(d._id)}
              onChange={() => set({ departmentIds: toggle(form.departmentIds, d._id) })}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('endpointEdit.headers')}</legend>
          {form.headers.map((h, i) => (
            <div className="header-row" key={i}>
              <TextField
                label={t('endpointEdit.headerV1Name', { v1: i + 1 })}
                value={h.name}
                onChange={(e) =>
                  set({ headers: form.headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })
                }
              />
              <TextField
                label={t('endpointEdit.headerV1Value', { v1: i + 1 })}
                value={h.value}
                onChange={(e) =>
                  set({ headers: form.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })
                }
              />
              <button type="button" onClick={() => set({ headers: form.headers.filter((_, j) => j !== i) })}>
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set({ headers: [...form.headers, { name: '', value: '' }] })}>
            {t('endpointEdit.addHeader')}
          </button>
        </fieldset>
        <div className="grid2">
          <TextField
            label={t('endpointEdit.timeoutMs')}
            type="number"
            min={100}
            max={60000}
            value={form.timeoutMs}
            onChange={(e) => set({ timeoutMs: e.target.value })}
          />
          <SelectField
            label={t('endpointEdit.retrySchedule')}
            value={form.retryKind}
            onChange={(e) => set({ retryKind: e.target.value as Form['retryKind'] })}
          >
            <option value="exponential">{t('endpointEdit.exponentialBackoff')}</option>
            <option value="rocketchat">{t('endpointEdit.rocketChatSFixed')}</option>
            <option value="list">{t('endpointEdit.myOwnDelays')}</option>
          </SelectField>
          {form.retryKind === 'list' && (
            <TextField
              label={t('endpointEdit.retryDelaysSeconds')}
              hint={t('endpointEdit.commaSeparatedEG')}
              value={form.delays}
              onChange={(e) => set({ delays: e.target.value })}
            />
          )}
          <SelectField
            label={t('endpointEdit.ordering')}
            value={form.ordering}
            onChange={(e) => set({ ordering: e.target.value as Form['ordering'] })}
          >
            <option value="room">{t('endpointEdit.inOrderPerConversation')}</option>
            <option value="none">{t('endpointEdit.noOrderingFastest')}</option>
          </SelectField>
          <TextField
            label={t('endpointEdit.rateLimitRequestsPer')}
            hint={t('endpointEdit.emptyNoLimit')}
            type="number"
            min={1}
            value={form.rateLimit}
            onChange={(e) => set({ rateLimit: e.target.value })}
          />
          <TextField
            label={t('endpointEdit.maxConcurrentRequests')}
            type="number"
            min={1}
            max={100}
            value={form.maxConcurrency}
            onChange={(e) => set({ maxConcurrency: e.target.value })}
          />
        </div>
        <Check
          label={t('common.enabled')}
          checked={form.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {id ? t('common.save') : t('endpointEdit.createEndpoint')}
        </button>
      </form>
    </section>
  );
}
