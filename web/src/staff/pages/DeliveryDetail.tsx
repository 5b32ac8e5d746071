/** One delivery: the request as sent (headers, body) and each attempt's response; replay; its chat. */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import type { Delivery } from '../types.ts';
import { Link } from '../router.tsx';

export function DeliveryDetail({
  id,
  tick,
  onClose,
  onReplayed,
}: {
  id: string;
  tick: number;
  onClose: () => void;
  onReplayed: () => void;
}) {
  const toast = useToast();
  const {
    data: d,
    error,
    reload,
  } = useLoad(
    () => api<{ delivery: Delivery }>('GET', `webhooks/deliveries/${id}`).then((r) => r.delivery),
    [id, tick],
  );
  const [busy, setBusy] = useState(false);
  const replay = async () => {
    setBusy(true);
    try {
      await api('POST', `webhooks/deliveries/${id}/replay`);
      toast('Replay queued');
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
    <aside className="detail card" aria-label="Delivery">
      <header className="page-header">
        <h2>{d ? d.eventType : 'Delivery'}</h2>
        <div className="actions">
          <button type="button" onClick={replay} disabled={busy || !d}>
            Replay
          </button>
          <button type="button" onClick={onClose} aria-label="Close delivery">
            ✕
          </button>
        </div>
      </header>
      <ErrorText error={error} />
      {d && (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd data-testid="delivery-status">{d.status}</dd>
            <dt>Delivery id</dt>
            <dd>{d._id}</dd>
            <dt>Event id (webhook-id)</dt>
            <dd>{d.eventId}</dd>
            {d.rid && (
              <>
                <dt>Chat</dt>
                <dd>
                  <Link to={`/omnichannel/chats/${encodeURIComponent(d.rid)}`}>Open the chat</Link>
                </dd>
              </>
            )}
            <dt>Created</dt>
            <dd>{when(d.createdAt)}</dd>
            {d.nextAttemptAt && (
              <>
                <dt>Next attempt</dt>
                <dd>{when(d.nextAttemptAt)}</dd>
              </>
            )}
            {d.lastError && (
              <>
                <dt>Last error</dt>
                <dd>{d.lastError}</dd>
              </>
            )}
          </dl>
          <h3>Request</h3>
          {last ? (
            <pre className="code">
              {Object.entries(last.requestHeaders)
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}
            </pre>
          ) : (
            <p className="muted">Not sent yet.</p>
          )}
          <pre className="code">{JSON.stringify(d.event?.body ?? null, null, 2)}</pre>
          <h3>Attempts ({d.attempts.length})</h3>
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
                {a.errorMessage && <p className="error">{a.errorMessage}</p>}
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
                  <p className="muted small">(empty response body)</p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
