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
  if (a.statusLivechat !== 'available') return { label: 'Not available', tone: '' };
  return a.online ? { label: 'Available', tone: 'good' } : { label: 'Away', tone: 'warn' };
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
        <h1>Dashboard</h1>
        <span className="muted small" aria-live="polite">
          {d ? `Today · updated ${new Date(d.generatedAt).toLocaleTimeString()}` : 'Loading…'}
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
        <Tile label="Chats today" stat="started" value={n(d?.chats.started)} note={`${n(d?.chats.closed)} closed`} />
        <Tile
          label="Waiting now"
          stat="waiting"
          value={n(d?.waiting.count)}
          note={d?.waiting.count ? `oldest ${duration(oldest)}` : 'nobody waits'}
        />
        <Tile
          label="Open chats"
          stat="open"
          value={n(d?.chats.open)}
          note={`${Math.max(0, n(d?.chats.open) - n(d?.chats.queued))} with an agent`}
        />
        <Tile
          label="Avg first response"
          stat="first-response"
          value={duration(n(d?.firstResponse.avg))}
          note={`${n(d?.firstResponse.count)} answered today`}
        />
        <Tile
          label="Avg chat duration"
          stat="duration"
          value={duration(n(d?.chatDuration.avg))}
          note={`${n(d?.chatDuration.count)} closed today`}
        />
        <Tile
          label="Agents available"
          stat="available"
          value={n(d?.agentsStatus.available)}
          note={`of ${n(d?.agents.length)} agent${d?.agents.length === 1 ? '' : 's'}, ${n(d?.agentsStatus.connected)} connected`}
        />
      </div>

      <h2>Agents</h2>
      <table className="table" aria-label="Agents' load">
        <thead>
          <tr>
            <th>Agent</th>
            <th>Status</th>
            <th style={{ textAlign: 'right' }}>Open chats</th>
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
                No agents yet: add them on the Agents page.
              </td>
            </tr>
          )}
        </tbody>
      </table>

      <h2>Departments</h2>
      <table className="table" aria-label="Departments">
        <thead>
          <tr>
            <th>Department</th>
            <th style={{ textAlign: 'right' }}>Open</th>
            <th style={{ textAlign: 'right' }}>Waiting</th>
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
                No departments and no open chats.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
