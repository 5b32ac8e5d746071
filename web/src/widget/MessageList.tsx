/**
 * The message list shared by the widget and the agent's chat view; scrolls to the newest.
 * The widget passes mineId === visitorId: it is the visitor's view, where forward and close
 * lines are neutral (the server already strips their comments and never sends notes).
 * Files render through Attachment.tsx, read with the visitor's token (visitorToken) in the
 * widget and with the staff session in the console.
 */
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { staffText, visitorText } from './system-text.ts';
import type { ChatMessage } from './chat-message.ts';
import { Attachments, attachmentsOf } from './Attachment.tsx';
import type { FileAuth } from './upload.ts';
import { t } from '../i18n/index.ts';

export type { ChatMessage };

/** Adds or replaces a message (SSE may echo one we already have), keeping time order. */
export function upsertMessage<M extends ChatMessage>(list: M[], m: M): M[] {
  const i = list.findIndex((x) => x._id === m._id);
  if (i >= 0) return list.map((x, j) => (j === i ? m : x));
  return [...list, m].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
}

export const NOTE_TYPE = 'livechat_note';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };

/** The server HTML-escapes every visitor-facing copy (for Rocket.Chat's widget); React escapes on its own. */
export function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (m, e: string) => ENTITIES[e] ?? m);
}

/** A note stands out from the conversation: staff must not mistake it for something the visitor read. */
const noteStyle: CSSProperties = {
  alignSelf: 'stretch',
  maxWidth: 'none',
  background: '#fff6d6',
  border: '1px dashed #c9a227',
  color: '#3d3000',
};

export function MessageList({
  messages,
  mineId,
  visitorId,
  empty,
  visitorToken,
}: {
  messages: ChatMessage[];
  mineId: string;
  visitorId: string;
  empty?: string;
  /** The widget's visitor token, to read the room's files; the console reads them as staff. */
  visitorToken?: string;
}) {
  const end = useRef<HTMLLIElement>(null);
  const visitorView = mineId === visitorId;
  const auth: FileAuth = visitorToken ? { kind: 'visitor', token: visitorToken } : { kind: 'staff' };
  useEffect(() => {
    // braces matter: newer Chromium returns a Promise from scrollIntoView, and an effect must not return one
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  return (
    <ol className="messages" aria-label={t('messageList.messages')} aria-live="polite">
      {messages.length === 0 && empty && <li className="system">{empty}</li>}
      {messages.map((m, i) =>
        m.t === NOTE_TYPE ? (
          visitorView ? null : (
            <li key={m._id} className="bubble note" style={noteStyle} data-message-id={m._id}>
              <span className="author">{t('messageList.note', { name: m.u.name || m.u.username })}</span>
              <span className="text">{m.msg}</span>
              <time dateTime={m.ts}>
                {new Date(m.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
              </time>
            </li>
          )
        ) : m.t ? (
          <li key={m._id} className="system">
            {visitorView ? visitorText(m, messages.slice(i + 1), visitorId) : staffText(m)}
          </li>
        ) : (
          <li
            key={m._id}
            className={`bubble ${m.u._id === mineId ? 'mine' : m.u._id === visitorId ? 'visitor' : 'agent'}${
              attachmentsOf(m).length > 0 ? ' has-file' : ''
            }`}
            data-message-id={m._id}
          >
            {m.u._id !== mineId && <span className="author">{m.u.name || m.u.username}</span>}
            {attachmentsOf(m).length > 0 && <Attachments message={m} auth={auth} />}
            {m.msg && <span className="text">{visitorView ? decodeEntities(m.msg) : m.msg}</span>}
            <time dateTime={m.ts}>{new Date(m.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
          </li>
        ),
      )}
      <li ref={end} aria-hidden="true" className="end" />
    </ol>
  );
}
