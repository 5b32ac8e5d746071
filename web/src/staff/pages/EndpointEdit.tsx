/** Create or edit a webhook endpoint: events, departments, headers, retry schedule, ordering, rate limit. */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { Link, navigate } from '../router.tsx';
import { Check, ErrorText, SelectField, TextField } from '../ui.tsx';
import { EVENT_TYPES } from '../types.ts';
import type { Department, Endpoint } from '../types.ts';
import { SecretNotice } from './SecretNotice.tsx';

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
    throw new Error('Retry delays must be numbers of seconds, separated by commas');
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

  if (!form) return error ? <ErrorText error={error} /> : <p className="loading">Loading…</p>;
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
        <h1>Endpoint created</h1>
        <SecretNotice secret={secret} onClose={() => navigate('/omnichannel/endpoints')} />
      </section>
    );
  }

  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>{id ? 'Edit endpoint' : 'New endpoint'}</h1>
        <div className="actions">
          <Link className="button" to="/omnichannel/endpoints">
            Cancel
          </Link>
        </div>
      </header>
      <form className="card" onSubmit={submit}>
        <TextField
          label="URL"
          type="url"
          required
          placeholder="https://crm.example.com/hooks/omnihook"
          value={form.url}
          onChange={(e) => set({ url: e.target.value })}
        />
        <TextField
          label="Description"
          value={form.description}
          onChange={(e) => set({ description: e.target.value })}
        />
        <fieldset>
          <legend>Events</legend>
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
          <legend>Departments</legend>
          <p className="hint">None checked: events of every department (and of rooms without one).</p>
          {departments.length === 0 && <p className="muted">No departments.</p>}
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
          <legend>Headers</legend>
          {form.headers.map((h, i) => (
            <div className="header-row" key={i}>
              <TextField
                label={`Header ${i + 1} name`}
                value={h.name}
                onChange={(e) =>
                  set({ headers: form.headers.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })
                }
              />
              <TextField
                label={`Header ${i + 1} value`}
                value={h.value}
                onChange={(e) =>
                  set({ headers: form.headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) })
                }
              />
              <button type="button" onClick={() => set({ headers: form.headers.filter((_, j) => j !== i) })}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set({ headers: [...form.headers, { name: '', value: '' }] })}>
            Add header
          </button>
        </fieldset>
        <div className="grid2">
          <TextField
            label="Timeout (ms)"
            type="number"
            min={100}
            max={60000}
            value={form.timeoutMs}
            onChange={(e) => set({ timeoutMs: e.target.value })}
          />
          <SelectField
            label="Retry schedule"
            value={form.retryKind}
            onChange={(e) => set({ retryKind: e.target.value as Form['retryKind'] })}
          >
            <option value="exponential">Exponential backoff</option>
            <option value="rocketchat">Rocket.Chat's (fixed delay)</option>
            <option value="list">My own delays</option>
          </SelectField>
          {form.retryKind === 'list' && (
            <TextField
              label="Retry delays (seconds)"
              hint="Comma separated, e.g. 10, 60, 300"
              value={form.delays}
              onChange={(e) => set({ delays: e.target.value })}
            />
          )}
          <SelectField
            label="Ordering"
            value={form.ordering}
            onChange={(e) => set({ ordering: e.target.value as Form['ordering'] })}
          >
            <option value="room">In order per conversation</option>
            <option value="none">No ordering (fastest)</option>
          </SelectField>
          <TextField
            label="Rate limit (requests per second)"
            hint="Empty: no limit"
            type="number"
            min={1}
            value={form.rateLimit}
            onChange={(e) => set({ rateLimit: e.target.value })}
          />
          <TextField
            label="Max concurrent requests"
            type="number"
            min={1}
            max={100}
            value={form.maxConcurrency}
            onChange={(e) => set({ maxConcurrency: e.target.value })}
          />
        </div>
        <Check label="Enabled" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        <ErrorText error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {id ? 'Save' : 'Create endpoint'}
        </button>
      </form>
    </section>
  );
}
