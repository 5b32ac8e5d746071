/** The agent's home: availability, the queue (take a chat) and my open chats, all live. */
import { useState } from 'react';
import { api, errorText, isAgent, isManager } from '../../api.ts';
import { useApp, useLive } from '../app-context.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import type { Room } from '../types.ts';

interface Inquiry {
  _id: string;
  rid: string;
  name: string;
  message?: string;
  ts: string;
  department?: string;
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
  useLive((kind, data) => {
    if (kind === 'inquiry' || kind === 'ready') queue.reload();
    if (kind === 'room' || kind === 'ready') rooms.reload();
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
        <h1>Current Chats</h1>
        {isAgent(me) && (
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={available}
              disabled={busy}
              onChange={(e) => void setAvailable(e.target.checked)}
            />
            <span>{available ? 'Available' : 'Not available'}</span>
          </label>
        )}
      </header>
      {!isAgent(me) && (
        <p className="muted">You are not an agent: you can watch the queue but not take chats for yourself.</p>
      )}
      <div className="grid2 top">
        <section className="card" aria-labelledby="queue-title">
          <h2 id="queue-title">Queue</h2>
          <ErrorText error={queue.error} />
          {queue.data?.length === 0 && <p className="muted">Nobody is waiting.</p>}
          <ul className="list">
            {(queue.data ?? []).map((q) => (
              <li key={q._id} data-inquiry={q._id}>
                <div>
                  <strong>{q.name}</strong> <span className="muted small">{when(q.ts)}</span>
                  {q.message && <div className="small">{q.message}</div>}
                </div>
                {isAgent(me) && (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void take(q)}
                    aria-label={`Take chat with ${q.name}`}
                  >
                    Take
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">My open chats</h2>
          <ErrorText error={rooms.error} />
          {rooms.data?.length === 0 && <p className="muted">No open chats.</p>}
          <ul className="list">
            {(rooms.data ?? []).map((r) => (
              <li key={r._id}>
                <Link to={`/omnichannel/chats/${r._id}`}>{r.fname}</Link>
                <span className="muted small">{when(r.lm ?? r.ts)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
