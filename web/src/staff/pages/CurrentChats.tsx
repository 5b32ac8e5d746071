/**
 * The agent's home: availability, the queue (take a chat) and my open chats, all live. Queue rows
 * show the first message and how long the visitor has waited; my chats put the ones waiting for a
 * reply first (the visitor spoke last, longest wait first), with unread counts and a preview.
 */
import { useEffect, useState } from 'react';
import { api, errorText, isAgent, isManager } from '../../api.ts';
import { useApp, useLive } from '../app-context.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import type { Inquiry, Message, Room } from '../types.ts';
import { useAttention } from '../notify.ts';
import { t } from '../../i18n/index.ts';

/** Re-renders every `ms` so waiting times move on. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function waited(sinceIso: string, now: number): string {
  const min = Math.floor(Math.max(0, now - Date.parse(sinceIso)) / 60_000);
  if (min < 1) return 'less than a minute';
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Waiting for a reply first, longest wait first; then the others, latest activity first. */
function byWaiting(a: Room, b: Room): number {
  const wa = a.waitingResponse ? Date.parse(a.waitingSince ?? a.ts) : undefined;
  const wb = b.waitingResponse ? Date.parse(b.waitingSince ?? b.ts) : undefined;
  if (wa !== undefined && wb !== undefined) return wa - wb;
  if (wa !== undefined) return -1;
  if (wb !== undefined) return 1;
  return Date.parse(b.lastMessage?.ts ?? b.lm ?? b.ts) - Date.parse(a.lastMessage?.ts ?? a.lm ?? a.ts);
}

export function CurrentChatsPage() {
  const { me, setMe } = useApp();
  const toast = useToast();
  const queue = useLoad(
    () =>
      api<{ inquiries: Inquiry[] }>('GET', 'livechat/inquiries.queued', { query: { count: 100 } }).then(
        (r) => r.inquiries,
      ),
    [],
  );
  // Managers see every room; "my chats" stays mine for them too.
  const rooms = useLoad(
    () =>
      api<{ rooms: Room[] }>('GET', 'livechat/rooms', {
        query: { open: true, count: 100, agents: isManager(me) ? [me._id] : undefined },
      }).then((r) => r.rooms),
    [me._id],
  );
  const [busy, setBusy] = useState(false);
  const [attention] = useAttention();
  const now = useNow(30_000);
  useLive((kind, data) => {
    if (kind === 'inquiry' || kind === 'ready') queue.reload();
    if (kind === 'room' || kind === 'ready') rooms.reload();
    if (kind === 'message') {
      // A new message moves previews, waiting times and the order; a queued chat's first message fills its row.
      const rid = (data.message as Message).rid;
      if (rooms.data?.some((r) => r._id === rid)) rooms.reload();
      if (queue.data?.some((q) => q.rid === rid && !q.message)) queue.reload();
    }
    if (kind === 'agent-status' && data.agentId === me._id)
      setMe({ ...me, statusLivechat: data.status as typeof me.statusLivechat });
  });

  // The switch shows the requested state at once (a controlled checkbox would otherwise snap back
  // until the server answers); it returns to the server's state if the request fails.
  const [requested, setRequested] = useState<boolean | undefined>(undefined);
  const available = requested ?? me.statusLivechat === 'available';
  const setAvailable = async (on: boolean) => {
    setBusy(true);
    setRequested(on);
    try {
      const r = await api<{ status: 'available' | 'not-available' }>('POST', 'livechat/agent.status', {
        body: { status: on ? 'available' : 'not-available' },
      });
      setMe({ ...me, statusLivechat: r.status });
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setRequested(undefined);
      setBusy(false);
    }
  };
  const take = async (inq: Inquiry) => {
    try {
      const r = await api<{ inquiry: { rid: string } }>('POST', 'livechat/inquiries.take', {
        body: { inquiryId: inq._id },
      });
      navigate(`/omnichannel/chats/${r.inquiry.rid}`);
    } catch (err) {
      toast(errorText(err), 'error');
      queue.reload();
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('currentChats.currentChats')}</h1>
        {isAgent(me) && (
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={available}
              disabled={busy}
              onChange={(e) => void setAvailable(e.target.checked)}
            />
            <span>{available ? t('dashboard.available') : t('dashboard.notAvailable')}</span>
          </label>
        )}
      </header>
      {!isAgent(me) && <p className="muted">{t('currentChats.youAreNotAn')}</p>}
      <div className="grid2 top">
        <section className="card" aria-labelledby="queue-title">
          <h2 id="queue-title">{t('currentChats.queue')}</h2>
          <ErrorText error={queue.error} />
          {queue.data?.length === 0 && <p className="muted">{t('currentChats.nobodyIsWaiting')}</p>}
          <ul className="list">
            {(queue.data ?? []).map((q) => (
              <li key={q._id} data-inquiry={q._id}>
                <div className="row-main">
                  <strong>{q.name}</strong>{' '}
                  <span className="muted small" title={when(q.queuedAt ?? q.ts)}>
                    {t('currentChats.waiting', { time: waited(q.queuedAt ?? q.ts, now) })}
                  </span>
                  <div className="preview small">
                    {q.message ?? <span className="muted">{t('currentChats.noMessageYet')}</span>}
                  </div>
                </div>
                {isAgent(me) && (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void take(q)}
                    aria-label={t('currentChats.takeChatWithName', { name: q.name })}
                  >
                    {t('currentChats.take')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t('currentChats.myOpenChats')}</h2>
          <p className="small">
            <Link to="/omnichannel/chats">
              {isManager(me) ? t('currentChats.allChatsClosedOnes') : t('currentChats.myChatsClosedOnes')}
            </Link>
          </p>
          <ErrorText error={rooms.error} />
          {rooms.data?.length === 0 && <p className="muted">{t('currentChats.noOpenChats')}</p>}
          <ul className="list">
            {(rooms.data ?? [])
              .slice()
              .sort(byWaiting)
              .map((r) => (
                <MyChatRow key={r._id} room={r} unread={attention.unread[r._id] ?? 0} meId={me._id} now={now} />
              ))}
          </ul>
        </section>
      </div>
    </section>
  );
}

function MyChatRow({ room: r, unread, meId, now }: { room: Room; unread: number; meId: string; now: number }) {
  const last = r.lastMessage;
  const who = !last || last.token ? '' : last.u._id === meId ? t('currentChats.you') : `${last.u.username}: `;
  const text = last ? last.msg || last.file?.name || '' : '';
  return (
    <li data-room={r._id} className={r.waitingResponse ? 'waiting' : undefined}>
      <div className="row-main">
        <Link to={`/omnichannel/chats/${r._id}`}>{r.fname}</Link>
        {unread > 0 && (
          <span className="badge unread" aria-label={`${unread} unread`}>
            {unread}
          </span>
        )}
        <div className="preview small">
          {last ? `${who}${text}` : <span className="muted">{t('currentChats.noMessagesYet')}</span>}
        </div>
      </div>
      <span className="muted small" title={when(r.waitingSince ?? r.lastMessage?.ts ?? r.lm ?? r.ts)}>
        {r.waitingResponse && r.waitingSince ? `waiting ${waited(r.waitingSince, now)}` : when(r.lm ?? r.ts)}
      </span>
    </li>
  );
}
