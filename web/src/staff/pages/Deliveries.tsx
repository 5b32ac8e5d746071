/**
 * The delivery log: filter by endpoint, status, event type, room and time; open a delivery to see
 * its request and every attempt's response; replay it; recover a time range of failures. A room's
 * deliveries open from its chat (?roomId=), and each delivery links back to its chat. The list
 * reloads when the server reports a delivery change (SSE `delivery`), at most every half second.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, SelectField, TextField, toIso, useLoad, when } from '../ui.tsx';
import { EVENT_TYPES, endpointLabel } from '../types.ts';
import type { Delivery, Endpoint } from '../types.ts';
import { DeliveryDetail } from './DeliveryDetail.tsx';
import { RecoverForm } from './RecoverForm.tsx';

interface Filters {
  endpointId: string;
  status: string;
  eventType: string;
  roomId: string;
  since: string;
  until: string;
}

const PAGE = 25;

export function DeliveriesPage() {
  const initial = new URLSearchParams(location.search);
  const [filters, setFilters] = useState<Filters>({
    endpointId: initial.get('endpointId') ?? '',
    status: initial.get('status') ?? '',
    eventType: initial.get('eventType') ?? '',
    // a chat's panel links here with its room id (?roomId=)
    roomId: initial.get('roomId') ?? '',
    since: '',
    until: '',
  });
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string>();
  const endpoints = useLoad(
    () => api<{ endpoints: Endpoint[] }>('GET', 'webhooks/endpoints').then((r) => r.endpoints),
    [],
  );
  const list = useLoad(
    () =>
      api<{ deliveries: Delivery[]; total: number }>('GET', 'webhooks/deliveries', {
        query: {
          endpointId: filters.endpointId,
          status: filters.status,
          eventType: filters.eventType,
          roomId: filters.roomId.trim(),
          since: toIso(filters.since),
          until: toIso(filters.until),
          count: PAGE,
          offset,
        },
      }),
    [JSON.stringify(filters), offset],
  );
  const [detailTick, setDetailTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useLive((kind, data) => {
    if (kind !== 'delivery' && kind !== 'ready') return;
    if (data.deliveryId && data.deliveryId === openId) setDetailTick((t) => t + 1);
    clearTimeout(timer.current);
    timer.current = setTimeout(list.reload, 500);
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const set = (patch: Partial<Filters>) => {
    setFilters({ ...filters, ...patch });
    setOffset(0);
  };
  const names = new Map((endpoints.data ?? []).map((e) => [e._id, endpointLabel(e)]));
  const total = list.data?.total ?? 0;

  return (
    <section className="page">
      <header className="page-header">
        <h1>Deliveries</h1>
        <span className="muted" aria-live="polite">
          {list.data ? `${total} deliveries` : ''}
        </span>
      </header>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Endpoint" value={filters.endpointId} onChange={(e) => set({ endpointId: e.target.value })}>
          <option value="">All endpoints</option>
          {(endpoints.data ?? []).map((e) => (
            <option key={e._id} value={e._id}>
              {endpointLabel(e)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" value={filters.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">Any status</option>
          <option value="pending">Pending</option>
          <option value="succeeded">Succeeded</option>
          <option value="failed">Failed</option>
        </SelectField>
        <SelectField label="Event type" value={filters.eventType} onChange={(e) => set({ eventType: e.target.value })}>
          <option value="">Any event</option>
          {EVENT_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </SelectField>
        <TextField label="Room id" value={filters.roomId} onChange={(e) => set({ roomId: e.target.value })} />
        <TextField
          label="From"
          type="datetime-local"
          value={filters.since}
          onChange={(e) => set({ since: e.target.value })}
        />
        <TextField
          label="To"
          type="datetime-local"
          value={filters.until}
          onChange={(e) => set({ until: e.target.value })}
        />
      </form>
      <ErrorText error={list.error} />
      <div className="split">
        <table className="table deliveries">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Event</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.deliveries ?? []).map((d) => (
              <tr key={d._id} className={d._id === openId ? 'selected' : undefined} data-delivery={d._id}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setOpenId(d._id)}
                    aria-label={`Open delivery ${d.eventType} ${when(d.createdAt)}`}
                  >
                    {when(d.createdAt)}
                  </button>
                </td>
                <td>
                  {d.eventType}
                  {d.rid && (
                    <div className="muted small">
                      <Link to={`/omnichannel/chats/${encodeURIComponent(d.rid)}`} aria-label={`Open chat ${d.rid}`}>
                        chat {d.rid}
                      </Link>
                    </div>
                  )}
                </td>
                <td className="wrap small">{names.get(d.endpointId) ?? d.endpointId}</td>
                <td>
                  <span
                    className={`badge ${d.status === 'succeeded' ? 'good' : d.status === 'failed' ? 'bad' : 'warn'}`}
                  >
                    {d.status}
                  </span>
                  {d.lastStatusCode !== null && <div className="muted small">HTTP {d.lastStatusCode}</div>}
                </td>
                <td>{d.attemptCount}</td>
              </tr>
            ))}
            {list.data && list.data.deliveries.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No deliveries match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {openId && (
          <DeliveryDetail id={openId} tick={detailTick} onClose={() => setOpenId(undefined)} onReplayed={list.reload} />
        )}
      </div>
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Newer
        </button>
        <span className="muted">
          {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
        </span>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Older
        </button>
      </nav>
      <RecoverForm endpoints={endpoints.data ?? []} onDone={list.reload} />
    </section>
  );
}
