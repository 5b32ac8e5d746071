/**
 * The visitor's chat options (the header's "⋯" menu, as Rocket.Chat's widget has one):
 * - End chat, when Omnichannel_allow_visitors_to_close_conversation allows it: a confirmation
 *   first, which can also ask for the transcript; then `livechat/room.close`.
 * - Email me the transcript, when Livechat_enable_transcript is on: `livechat/transcript`, at any
 *   time during the chat. After the chat ends the widget offers the same form (TranscriptForm).
 * The survey follows the close however it came (Survey.tsx, shown by the widget).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CSSProperties, FormEvent, KeyboardEvent, ReactNode, RefObject } from 'react';
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

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls Tab can reach inside `root`, in order (hidden ones left out). */
function focusables(root: HTMLElement | null): HTMLElement[] {
  return [...(root?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => el.getClientRects().length > 0);
}

/**
 * A modal panel: focus moves into it and stays there (Tab and Shift+Tab go round its controls, a
 * click on the backdrop does not let focus escape to the chat behind), Escape closes it, and focus
 * returns to the control that opened it (`returnTo`, else what had focus before).
 */
function Dialog(props: {
  title: string;
  onClose: () => void;
  returnTo?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const returnTo = props.returnTo;
  useEffect(() => {
    // The menu item that opened us is gone by now: the menu's button is the opener to go back to.
    const before = returnTo?.current ?? (document.activeElement as HTMLElement | null);
    focusables(ref.current)[0]?.focus();
    const keepInside = (e: FocusEvent) => {
      const panel = ref.current;
      if (panel && e.target instanceof Node && !panel.contains(e.target)) (focusables(panel)[0] ?? panel).focus();
    };
    document.addEventListener('focusin', keepInside);
    return () => {
      document.removeEventListener('focusin', keepInside);
      if (before?.isConnected) before.focus(); // after the chat ended the opener is gone: nothing to return to
    };
  }, [returnTo]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      props.onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(ref.current);
    const first = items[0];
    const last = items[items.length - 1];
    const at = document.activeElement;
    if (!first || !last) {
      e.preventDefault();
    } else if (e.shiftKey && (at === first || at === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && at === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div
      style={overlay}
      onKeyDown={onKeyDown}
      // a click on the backdrop keeps the focus in the panel (focusin above would too, but this avoids a flicker)
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) e.preventDefault();
      }}
    >
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} style={panel} tabIndex={-1}>
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
  returnTo: RefObject<HTMLElement | null>;
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
    <Dialog title={t('endChat.confirmTitle')} onClose={props.onClose} returnTo={props.returnTo}>
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
          returnTo={buttonRef}
          onClose={() => setDialog(undefined)}
          onEnded={() => {
            setDialog(undefined);
            props.onEnded();
          }}
        />
      )}
      {dialog === 'transcript' && (
        <Dialog title={t('endChat.transcriptTitle')} onClose={() => setDialog(undefined)} returnTo={buttonRef}>
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
