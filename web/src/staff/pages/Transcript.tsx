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
import { t } from '../../i18n/index.ts';
import { tRich } from '../../i18n/rich.tsx';

export function TranscriptPage({ rid }: { rid: string }) {
  const { me } = useApp();
  const transcript = useLoad(
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
  const tr = transcript.data;
  return (
    <section className="page narrow">
      <header className="page-header">
        <h1>{tr?.head.title ?? t('transcript.transcript')}</h1>
        <div className="actions">
          {room.data && (isManager(me) || room.data.servedBy?._id === me._id) && (
            <Link to={`/omnichannel/chats/${encodeURIComponent(rid)}`}>{t('transcript.openTheChat')}</Link>
          )}
          <button type="button" className="link" onClick={() => history.back()}>
            {t('common.back')}
          </button>
        </div>
      </header>
      <ErrorText error={transcript.error} />
      {tr && (
        <>
          <div className="card">
            <ul className="muted" style={{ listStyle: 'none', margin: '0 0 0.75rem', padding: 0 }}>
              {tr.head.facts.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
            <TranscriptActions rid={rid} showView={false} />
            {room.data?.open && (
              <RequestOnClose rid={rid} request={tr.transcriptRequest} onChange={transcript.reload} />
            )}
            {!room.data?.open && tr.transcriptRequest && <RequestOutcome request={tr.transcriptRequest} />}
          </div>
          <ol
            className="card transcript"
            aria-label={t('transcript.transcript')}
            style={{ listStyle: 'none', paddingLeft: '1.25rem' }}
          >
            {tr.lines.length === 0 && <li className="muted">{t('transcript.noMessages')}</li>}
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
                      {t('transcript.file', { name: f })}
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
    return <p className="small">{t('transcript.emailedTo', { email: request.email, when: when(request.sentAt) })}</p>;
  if (request.status === 'failed')
    return (
      <p className="error small">{t('transcript.failedTo', { email: request.email, error: request.error ?? '' })}</p>
    );
  return <p className="small muted">{t('transcript.sendingTo', { email: request.email })}</p>;
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
        {tRich('transcript.goesTo', {
          email: <strong>{request.email}</strong>,
          username: request.requestedBy.username,
        })}{' '}
        <button
          type="button"
          className="link"
          disabled={busy}
          onClick={() => void run(() => api('DELETE', path), t('transcript.requestWithdrawn'))}
        >
          {t('transcript.withdraw')}
        </button>
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () => api('POST', path, { body: { email: email.trim(), subject: '' } }),
      t('transcript.transcriptRequested'),
    );
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('transcript.emailWhenTheChat')}>
      <TextField
        label={t('transcript.whenTheChatCloses')}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <button type="submit" disabled={busy || !email.trim()}>
        {t('transcript.request')}
      </button>
    </form>
  );
}
