/**
 * The visitor's chat options (the header's "⋯" menu, as Rocket.Chat's widget has one):
 * - End chat, when Omnichannel_allow_visitors_to_close_conversation allows it: a confirmation
 *   first, which can also ask for the transcript; then `livechat/room.close`.
 * - Email me the transcript, when Livechat_enable_transcript is on: `livechat/transcript`, at any
 *   time during the chat. After the chat ends the widget offers the same form (TranscriptForm).
 * The survey follows the close however it came (Survey.tsx, shown by the widget).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CSSProperties, FormEvent, KeyboardEvent, ReactNode } from 'react';
import { api, errorText } from '../api.ts';
import { t } from '../i18n/index.ts';

const TEXT = {
  sent: (email: string) => t('endChat.sent', { email }),
};

/** The visitor's email from livechat/config's `guest`, when they gave one. */
export function guestEmail(guest: unknown): string {
  const emails = (guest as { visitorEmails?: { address?: string }[] } | undefined)?.visitorEmails;
  return emails?.[0]?.address ?? '';
}

const overlay: CSSProperties = {
  position: 'fixed',
  inset: 0,
  background: 'rgba(17, 24, 39, 0.45)',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: '1rem',
  zIndex: 10,
};
const panel: CSSProperties = {
  background: '#fff',
  color: '#1f2937',
  borderRadius: '0.5rem',
  padding: '1rem',
  width: '100%',
  maxWidth: '22rem',
  display: 'flex',
  flexDirection: 'column',
  gap: '0.75rem',
  boxShadow: '0 8px 24px rgba(0,0,0,0.25)',
};
const menu: CSSProperties = {
  position: 'absolute',
  right: 0,
  top: 'calc(100% + 0.25rem)',
  background: '#fff',
  border: '1px solid #d1d5db',
  borderRadius: '0.375rem',
  boxShadow: '0 4px 12px rgba(0,0,0,0.15)',
  display: 'flex',
  flexDirection: 'column',
  minWidth: '13rem',
  padding: '0.25rem 0',
  zIndex: 5,
};
const menuItem: CSSProperties = {
  border: 0,
  borderRadius: 0,
  justifyContent: 'flex-start',
  textAlign: 'left',
  whiteSpace: 'nowrap',
  width: '100%',
  padding: '0.6rem 0.9rem',
  color: '#1f2937',
  background: '#fff',
};
const row: CSSProperties = { display: 'flex', gap: '0.5rem', justifyContent: 'flex-end', flexWrap: 'wrap' };

const SENT_KEY = (rid: string) => `omnihook.widget.transcript.${rid}`;

/** Where this chat's transcript went already (this tab), so the offer after the chat says so. */
function sentTranscriptTo(rid: string): string | undefined {
  try {
    return sessionStorage.getItem(SENT_KEY(rid)) ?? undefined;
  } catch {
    return undefined; // storage refused (privacy mode): the form is simply offered again
  }
}

async function requestTranscript(token: string, rid: string, email: string): Promise<void> {
  await api('POST', 'livechat/transcript', { staff: false, body: { token, rid, email } });
  try {
    sessionStorage.setItem(SENT_KEY(rid), email);
  } catch {
    // see sentTranscriptTo
  }
}

/** A modal panel: focus moves into it, Escape closes it, focus returns where it was. */
function Dialog(props: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => before?.focus?.();
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') props.onClose();
  };
  return (
    <div style={overlay} onKeyDown={onKeyDown}>
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} style={panel}>
        <h2 id={titleId} style={{ margin: 0, fontSize: '1.05rem' }}>
          {props.title}
        </h2>
        {props.children}
      </div>
    </div>
  );
}

/** The email field and send button, for the menu's dialog and for after the chat. */
export function TranscriptForm(props: { token: string; rid: string; email: string; intro?: string }) {
  const [email, setEmail] = useState(props.email);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sentTo, setSentTo] = useState<string | undefined>(() => sentTranscriptTo(props.rid));
  const fieldId = useId();

  if (sentTo)
    return (
      <p className="wnote" role="status" style={{ padding: 0 }}>
        {TEXT.sent(sentTo)}
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const to = email.trim();
    if (!to) return;
    setBusy(true);
    setError(undefined);
    requestTranscript(props.token, props.rid, to)
      .then(
        () => setSentTo(to),
        (err: unknown) => setError(errorText(err)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <form
      onSubmit={submit}
      style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}
      aria-label={t('endChat.transcriptTitle')}
    >
      {props.intro && <p style={{ margin: 0 }}>{props.intro}</p>}
      <label htmlFor={fieldId} style={{ fontWeight: 600 }}>
        {t('endChat.email')}
      </label>
      <input
        id={fieldId}
        type="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        autoComplete="email"
      />
      {error && (
        <p className="error" role="alert" style={{ margin: 0 }}>
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !email.trim()} style={{ justifyContent: 'center' }}>
        {busy ? t('common.sending') : t('endChat.send')}
      </button>
    </form>
  );
}

/** After the chat ended: the transcript offer (when transcripts are on). */
export function TranscriptAfterChat(props: { token: string; rid: string; email: string; message?: string }) {
  return (
    <div className="wform" data-testid="transcript-after">
      <TranscriptForm
        token={props.token}
        rid={props.rid}
        email={props.email}
        intro={props.message || t('endChat.transcriptOffer')}
      />
    </div>
  );
}

function EndChatDialog(props: {
  token: string;
  rid: string;
  email: string;
  transcript: boolean;
  onClose: () => void;
  onEnded: () => void;
}) {
  const [alsoTranscript, setAlsoTranscript] = useState(false);
  const [email, setEmail] = useState(props.email);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const emailId = useId();

  const end = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', 'livechat/room.close', { staff: false, body: { rid: props.rid, token: props.token } });
    } catch (err) {
      setBusy(false);
      setError(errorText(err));
      return;
    }
    // The chat has ended either way; a failed transcript is offered again after the chat.
    if (alsoTranscript && email.trim())
      await requestTranscript(props.token, props.rid, email.trim()).catch(() => undefined);
    props.onEnded();
  };

  return (
    <Dialog title={t('endChat.confirmTitle')} onClose={props.onClose}>
      <form onSubmit={(e) => void end(e)} style={{ display: 'flex', flexDirection: 'column', gap: '0.75rem' }}>
        <p style={{ margin: 0 }}>{t('endChat.confirmBody')}</p>
        {props.transcript && (
          <>
            <label style={{ display: 'flex', gap: '0.5rem', alignItems: 'center' }}>
              <input type="checkbox" checked={alsoTranscript} onChange={(e) => setAlsoTranscript(e.target.checked)} />
              {t('endChat.emailTranscript')}
            </label>
            {alsoTranscript && (
              <>
                <label htmlFor={emailId} style={{ fontWeight: 600 }}>
                  {t('endChat.email')}
                </label>
                <input
                  id={emailId}
                  type="email"
                  required
                  value={email}
                  autoComplete="email"
                  onChange={(e) => setEmail(e.target.value)}
                />
              </>
            )}
          </>
        )}
        {error && (
          <p className="error" role="alert" style={{ margin: 0 }}>
            {error}
          </p>
        )}
        <div style={row}>
          <button type="button" onClick={props.onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('endChat.ending') : t('endChat.endChat')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The header's options menu for an open chat; renders nothing when neither option is allowed.
 * `onEnded` runs once the server closed the room (the room event follows on the stream too).
 */
export function ChatMenu(props: {
  token: string;
  rid: string;
  email: string;
  canEnd: boolean;
  transcript: boolean;
  onEnded: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'end' | 'transcript'>();
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) listRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  if (!props.canEnd && !props.transcript) return null;

  const choose = (d: 'end' | 'transcript') => {
    setOpen(false);
    setDialog(d);
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div style={{ position: 'relative' }}>
      <button
        ref={buttonRef}
        type="button"
        className="wclose"
        aria-label={t('endChat.options')}
        title={t('endChat.options')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        // inline, so the shared light hover background never hides the dots (header-coloured text)
        style={{ background: open ? 'rgba(127, 127, 127, 0.25)' : 'transparent', color: 'inherit' }}
        onClick={() => setOpen((o) => !o)}
      >
        ⋯
      </button>
      {open && (
        <div
          id={menuId}
          ref={listRef}
          role="menu"
          aria-label={t('endChat.options')}
          style={menu}
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== buttonRef.current)
              setOpen(false);
          }}
        >
          {props.transcript && (
            <button type="button" role="menuitem" style={menuItem} onClick={() => choose('transcript')}>
              {t('endChat.emailTranscript')}
            </button>
          )}
          {props.canEnd && (
            <button
              type="button"
              role="menuitem"
              style={{ ...menuItem, color: '#b91c1c' }}
              onClick={() => choose('end')}
            >
              {t('endChat.endChat')}
            </button>
          )}
        </div>
      )}
      {dialog === 'end' && (
        <EndChatDialog
          token={props.token}
          rid={props.rid}
          email={props.email}
          transcript={props.transcript}
          onClose={() => setDialog(undefined)}
          onEnded={() => {
            setDialog(undefined);
            props.onEnded();
          }}
        />
      )}
      {dialog === 'transcript' && (
        <Dialog title={t('endChat.transcriptTitle')} onClose={() => setDialog(undefined)}>
          <TranscriptForm token={props.token} rid={props.rid} email={props.email} />
          <div style={row}>
            <button type="button" onClick={() => setDialog(undefined)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
