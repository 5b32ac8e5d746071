/**
 * The delivery log: filter by endpoint, status, event type, room and time; open a delivery to see
 * its request and every attempt's response; replay it; recover a time range of failures. A room's
 * deliveries open from its chat (?roomId=), and each delivery links back to its chat. The list
 * reloads when the server reports a delivery change (SSE `delivery`), at most every half second.
 * The filters follow the address (?endpointId=&status=failed from "N failed, needs attention"),
 * also when a link is followed while the page is open. A delivery held behind an older one of its
 * room says which ("waiting for delivery X of this room") and opens it. Below about 700 px the
 * table becomes one card per delivery.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { Link, usePath } from '../router.tsx';
import { ErrorText, SelectField, TextField, toIso, useLoad, when } from '../ui.tsx';
import { EVENT_TYPES, endpointLabel } from '../types.ts';
import type { Endpoint, WaitingDelivery } from '../types.ts';
import { DeliveryDetail } from './DeliveryDetail.tsx';
import { RecoverForm } from './RecoverForm.tsx';
import { t } from '../../i18n/index.ts';
import { deliveryStatusText } from '../delivery-status.ts';

interface Filters {
  endpointId: string;
  status: string;
  eventType: string;
  roomId: string;
  since: string;
  until: string;
}

const PAGE = 25;

const T = {
  count: (n: number) => t('deliveries.count', { n }),
  cols: () => [t('common.created'), t('common.event'), t('common.endpoint'), t('common.status'), t('common.attempts')],
};

function filtersOf(search: string): Filters {
  const q = new URLSearchParams(search);
  return {
    endpointId: q.get('endpointId') ?? '',
    status: q.get('status') ?? '',
    eventType: q.get('eventType') ?? '',
    // a chat's panel links here with its room id (?roomId=)
    roomId: q.get('roomId') ?? '',
    since: '',
    until: '',
  };
}

/** "waiting for delivery X of this room", X opening that delivery. */
export function WaitingFor({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  return (
    <div className="muted small waiting-for">
      {t('deliveries.waiting')}{' '}
      <button type="button" className="link" onClick={() => onOpen(id)} data-testid="waiting-for">
        {id}
      </button>{' '}
      {t('deliveries.ofRoom')}
    </div>
  );
}

export function DeliveriesPage() {
  const path = usePath();
  const search = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  const [filters, setFilters] = useState<Filters>(() => filtersOf(search));
  // a link followed while the page is open (the menu's failed count) sets the filters again
  const seen = useRef(search);
  useEffect(() => {
    if (seen.current === search) return;
    seen.current = search;
    setFilters(filtersOf(search));
    setOffset(0);
  }, [search]);
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string>();
  const endpoints = useLoad(
    () => api<{ endpoints: Endpoint[] }>('GET', 'webhooks/endpoints').then((r) => r.endpoints),
    [],
  );
  const list = useLoad(
    () =>
      api<{ deliveries: WaitingDelivery[]; total: number }>('GET', 'webhooks/deliveries', {
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
        <h1>{t('endpoints.deliveries')}</h1>
        <span className="muted" aria-live="polite">
          {list.data ? T.count(total) : ''}
        </span>
      </header>
      <form className="filters" aria-label={t('common.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('deliveries.endpoint')}
          value={filters.endpointId}
          onChange={(e) => set({ endpointId: e.target.value })}
        >
          <option value="">{t('deliveries.allEndpoints')}</option>
          {(endpoints.data ?? []).map((e) => (
            <option key={e._id} value={e._id}>
              {endpointLabel(e)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('common.status')}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value })}
        >
          <option value="">{t('deliveries.anyStatus')}</option>
          <option value="pending">{t('deliveries.pending')}</option>
          <option value="succeeded">{t('deliveries.succeeded')}</option>
          <option value="failed">{t('deliveries.failed')}</option>
        </SelectField>
        <SelectField
          label={t('deliveries.eventType')}
          value={filters.eventType}
          onChange={(e) => set({ eventType: e.target.value })}
        >
          <option value="">{t('deliveries.anyEvent')}</option>
          {EVENT_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </SelectField>
        <TextField
          label={t('deliveries.roomId')}
          value={filters.roomId}
          onChange={(e) => set({ roomId: e.target.value })}
        />
        <TextField
          label={t('businessHours.from')}
          type="datetime-local"
          value={filters.since}
          onChange={(e) => set({ since: e.target.value })}
        />
        <TextField
          label={t('businessHours.to')}
          type="datetime-local"
          value={filters.until}
          onChange={(e) => set({ until: e.target.value })}
        />
      </form>
      <ErrorText error={list.error} />
      <div className="split">
        <table className="table deliveries cards">
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
            {(list.data?.deliveries ?? []).map((d) => (
              <tr key={d._id} className={d._id === openId ? 'selected' : undefined} data-delivery={d._id}>
                <td data-label={T.cols()[0]}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setOpenId(d._id)}
                    aria-label={t('deliveries.openDeliveryEventtypeV2', {
                      eventType: d.eventType,
                      v2: when(d.createdAt),
                    })}
                  >
                    {when(d.createdAt)}
                  </button>
                </td>
                <td data-label={T.cols()[1]}>
                  {d.eventType}
                  {d.rid && (
                    <div className="muted small">
                      <Link
                        to={`/omnichannel/chats/${encodeURIComponent(d.rid)}`}
                        aria-label={t('deliveries.openChatRid', { rid: d.rid })}
                      >
                        {t('deliveries.chatRid', { rid: d.rid })}
                      </Link>
                    </div>
                  )}
                </td>
                <td data-label={T.cols()[2]} className="wrap small">
                  {names.get(d.endpointId) ?? d.endpointId}
                </td>
                <td data-label={T.cols()[3]}>
                  <span
                    className={`badge ${d.status === 'succeeded' ? 'good' : d.status === 'failed' ? 'bad' : 'warn'}`}
                  >
                    {deliveryStatusText(d.status)}
                  </span>
                  {d.lastStatusCode !== null && (
                    // i18n-ignore: the protocol's own words
                    <div className="muted small">HTTP {d.lastStatusCode}</div>
                  )}
                  {d.waitingFor && <WaitingFor id={d.waitingFor} onOpen={setOpenId} />}
                </td>
                <td data-label={T.cols()[4]}>{d.attemptCount}</td>
              </tr>
            ))}
            {list.data && list.data.deliveries.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('deliveries.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {openId && (
          <DeliveryDetail
            id={openId}
            tick={detailTick}
            onClose={() => setOpenId(undefined)}
            onReplayed={list.reload}
            onOpen={setOpenId}
          />
        )}
      </div>
      <nav className="pager" aria-label={t('allChats.pages')}>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t('allChats.newer')}
        </button>
        <span className="muted">
          {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
        </span>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t('allChats.older')}
        </button>
      </nav>
      <p className="notice small" data-testid="recover-warning">
        {t('deliveries.recoverWarning')}
      </p>
      <RecoverForm endpoints={endpoints.data ?? []} onDone={list.reload} />
    </section>
  );
}
