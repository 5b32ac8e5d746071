/**
 * Dashboard (issue 13): the managers' view of the day at a glance. Today is the manager's local
 * day, so the page sends its own midnight as `start`. It refreshes live: a chat, queue, message or
 * agent-status event asks for a reload (at most one every RELOAD_MS, so a busy hour does not
 * hammer the server), a slow timer catches what no event announces, and the oldest wait ticks
 * every second in the browser between reloads.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { api } from '../../api.ts';
import { useLive } from '../app-context.ts';
import { ErrorText, useLoad } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

interface Timing {
  avg: number;
  longest: number;
  count: number;
}

interface Dashboard {
  generatedAt: string;
  chats: { started: number; closed: number; open: number; queued: number };
  waiting: { count: number; oldestSince: string | null; oldestWaitSeconds: number };
  firstResponse: Timing;
  reaction: Timing;
  chatDuration: Timing;
  agentsStatus: { available: number; away: number; busy: number; offline: number; connected: number };
  agents: { _id: string; username: string; name: string; statusLivechat: string; online: boolean; openChats: number }[];
  departments: { _id: string | null; name: string; open: number; queued: number }[];
}

const RELOAD_MS = 1500;
const SLOW_TIMER_MS = 30_000;

function localMidnight(): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** 0s, 45s, 3m 05s, 2h 04m: short enough for a tile, exact enough to compare. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function Tile({ label, stat, value, note }: { label: string; stat: string; value: ReactNode; note: ReactNode }) {
  return (
    <div className="card" role="group" aria-label={label} style={{ margin: 0, padding: '0.75rem 1rem' }}>
      <div className="muted small">{label}</div>
      <div data-stat={stat} style={{ fontSize: '1.75rem', fontWeight: 700, lineHeight: 1.2 }}>
        {value}
      </div>
      <div className="muted small">{note}</div>
    </div>
  );
}

function agentBadge(a: Dashboard['agents'][number]): { label: string; tone: string } {
  if (a.statusLivechat !== 'available') return { label: t('dashboard.notAvailable'), tone: '' };
  return a.online ? { label: t('dashboard.available'), tone: 'good' } : { label: t('dashboard.away'), tone: 'warn' };
}

/** Reloads on live events, throttled: the first event reloads at once, later ones once per window. */
function useThrottledReload(reload: () => void): () => void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return () => {
    if (timer.current) return; // one trailing reload is already due
    const wait = last.current + RELOAD_MS - Date.now();
    const run = () => {
      timer.current = undefined;
      last.current = Date.now();
      reload();
    };
    if (wait <= 0) run();
    else timer.current = setTimeout(run, wait);
  };
}

export function DashboardPage() {
  const data = useLoad(() => api<Dashboard>('GET', 'livechat/dashboard', { query: { start: localMidnight() } }), []);
  const soon = useThrottledReload(data.reload);
  useLive((kind) => {
    if (kind === 'ready' || kind === 'room' || kind === 'inquiry' || kind === 'agent-status' || kind === 'message')
      soon();
  });
  useEffect(() => {
    const t = setInterval(data.reload, SLOW_TIMER_MS);
    return () => clearInterval(t);
  }, [data.reload]);
  // the oldest wait grows by itself: tick it locally between reloads
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);
  const fetchedAt = useRef(Date.now());
  const lastData = useRef<Dashboard | undefined>(undefined);
  if (data.data !== lastData.current) {
    lastData.current = data.data;
    fetchedAt.current = Date.now();
  }

  const d = data.data;
  const oldest = d?.waiting.count ? d.waiting.oldestWaitSeconds + (Date.now() - fetchedAt.current) / 1000 : 0;
  const n = (v: number | undefined) => v ?? 0;
  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('dashboard.dashboard')}</h1>
        <span className="muted small" aria-live="polite">
          {d
            ? t('dashboard.todayUpdatedV1', { v1: new Date(d.generatedAt).toLocaleTimeString() })
            : t('common.loading')}
        </span>
      </header>
      <ErrorText error={data.error} />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
          gap: '0.75rem',
          marginBottom: '1.25rem',
        }}
      >
        <Tile
          label={t('dashboard.chatsToday')}
          stat="started"
          value={n(d?.chats.started)}
          note={`${n(d?.chats.closed)} closed`}
        />
        <Tile
          label={t('dashboard.waitingNow')}
          stat="waiting"
          value={n(d?.waiting.count)}
          note={d?.waiting.count ? t('dashboard.oldest', { time: duration(oldest) }) : t('dashboard.nobodyWaits')}
        />
        <Tile
          label={t('dashboard.openChats')}
          stat="open"
          value={n(d?.chats.open)}
          note={t('dashboard.withAgent', { n: Math.max(0, n(d?.chats.open) - n(d?.chats.queued)) })}
        />
        <Tile
          label={t('dashboard.avgFirstResponse')}
          stat="first-response"
          value={duration(n(d?.firstResponse.avg))}
          note={t('dashboard.answeredToday', { n: n(d?.firstResponse.count) })}
        />
        <Tile
          label={t('dashboard.avgChatDuration')}
          stat="duration"
          value={duration(n(d?.chatDuration.avg))}
          note={t('dashboard.closedToday', { n: n(d?.chatDuration.count) })}
        />
        <Tile
          label={t('dashboard.agentsAvailable')}
          stat="available"
          value={n(d?.agentsStatus.available)}
          note={`of ${n(d?.agents.length)} agent${d?.agents.length === 1 ? '' : 's'}, ${n(d?.agentsStatus.connected)} connected`}
        />
      </div>

      <h2>{t('departments.agents')}</h2>
      <table className="table" aria-label={t('dashboard.agentsLoad')}>
        <thead>
          <tr>
            <th>{t('common.agent')}</th>
            <th>{t('common.status')}</th>
            <th style={{ textAlign: 'right' }}>{t('dashboard.openChats')}</th>
          </tr>
        </thead>
        <tbody>
          {(d?.agents ?? []).map((a) => {
            const b = agentBadge(a);
            return (
              <tr key={a._id} data-agent={a.username}>
                <td className="wrap">
                  {a.name || a.username} <span className="muted small">@{a.username}</span>
                </td>
                <td>
                  <span className={`badge ${b.tone}`} style={{ whiteSpace: 'nowrap' }}>
                    {b.label}
                  </span>
                </td>
                <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{a.openChats}</td>
              </tr>
            );
          })}
          {d && d.agents.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {t('dashboard.noAgentsYetAdd')}
              </td>
            </tr>
          )}
        </tbody>
      </table>

      <h2>{t('departments.departments')}</h2>
      <table className="table" aria-label={t('departments.departments')}>
        <thead>
          <tr>
            <th>{t('common.department')}</th>
            <th style={{ textAlign: 'right' }}>{t('common.open')}</th>
            <th style={{ textAlign: 'right' }}>{t('dashboard.waiting')}</th>
          </tr>
        </thead>
        <tbody>
          {(d?.departments ?? []).map((dep) => (
            <tr key={dep._id ?? '-'} data-department={dep.name}>
              <td className="wrap">{dep.name}</td>
              <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{dep.open}</td>
              <td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{dep.queued}</td>
            </tr>
          ))}
          {d && d.departments.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {t('dashboard.noDepartmentsAndNo')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
