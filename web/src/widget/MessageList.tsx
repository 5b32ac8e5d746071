/** The message list shared by the widget and the agent's chat view; scrolls to the newest. */
import { useEffect, useRef } from 'react';

export interface ChatMessage {
  _id: string;
  msg: string;
  ts: string;
  u: { _id: string; username: string; name?: string };
  t?: string;
}

/** Adds or replaces a message (SSE may echo one we already have), keeping time order. */
export function upsertMessage<M extends ChatMessage>(list: M[], m: M): M[] {
  const i = list.findIndex((x) => x._id === m._id);
  if (i >= 0) return list.map((x, j) => (j === i ? m : x));
  return [...list, m].sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
}

function systemText(m: ChatMessage): string {
  if (m.t === 'livechat-close') return `Conversation closed${m.msg ? `: ${m.msg}` : ''}`;
  if (m.t === 'livechat_transfer_history') return `Chat forwarded${m.msg ? `: ${m.msg}` : ''}`;
  return m.msg || m.t || '';
}

export function MessageList({
  messages,
  mineId,
  visitorId,
  empty,
}: {
  messages: ChatMessage[];
  mineId: string;
  visitorId: string;
  empty?: string;
}) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // braces matter: newer Chromium returns a Promise from scrollIntoView, and an effect must not return one
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  return (
    <ol className="messages" aria-label="Messages" aria-live="polite">
      {messages.length === 0 && empty && <li className="system">{empty}</li>}
      {messages.map((m) =>
        m.t ? (
          <li key={m._id} className="system">
            {systemText(m)}
          </li>
        ) : (
          <li
            key={m._id}
            className={`bubble ${m.u._id === mineId ? 'mine' : m.u._id === visitorId ? 'visitor' : 'agent'}`}
            data-message-id={m._id}
          >
            {m.u._id !== mineId && <span className="author">{m.u.name || m.u.username}</span>}
            <span className="text">{m.msg}</span>
            <time dateTime={m.ts}>{new Date(m.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
          </li>
        ),
      )}
      <li ref={end} aria-hidden="true" className="end" />
    </ol>
  );
}
