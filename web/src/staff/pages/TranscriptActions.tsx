/**
 * What staff do with a chat's transcript (issue 13): view it, download it (plain text or a
 * printable HTML page) and email it now. Open and closed chats alike.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, api, errorText, loadSession } from '../../api.ts';
import { Link } from '../router.tsx';
import { TextField, useToast } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

/**
 * The download goes through fetch so the credentials stay in headers (never in a URL a browser
 * keeps in its history), then leaves as a file with the server's name for it.
 */
export async function downloadTranscript(rid: string, format: 'txt' | 'html'): Promise<void> {
  const s = loadSession();
  const res = await fetch(`/api/v1/livechat/transcript/${encodeURIComponent(rid)}/download?format=${format}`, {
    headers: s ? { 'x-user-id': s.userId, 'x-auth-token': s.authToken } : {},
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; errorType?: string };
    throw new ApiError(res.status, body.error ?? `HTTP ${res.status}`, body.errorType);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `transcript-${rid}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function EmailTranscriptForm({
  rid,
  defaultEmail,
  onDone,
}: {
  rid: string;
  defaultEmail?: string;
  onDone?: () => void;
}) {
  const toast = useToast();
  const [email, setEmail] = useState(defaultEmail ?? '');
  const [busy, setBusy] = useState(false);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api('POST', `livechat/transcript/${encodeURIComponent(rid)}/email`, { body: { email: email.trim() } });
      toast(t('transcript.sent', { email: email.trim() }));
      onDone?.();
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={send} aria-label={t('transcript.emailTitle')}>
      <TextField
        label={t('transcript.emailTo')}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <button type="submit" disabled={busy || !email.trim()}>
        {t('common.send')}
      </button>
    </form>
  );
}

export function TranscriptActions({
  rid,
  visitorEmail,
  showView = true,
}: {
  rid: string;
  visitorEmail?: string;
  showView?: boolean;
}) {
  const toast = useToast();
  const [emailing, setEmailing] = useState(false);
  const download = (format: 'txt' | 'html') =>
    downloadTranscript(rid, format).catch((e) => toast(errorText(e), 'error'));
  return (
    <div className="transcript-actions">
      {showView && (
        <p style={{ margin: '0 0 0.5rem' }}>
          <Link to={`/omnichannel/transcripts/${encodeURIComponent(rid)}`}>{t('transcript.view')}</Link>
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void download('txt')}>
          {t('transcript.downloadTxt')}
        </button>
        <button type="button" onClick={() => void download('html')}>
          {t('transcript.downloadHtml')}
        </button>
        <button type="button" aria-expanded={emailing} onClick={() => setEmailing(!emailing)}>
          {t('transcript.emailMenu')}
        </button>
      </div>
      {emailing && (
        <div style={{ marginTop: '0.5rem' }}>
          <EmailTranscriptForm rid={rid} defaultEmail={visitorEmail} onDone={() => setEmailing(false)} />
        </div>
      )}
    </div>
  );
}
