/**
 * One conversation's deliveries to every endpoint (issue 17): opened from a chat ("Deliveries")
 * or by typing a room id. Lists each delivery with its endpoint, status and times, oldest first,
 * and resends a selection (each one replayed: same body, same webhook-id). Resent events are
 * outside per-room order; the server counts those that arrive after a newer event of the room
 * already delivered, and the page says so. Live: reloads when deliveries change.
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorText, TextField, useLoad, useToast, when } from '../ui.tsx';
import { endpointLabel } from '../types.ts';
import type { Endpoint, WaitingDelivery } from '../types.ts';
import { t } from '../../i18n/index.ts';
import { deliveryStatusText } from '../delivery-status.ts';

const T = {
  cols: () => [
    t('common.select'),
    t('common.event'),
    t('common.endpoint'),
    t('common.status'),
    t('common.attempts'),
    t('roomDeliveries.lastChange'),
  ],
  select: (type: string, endpoint: string) =>
    t('roomDeliveries.selectTypeToEndpoint', { type: type, endpoint: endpoint }),
  resend: (n: number) => t('roomDeliveries.resendSelectedN', { n: n }),
  resent: (n: number) => t('roomDeliveries.resent', { n }),
  late: (n: number) => t('roomDeliveries.late', { n }),
  count: (n: number) => t('deliveries.count', { n }),
};

function badge(status: string) {
  return status === 'succeeded' ? 'good' : status === 'failed' ? 'bad' : 'warn';
}

export function RoomDeliveriesPage() {
  const toast = useToast();
  const rid = new URLSearchParams(location.search).get('roomId') ?? '';
  const [input, setInput] = useState(rid);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [late, setLate] = useState<string>();
  const [busy, setBusy] = useState(false);
  const endpoints = useLoad(
    () => api<{ endpoints: Endpoint[] }>('GET', 'webhooks/endpoints').then((r) => r.endpoints),
    [],
  );
  const list = useLoad(
    () =>
      rid
        ? api<{ deliveries: WaitingDelivery[] }>('GET', `webhooks/rooms/${encodeURIComponent(rid)}/deliveries`).then(
            (r) => r.deliveries,
          )
        : Promise.resolve([] as WaitingDelivery[]),
    [rid],
  );
  useEffect(() => {
    setSelected(new Set());
    setLate(undefined);
    setInput(rid);
  }, [rid]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLive((kind) => {
    if (kind !== 'delivery' && kind !== 'ready') return;
    clearTimeout(timer.current);
    timer.current = setTimeout(list.reload, 500);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const names = new Map((endpoints.data ?? []).map((e) => [e._id, endpointLabel(e)]));
  const rows = list.data ?? [];
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const show = (e: FormEvent) => {
    e.preventDefault();
    const id = input.trim();
    navigate(`/omnichannel/room-deliveries${id ? `?roomId=${encodeURIComponent(id)}` : ''}`);
  };
  const resend = async () => {
    setBusy(true);
    setLate(undefined);
    try {
      const r = await api<{ resent: number; arriveLate: number }>(
        'POST',
        `webhooks/rooms/${encodeURIComponent(rid)}/deliveries/resend`,
        { body: { deliveryIds: [...selected] } },
      );
      toast(T.resent(r.resent));
      if (r.arriveLate > 0) setLate(T.late(r.arriveLate));
      setSelected(new Set());
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page room-deliveries">
      <header className="page-header">
        <h1>{t('roomDeliveries.title')}</h1>
        {rid && (
          <div className="actions">
            <Link to={`/omnichannel/chats/${encodeURIComponent(rid)}`}>{t('transcript.openTheChat')}</Link>
            <Link to={`/omnichannel/deliveries?roomId=${encodeURIComponent(rid)}`}>{t('roomDeliveries.log')}</Link>
          </div>
        )}
      </header>
      <form className="filters" onSubmit={show} aria-label={t('roomDeliveries.roomId')}>
        <TextField label={t('roomDeliveries.roomId')} value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit" className="filters-submit">
          {t('offlineMessages.show')}
        </button>
      </form>
      <ErrorText error={list.error} />
      {!rid && <p className="muted">{t('roomDeliveries.enterRoom')}</p>}
      {late && (
        <p className="notice" role="status" data-testid="resend-late">
          {late}
        </p>
      )}
      {rid && list.data && rows.length === 0 && <p className="muted">{t('roomDeliveries.none')}</p>}
      {rows.length > 0 && (
        <>
          <div className="row-actions room-deliveries-actions">
            <span className="muted">{T.count(rows.length)}</span>
            <button
              type="button"
              onClick={() => setSelected(new Set(rows.filter((d) => d.status === 'failed').map((d) => d._id)))}
            >
              {t('roomDeliveries.selectFailed')}
            </button>
            <button type="button" className="primary" disabled={busy || selected.size === 0} onClick={resend}>
              {T.resend(selected.size)}
            </button>
          </div>
          <table className="table cards">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('roomDeliveries.selectAll')}
                    checked={selected.size === rows.length}
                    onChange={(e) => setSelected(new Set(e.target.checked ? rows.map((d) => d._id) : []))}
                  />
                </th>
                {T.cols()
                  .slice(1)
                  .map((c) => (
                    <th scope="col" key={c}>
                      {c}
                    </th>
                  ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const endpoint = names.get(d.endpointId) ?? d.endpointId;
                return (
                  <tr key={d._id} data-delivery={d._id} className={selected.has(d._id) ? 'selected' : undefined}>
                    <td data-label={T.cols()[0]}>
                      <input
                        type="checkbox"
                        aria-label={T.select(d.eventType, endpoint)}
                        checked={selected.has(d._id)}
                        onChange={() => toggle(d._id)}
                      />
                    </td>
                    <td data-label={T.cols()[1]}>
                      {d.eventType}
                      <div className="muted small">{when(d.createdAt)}</div>
                    </td>
                    <td data-label={T.cols()[2]} className="wrap small">
                      {endpoint}
                    </td>
                    <td data-label={T.cols()[3]}>
                      <span className={`badge ${badge(d.status)}`}>{deliveryStatusText(d.status)}</span>
                      {d.lastStatusCode !== null && (
                        // i18n-ignore: the protocol's own words
                        <div className="muted small">HTTP {d.lastStatusCode}</div>
                      )}
                      {d.waitingFor && <div className="muted small">{t('roomDeliveries.waiting')}</div>}
                      {d.lastError && d.status !== 'succeeded' && <div className="small wrap-words">{d.lastError}</div>}
                    </td>
                    <td data-label={T.cols()[4]}>{d.attemptCount}</td>
                    <td data-label={T.cols()[5]} className="small">
                      {when(d.completedAt ?? d.createdAt)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
