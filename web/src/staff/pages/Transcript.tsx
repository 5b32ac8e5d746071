/**
 * A chat's transcript, read-only (issue 13): the lines as the visitor saw them (no notes, no
 * comments for colleagues), with download, print-ready HTML and email; for an open chat,
 * Rocket.Chat's "email the transcript when the chat closes" request.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText, isManager } from '../../api.ts';
import { useApp } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, TextField, useLoad, useToast, when } from '../ui.tsx';
import type { Room, Transcript } from '../types.ts';
import { TranscriptActions } from './TranscriptActions.tsx';

export function TranscriptPage({ rid }: { rid: string }) {
  const { me } = useApp();
  const t = useLoad(
    () =>
      api<{ transcript: Transcript }>('GET', `livechat/transcript/${encodeURIComponent(rid)}`).then(
        (r) => r.transcript,
      ),
    [rid],
  );
  // Only to know whether the chat is open (for the request on close) and who may open it.
  const room = useLoad(
    () =>
      api<{ room: Room }>('GET', 'rooms.info', { query: { roomId: rid } }).then(
        (r) => r.room,
        () => undefined,
      ),
    [rid],
  );
  const tr = t.data;
  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>{tr?.head.title ?? 'Transcript'}</h1>
        <div className="actions">
          {room.data && (isManager(me) || room.data.servedBy?._id === me._id) && (
            <Link to={`/omnichannel/chats/${encodeURIComponent(rid)}`}>Open the chat</Link>
          )}
          <button type="button" className="link" onClick={() => history.back()}>
            Back
          </button>
        </div>
      </header>
      <ErrorText error={t.error} />
      {tr && (
        <>
          <div className="card">
            <ul className="muted" style={{ listStyle: 'none', margin: '0 0 0.75rem', padding: 0 }}>
              {tr.head.facts.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
            <TranscriptActions rid={rid} showView={false} />
            {room.data?.open && <RequestOnClose rid={rid} request={tr.transcriptRequest} onChange={t.reload} />}
            {!room.data?.open && tr.transcriptRequest && <RequestOutcome request={tr.transcriptRequest} />}
          </div>
          <ol className="card transcript" aria-label="Transcript" style={{ listStyle: 'none', paddingLeft: '1.25rem' }}>
            {tr.lines.length === 0 && <li className="muted">No messages.</li>}
            {tr.lines.map((l, i) =>
              l.who === undefined ? (
                <li key={i} className="muted small" style={{ textAlign: 'center', margin: '0.5rem 0' }}>
                  <em>{l.text}</em> · {l.when}
                </li>
              ) : (
                <li key={i} style={{ margin: '0 0 0.75rem' }}>
                  <div className="small">
                    <strong>{l.who}</strong> <span className="muted">{l.when}</span>
                  </div>
                  {l.text && <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{l.text}</div>}
                  {l.files.map((f) => (
                    <div key={f} className="muted">
                      File: {f}
                    </div>
                  ))}
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </section>
  );
}

function RequestOutcome({ request }: { request: NonNullable<Transcript['transcriptRequest']> }) {
  if (request.status === 'sent')
    return (
      <p className="small">
        Transcript emailed to {request.email} {when(request.sentAt)}.
      </p>
    );
  if (request.status === 'failed')
    return (
      <p className="error small">
        The transcript for {request.email} could not be sent: {request.error}
      </p>
    );
  return <p className="small muted">Transcript for {request.email}: sending…</p>;
}

function RequestOnClose({
  rid,
  request,
  onChange,
}: {
  rid: string;
  request: Transcript['transcriptRequest'];
  onChange: () => void;
}) {
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      toast(done);
      onChange();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const path = `livechat/transcript/${encodeURIComponent(rid)}`;
  if (request)
    return (
      <p className="small">
        When the chat closes, the transcript goes to <strong>{request.email}</strong> (asked by{' '}
        {request.requestedBy.username}).{' '}
        <button
          type="button"
          className="link"
          disabled={busy}
          onClick={() => void run(() => api('DELETE', path), 'Request withdrawn')}
        >
          Withdraw
        </button>
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => api('POST', path, { body: { email: email.trim(), subject: '' } }), 'Transcript requested');
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Email when the chat closes">
      <TextField
        label="When the chat closes, email it to"
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <button type="submit" disabled={busy || !email.trim()}>
        Request
      </button>
    </form>
  );
}
