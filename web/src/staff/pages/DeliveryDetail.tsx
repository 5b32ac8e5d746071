/**
 * One delivery: the request as sent (headers, body) and each attempt's response; replay; its chat.
 * A held delivery names the one it waits for; a replay that will arrive after newer events of its
 * room says so next to the button (the server counts it: `arriveLate`).
 */
import { useEffect, useRef, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import type { WaitingDelivery } from '../types.ts';
import { Link } from '../router.tsx';
import { t } from '../../i18n/index.ts';

export function DeliveryDetail({
  id,
  tick,
  onClose,
  onReplayed,
  onOpen,
}: {
  id: string;
  tick: number;
  onClose: () => void;
  onReplayed: () => void;
  onOpen?: (id: string) => void;
}) {
  const toast = useToast();
  const { data, error, reload } = useLoad(
    () => api<{ delivery: WaitingDelivery; arriveLate?: number }>('GET', `webhooks/deliveries/${id}`),
    [id, tick],
  );
  const d = data?.delivery;
  // below the list on a narrow screen: bring the opened delivery into view
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    if (window.matchMedia('(max-width: 900px)').matches) box.current?.scrollIntoView({ block: 'start' });
  }, [id]);
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    try {
      await api('POST', `webhooks/deliveries/${id}/replay`);
      toast(t('deliveryDetail.queued'));
      reload();
      onReplayed();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const last = d?.attempts[d.attempts.length - 1];
  return (
    <aside className="detail card" aria-label={t('deliveryDetail.delivery')} ref={box}>
      <header className="page-header">
        <h2>{d ? d.eventType : t('deliveryDetail.delivery')}</h2>
        <div className="actions">
          <button type="button" onClick={replay} disabled={busy || !d}>
            {t('deliveryDetail.replay')}
          </button>
          <button type="button" onClick={onClose} aria-label={t('deliveryDetail.closeDelivery')}>
            ✕
          </button>
        </div>
      </header>
      <ErrorText error={error} />
      {(data?.arriveLate ?? 0) > 0 && (
        <p className="notice small" data-testid="arrive-late">
          {t('deliveryDetail.late')}
        </p>
      )}
      {d && (
        <>
          <dl className="facts">
            <dt>{t('common.status')}</dt>
            <dd data-testid="delivery-status">{d.status}</dd>
            <dt>{t('deliveryDetail.deliveryId')}</dt>
            <dd>{d._id}</dd>
            <dt>{t('deliveryDetail.eventIdWebhookId')}</dt>
            <dd>{d.eventId}</dd>
            {d.rid && (
              <>
                <dt>{t('customFields.chat')}</dt>
                <dd>
                  <Link to={`/omnichannel/chats/${encodeURIComponent(d.rid)}`}>{t('transcript.openTheChat')}</Link>
                </dd>
              </>
            )}
            <dt>{t('common.created')}</dt>
            <dd>{when(d.createdAt)}</dd>
            {d.waitingFor ? (
              <>
                <dt>{t('deliveryDetail.waiting')}</dt>
                <dd>
                  {onOpen ? (
                    <button type="button" className="link" onClick={() => onOpen(d.waitingFor!)}>
                      {d.waitingFor}
                    </button>
                  ) : (
                    d.waitingFor
                  )}{' '}
                  <span className="muted small">({t('deliveryDetail.waitingWhy')})</span>
                </dd>
              </>
            ) : (
              d.nextAttemptAt && (
                <>
                  <dt>{t('deliveryDetail.nextAttempt')}</dt>
                  <dd>{when(d.nextAttemptAt)}</dd>
                </>
              )
            )}
            {d.lastError && (
              <>
                <dt>{t('deliveryDetail.lastError')}</dt>
                <dd className="wrap-words">{d.lastError}</dd>
              </>
            )}
          </dl>
          <h3>{t('transcript.request')}</h3>
          {last ? (
            <pre className="code">
              {Object.entries(last.requestHeaders)
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}
            </pre>
          ) : (
            <p className="muted">{t('deliveryDetail.notSentYet')}</p>
          )}
          <pre className="code">{JSON.stringify(d.event?.body ?? null, null, 2)}</pre>
          <h3>{t('deliveryDetail.attemptsN', { n: d.attempts.length })}</h3>
          <ol className="attempts">
            {d.attempts.map((a) => (
              <li key={a.attempt}>
                <strong>
                  #{a.attempt}: {a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.errorClass ?? 'no response')}
                </strong>{' '}
                <span className="muted">
                  {when(a.startedAt)}
                  {a.durationMs !== null && ` · ${a.durationMs} ms`}
                </span>
                {a.errorMessage && <p className="error wrap-words">{a.errorMessage}</p>}
                {a.responseHeaders && (
                  <pre className="code">
                    {Object.entries(a.responseHeaders)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join('\n')}
                  </pre>
                )}
                {a.responseBody ? (
                  <pre className="code">{a.responseBody}</pre>
                ) : (
                  <p className="muted small">{t('deliveryDetail.emptyResponseBody')}</p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
