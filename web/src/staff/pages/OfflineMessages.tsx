/**
 * Offline messages (issue 13): what visitors left while nobody was online, with whether it was
 * emailed. Reply opens the manager's own mail program (a mailto: link), so the answer comes from a
 * real mailbox; Mark handled keeps the list a to-do list.
 */
import { useState } from 'react';
import { api, errorText } from '../../api.ts';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';

interface OfflineMessage {
  _id: string;
  name: string;
  email: string;
  message: string;
  department: { _id: string; name: string } | null;
  mailTo: string | null;
  mailStatus: 'pending' | 'sent' | 'failed' | 'none';
  mailError: string | null;
  handledAt: string | null;
  handledBy: string | null;
  createdAt: string;
}

type Filter = 'open' | 'handled' | 'all';
const PAGE = 50;

function mailBadge(m: OfflineMessage): { label: string; tone: string; hint: string } {
  if (m.mailStatus === 'sent') return { label: 'Emailed', tone: 'good', hint: `Sent to ${m.mailTo ?? ''}` };
  if (m.mailStatus === 'pending') return { label: 'Sending…', tone: '', hint: `To ${m.mailTo ?? ''}` };
  if (m.mailStatus === 'failed')
    return { label: 'Not emailed', tone: 'bad', hint: m.mailError ?? 'The SMTP server could not be reached' };
  return { label: 'Not emailed', tone: 'warn', hint: 'No address: set Livechat_offline_email or a department email' };
}

function replyLink(m: OfflineMessage): string {
  const subject = encodeURIComponent('Re: your message');
  const quoted = m.message
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  return `mailto:${encodeURIComponent(m.email)}?subject=${subject}&body=${encodeURIComponent(`\n\n${quoted}`)}`;
}

export function OfflineMessagesPage() {
  const toast = useToast();
  const [filter, setFilter] = useState<Filter>('open');
  const [offset, setOffset] = useState(0);
  const list = useLoad(
    () =>
      api<{ messages: OfflineMessage[]; total: number }>('GET', 'livechat/offline-messages', {
        query: { count: PAGE, offset, ...(filter === 'all' ? {} : { handled: filter === 'handled' }) },
      }),
    [filter, offset],
  );
  const setHandled = async (m: OfflineMessage, handled: boolean) => {
    try {
      await api('POST', `livechat/offline-messages/${m._id}/handled`, { body: { handled } });
      toast(handled ? `Message from ${m.name} marked handled` : `Message from ${m.name} reopened`);
      list.reload();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  const messages = list.data?.messages ?? [];
  const total = list.data?.total ?? 0;

  return (
    <section className="page">
      <header className="page-header">
        <h1>Offline messages</h1>
        <label>
          Show{' '}
          <select
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter);
              setOffset(0);
            }}
          >
            <option value="open">Not handled</option>
            <option value="handled">Handled</option>
            <option value="all">All</option>
          </select>
        </label>
      </header>
      <ErrorText error={list.error} />
      {/* one card per message: a table would hide the actions off-screen on a phone */}
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Offline messages">
        {messages.map((m) => {
          const mail = mailBadge(m);
          return (
            <li key={m._id} className="card" data-offline-message={m._id}>
              <div className="row-actions" style={{ justifyContent: 'space-between' }}>
                <span>
                  <strong>{m.name}</strong> <span className="muted">{m.email}</span>
                </span>
                <span className="muted">{when(m.createdAt)}</span>
              </div>
              <div className="row-actions muted" style={{ marginTop: '0.25rem' }}>
                <span>Department: {m.department?.name ?? 'none'}</span>
                <span className={`badge ${mail.tone}`} title={mail.hint}>
                  {mail.label}
                </span>
                {m.mailStatus !== 'sent' && <span className="small">{mail.hint}</span>}
                {m.handledAt && (
                  <span className="badge">
                    Handled{m.handledBy ? ` by ${m.handledBy}` : ''}, {when(m.handledAt)}
                  </span>
                )}
              </div>
              <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.message}</p>
              <div className="row-actions">
                <a className="button" href={replyLink(m)} aria-label={`Reply to ${m.name}`}>
                  Reply
                </a>
                {m.handledAt ? (
                  <button type="button" onClick={() => void setHandled(m, false)} aria-label={`Reopen ${m.name}`}>
                    Reopen
                  </button>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void setHandled(m, true)}
                    aria-label={`Mark message from ${m.name} handled`}
                  >
                    Mark handled
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {list.data && messages.length === 0 && (
        <p className="muted">
          {filter === 'open' ? 'Nothing waiting: every offline message is handled.' : 'No offline messages.'}
        </p>
      )}
      {total > PAGE && (
        <div className="row-actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
          </span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}
