/**
 * Webhook endpoints with their health at a glance: success rate and attempts of the last 24 h,
 * backlog and its age, the last error, and whether the endpoint is paused or disabled and why.
 * Secrets are shown once (on create and rotate); tests queue a sample event of a chosen type.
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import { EVENT_TYPES, endpointLabel } from '../types.ts';
import type { Endpoint } from '../types.ts';
import { SecretNotice } from './SecretNotice.tsx';

function age(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

export function State({ e }: { e: Endpoint }) {
  if (!e.enabled) return <span className="badge bad">Disabled{e.disabledReason ? `: ${e.disabledReason}` : ''}</span>;
  if (e.pausedUntil && Date.parse(e.pausedUntil) > Date.now())
    return <span className="badge warn">Paused until {when(e.pausedUntil)}</span>;
  if (e.failingSince) return <span className="badge warn">Failing since {when(e.failingSince)}</span>;
  return <span className="badge good">Active</span>;
}

export function EndpointsPage() {
  const toast = useToast();
  const { data, error, reload } = useLoad(
    () => api<{ endpoints: Endpoint[] }>('GET', 'webhooks/endpoints').then((r) => r.endpoints),
    [],
  );
  const [secret, setSecret] = useState<{ id: string; secret: string }>();
  const [testType, setTestType] = useState<Record<string, string>>({});
  useLive((kind) => {
    if (kind === 'delivery') reload();
  });

  const run = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) toast(done);
      reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const rotate = (e: Endpoint) =>
    run(async () => {
      const r = await api<{ endpoint: Endpoint }>('POST', `webhooks/endpoints/${e._id}/rotate-secret`, {
        body: { graceSeconds: 86_400 },
      });
      setSecret({ id: e._id, secret: r.endpoint.secret ?? '' });
    }, 'Secret rotated; the previous one stays valid for 24 hours');
  const remove = (e: Endpoint) => {
    if (!confirm(`Delete the endpoint ${e.url}? Its deliveries stay in the log.`)) return;
    void run(() => api('DELETE', `webhooks/endpoints/${e._id}`), 'Deleted');
  };
  const test = (e: Endpoint) => {
    const type = testType[e._id] ?? e.events[0] ?? 'LivechatSession';
    void run(
      () => api('POST', `webhooks/endpoints/${e._id}/test`, { body: { type } }),
      `Test ${type} queued; see Deliveries`,
    );
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>Endpoints</h1>
        <div className="actions">
          <Link className="button primary" to="/omnichannel/endpoints/new">
            New endpoint
          </Link>
        </div>
      </header>
      {secret && <SecretNotice secret={secret.secret} onClose={() => setSecret(undefined)} />}
      <ErrorText error={error} />
      {data && data.length === 0 && <p className="muted">No endpoints yet.</p>}
      {data && data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Endpoint</th>
              <th scope="col">State</th>
              <th scope="col">Success (24 h)</th>
              <th scope="col">Backlog</th>
              <th scope="col">Last error</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {data.map((e) => {
              const h = e.health;
              return (
                <tr key={e._id} data-endpoint={e._id}>
                  <td>
                    <strong className="wrap">{endpointLabel(e)}</strong>
                    <div className="muted small">{e.events.join(', ') || 'no events'}</div>
                  </td>
                  <td>
                    <State e={e} />
                  </td>
                  <td>
                    {h?.successRate24h == null ? '–' : `${Math.round(h.successRate24h * 100)} %`}
                    <div className="muted small">{h?.attempts24h ?? 0} attempts</div>
                  </td>
                  <td>
                    {h?.backlog ?? 0}
                    {h?.oldestPendingAgeMs != null && (
                      <div className="muted small">oldest {age(h.oldestPendingAgeMs)}</div>
                    )}
                  </td>
                  <td className="wrap small">
                    {h?.lastError ? (
                      <>
                        {[
                          h.lastError.statusCode && `HTTP ${h.lastError.statusCode}`,
                          h.lastError.errorClass,
                          h.lastError.message,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                        <div className="muted">{when(h.lastError.at)}</div>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td className="row-actions">
                    {e.kind === 'rocketchat' ? (
                      <Link to="/omnichannel/webhooks">Configure on the Webhooks page</Link>
                    ) : (
                      <>
                        <Link to={`/omnichannel/endpoints/${e._id}`}>Edit</Link>
                        <span className="inline">
                          <label className="sr-only" htmlFor={`test-${e._id}`}>
                            Test event type
                          </label>
                          <select
                            id={`test-${e._id}`}
                            value={testType[e._id] ?? e.events[0] ?? 'LivechatSession'}
                            onChange={(ev) => setTestType({ ...testType, [e._id]: ev.target.value })}
                          >
                            {EVENT_TYPES.map((t) => (
                              <option key={t}>{t}</option>
                            ))}
                          </select>
                          <button type="button" onClick={() => test(e)}>
                            Send test
                          </button>
                        </span>
                        <button type="button" onClick={() => void rotate(e)}>
                          Rotate secret
                        </button>
                        <button type="button" className="danger" onClick={() => remove(e)}>
                          Delete
                        </button>
                      </>
                    )}
                    <Link to={`/omnichannel/deliveries?endpointId=${e._id}`}>Deliveries</Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
