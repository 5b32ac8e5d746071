/**
 * Webhook endpoints with their health at a glance: success rate and attempts of the last 24 h,
 * backlog and its age, the last error, and whether the endpoint is paused or disabled and why.
 * What needs attention says so (issue 17): "N failed, needs attention" links to the delivery log
 * filtered to those deliveries; a paused endpoint shows the breaker's reason and "Resume now";
 * an endpoint the egress policy refuses says "Blocked by egress policy". The menu shows the same
 * count (FailedMenuBadge). Secrets are shown once (on create and rotate); tests queue a sample
 * event of a chosen type. Below about 700 px the table becomes one card per endpoint.
 */
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import { EVENT_TYPES, endpointLabel } from '../types.ts';
import type { AttentionEndpoint, Endpoint } from '../types.ts';
import { SecretNotice } from './SecretNotice.tsx';
import { t } from '../../i18n/index.ts';

const T = {
  cols: () => [
    t('common.endpoint'),
    t('endpoints.state'),
    t('endpoints.success24h'),
    t('endpoints.backlog'),
    t('endpoints.lastErrorCol'),
    t('common.actions'),
  ],
  pauseWhy: (n: number) => t('endpoints.theBreakerPausedIt', { n: n }),
  resumed: (due: number) => t('endpoints.resumedDueDeliveriesDue', { due: due }),
  failed: (n: number) => t('endpoints.failed', { n }),
  attempts: (n: number) => t('endpoints.attempts', { n }),
  oldest: (age: string) => t('endpoints.oldest', { age }),
  confirmDelete: (url: string) => t('endpoints.deleteTheEndpointUrl', { url: url }),
  testQueued: (type: string) => t('endpoints.testTypeQueuedSee', { type: type }),
};

/** The delivery log filtered to an endpoint's failed deliveries. */
export const failedLink = (endpointId: string) =>
  `/omnichannel/deliveries?endpointId=${encodeURIComponent(endpointId)}&status=failed`;

function lastErrorText(e: AttentionEndpoint): string {
  const l = e.health?.lastError;
  if (!l) return '';
  const status = l.statusCode ? `HTTP ${l.statusCode}` : undefined;
  // an HTTP failure's class and message only repeat the status
  const cls = status && l.errorClass === 'http' ? undefined : l.errorClass;
  const message = l.message === status ? undefined : l.message;
  return [status, cls, message].filter(Boolean).join(' · ');
}

function age(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** The endpoint's state, and why when it is not simply active; `onResume` offers "Resume now" when paused. */
export function State({ e, onResume }: { e: AttentionEndpoint; onResume?: () => void }) {
  const h = e.health;
  const egress = h?.blockedByEgress ? (
    <p className="state-why small">
      <span className="badge bad">{t('endpoints.egress')}</span> {t('endpoints.egressHint')}
    </p>
  ) : null;
  if (!e.enabled)
    return (
      <span className="badge bad wrap-words">
        {t('endpoints.disabled')}
        {e.disabledReason ? `: ${e.disabledReason}` : ''}
      </span>
    );
  if (e.pausedUntil && Date.parse(e.pausedUntil) > Date.now()) {
    return (
      <div className="state">
        <span className="badge warn">
          {t('endpoints.pausedUntil')} {when(e.pausedUntil)}
        </span>
        <p className="state-why small wrap-words">
          {T.pauseWhy(h?.consecutiveFailures ?? 0)}
          {h?.lastError && !h.blockedByEgress ? `; ${t('endpoints.lastError')}: ${lastErrorText(e)}` : ''}.
        </p>
        {egress}
        {onResume && (
          <button type="button" onClick={onResume}>
            {t('endpoints.resume')}
          </button>
        )}
      </div>
    );
  }
  if (h?.blockedByEgress) return <div className="state">{egress}</div>;
  if (e.failingSince)
    return (
      <span className="badge warn">
        {t('endpoints.failingSince')} {when(e.failingSince)}
      </span>
    );
  return <span className="badge good">{t('common.active')}</span>;
}

/** "N failed, needs attention", linking to those deliveries; nothing when none failed. */
export function FailedLink({ e }: { e: AttentionEndpoint }) {
  const n = e.health?.failed ?? 0;
  if (n === 0) return null;
  return (
    <Link className="badge bad attention" to={failedLink(e._id)}>
      {T.failed(n)}
    </Link>
  );
}

/**
 * The menu's count of failed deliveries over every endpoint: reloads when deliveries change
 * (SSE `delivery`, at most every 2 s). Links to the log's failed deliveries.
 */
export function FailedMenuBadge() {
  const [n, setN] = useState(0);
  const load = () =>
    api<{ endpoints: AttentionEndpoint[] }>('GET', 'webhooks/endpoints').then(
      (r) => setN(r.endpoints.reduce((sum, e) => sum + (e.health?.failed ?? 0), 0)),
      () => undefined,
    );
  useEffect(() => void load(), []);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLive((kind) => {
    if (kind !== 'delivery' && kind !== 'ready') return;
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void load();
    }, 2000);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  if (n === 0) return null;
  return (
    <Link className="badge bad menu-badge" data-testid="menu-failed" to="/omnichannel/deliveries?status=failed">
      {T.failed(n)}
    </Link>
  );
}

export function EndpointsPage() {
  const toast = useToast();
  const { data, error, reload } = useLoad(
    () => api<{ endpoints: AttentionEndpoint[] }>('GET', 'webhooks/endpoints').then((r) => r.endpoints),
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
    }, t('endpoints.rotated'));
  const remove = (e: Endpoint) => {
    if (!confirm(T.confirmDelete(e.url))) return;
    void run(() => api('DELETE', `webhooks/endpoints/${e._id}`), t('common.deleted'));
  };
  const test = (e: Endpoint) => {
    const type = testType[e._id] ?? e.events[0] ?? 'LivechatSession';
    void run(() => api('POST', `webhooks/endpoints/${e._id}/test`, { body: { type } }), T.testQueued(type));
  };
  const resume = (e: Endpoint) =>
    void run(async () => {
      const r = await api<{ due: number }>('POST', `webhooks/endpoints/${e._id}/resume`);
      toast(T.resumed(r.due));
    });

  return (
    <section className="page endpoints-page">
      <header className="page-header">
        <h1>{t('endpoints.title')}</h1>
        <div className="actions">
          <Link className="button primary" to="/omnichannel/endpoints/new">
            {t('endpoints.newEndpoint')}
          </Link>
        </div>
      </header>
      {secret && <SecretNotice secret={secret.secret} onClose={() => setSecret(undefined)} />}
      <ErrorText error={error} />
      {data && data.length === 0 && <p className="muted">{t('endpoints.none')}</p>}
      {data && data.length > 0 && (
        <table className="table cards">
          <thead>
            <tr>
              {T.cols().map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((e) => {
              const h = e.health;
              return (
                <tr key={e._id} data-endpoint={e._id}>
                  <td data-label={T.cols()[0]}>
                    <strong className="wrap">{endpointLabel(e)}</strong>
                    <div className="muted small">{e.events.join(', ') || t('endpoints.noEvents')}</div>
                    <FailedLink e={e} />
                  </td>
                  <td data-label={T.cols()[1]}>
                    <State e={e} onResume={() => resume(e)} />
                  </td>
                  <td data-label={T.cols()[2]}>
                    {h?.successRate24h == null ? '–' : `${Math.round(h.successRate24h * 100)} %`}
                    <div className="muted small">{T.attempts(h?.attempts24h ?? 0)}</div>
                  </td>
                  <td data-label={T.cols()[3]}>
                    {h?.backlog ?? 0}
                    {h?.oldestPendingAgeMs != null && (
                      <div className="muted small">{T.oldest(age(h.oldestPendingAgeMs))}</div>
                    )}
                  </td>
                  <td data-label={T.cols()[4]} className="small wrap-words">
                    {h?.lastError ? (
                      <>
                        {lastErrorText(e)}
                        <div className="muted">{when(h.lastError.at)}</div>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td data-label={T.cols()[5]}>
                    <div className="row-actions">
                      {e.kind === 'rocketchat' ? (
                        <Link to="/omnichannel/webhooks">{t('endpoints.configure')}</Link>
                      ) : (
                        <>
                          <Link to={`/omnichannel/endpoints/${e._id}`}>{t('common.edit')}</Link>
                          <span className="inline">
                            <label className="sr-only" htmlFor={`test-${e._id}`}>
                              {t('endpoints.testType')}
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
                              {t('endpoints.sendTest')}
                            </button>
                          </span>
                          <button type="button" onClick={() => void rotate(e)}>
                            {t('endpoints.rotate')}
                          </button>
                          <button type="button" className="danger" onClick={() => remove(e)}>
                            {t('common.delete')}
                          </button>
                        </>
                      )}
                      <Link to={`/omnichannel/deliveries?endpointId=${e._id}`}>{t('endpoints.deliveries')}</Link>
                    </div>
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
