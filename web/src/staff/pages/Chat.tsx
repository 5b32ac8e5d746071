/**
 * One conversation for its agent: live messages, send, internal notes, visitor info, forward and close; typing
 * shown both ways. While it is open (and the tab visible) its messages count as read (notify.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { useApp, useLive } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, useLoad, useToast, when } from '../ui.tsx';
import type { Message, Room } from '../types.ts';
import { ChatActions } from './ChatActions.tsx';
import { CannedPicker } from '../CannedPicker.tsx';
import { MessageList, upsertMessage } from '../../widget/MessageList.tsx';
import { TypingSignal, useTypingIndicator } from '../../widget/typing.ts';
import { useAttention } from '../notify.ts';

interface Visitor {
  name?: string;
  username: string;
  visitorEmails?: { address: string }[];
  phone?: { phoneNumber: string }[];
  ip?: string;
  host?: string;
}

export function ChatPage({ rid }: { rid: string }) {
  const { me } = useApp();
  const toast = useToast();
  const [room, setRoom] = useState<Room>();
  const [error, setError] = useState<unknown>();
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  // Note mode: what is typed becomes an internal note (livechat/room.note), never seen by the visitor.
  const [asNote, setAsNote] = useState(false);
  const [notice, setNotice] = useState<string>();
  const input = useRef<HTMLTextAreaElement>(null);
  const [, attention] = useAttention();
  useEffect(() => {
    attention.setViewing(rid);
    return () => attention.setViewing(undefined);
  }, [attention, rid]);
  const [visitorTyping, onTyping] = useTypingIndicator();
  // The composer tells the visitor "agent is typing" (livechat/typing), throttled by TypingSignal.
  const typing = useRef<TypingSignal>(undefined);
  typing.current ??= new TypingSignal((on) => {
    void api('POST', 'livechat/typing', { body: { rid, typing: on } }).catch(() => undefined);
  });
  useEffect(() => () => typing.current?.stop(), []);

  const loadRoom = () =>
    api<{ room: Room }>('GET', 'rooms.info', { query: { roomId: rid } }).then((r) => setRoom(r.room), setError);
  const loadMessages = () =>
    api<{ messages: Message[] }>('GET', `livechat/messages.history/${rid}`, { query: { limit: 200 } }).then(
      (r) => setMessages(r.messages.slice().reverse()),
      setError,
    );
  useEffect(() => {
    void loadRoom();
    void loadMessages();
  }, [rid]);
  const visitor = useLoad(
    () =>
      room
        ? api<{ visitor: Visitor }>('GET', `livechat/visitor/${encodeURIComponent(room.v.token)}`, {
            staff: false,
          }).then((r) => r.visitor)
        : Promise.resolve(undefined),
    [room?.v.token],
  );

  useLive((kind, data) => {
    if (kind === 'ready') {
      void loadRoom();
      void loadMessages();
      return;
    }
    if (kind === 'message') {
      const m = data.message as Message;
      if (m.rid !== rid) return;
      setMessages((list) => upsertMessage(list, m));
      if (m.token) onTyping('', false); // a visitor who sent has stopped typing
    }
    if (kind === 'typing' && data.rid === rid && data.from === 'visitor')
      onTyping(String(data.username), data.typing === true);
    if (kind === 'message-deleted') setMessages((list) => list.filter((m) => m._id !== data._id));
    if (kind === 'room') {
      const r = data.room as Room;
      if (r._id !== rid) return;
      setRoom(r);
      if (data.action === 'closed') setNotice('This conversation is closed.');
      else if (data.action === 'forwarded' && r.servedBy?._id !== me._id)
        setNotice(`Forwarded${r.servedBy ? ` to ${r.servedBy.username}` : ' to the queue'}.`);
    }
  });

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const msg = text.trim();
    if (!msg) return;
    typing.current?.stop();
    try {
      const r = asNote
        ? await api<{ message: Message }>('POST', 'livechat/room.note', { body: { rid, msg } })
        : await api<{ message: Message }>('POST', 'chat.sendMessage', { body: { message: { rid, msg } } });
      setMessages((list) => upsertMessage(list, r.message));
      setText('');
      input.current?.focus();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  if (error && !room) return <ErrorText error={error} />;
  if (!room) return <p className="loading">Loading…</p>;
  const mine = room.open && room.servedBy?._id === me._id;
  // Same rule as the server: the serving agent, or staff who act on any room; closed chats take notes.
  const canNote = room.servedBy?._id === me._id || me.roles.some((r) => r === 'admin' || r === 'livechat-manager');
  const noting = asNote || (!mine && canNote);
  const canSend = noting ? canNote : mine;
  const v = visitor.data;

  return (
    <section className="page chat-page">
      <header className="page-header">
        <h1>{room.fname}</h1>
        <Link to="/omnichannel/current">Back to Current Chats</Link>
      </header>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="chat-layout">
        <div className="card chat">
          <MessageList messages={messages} mineId={me._id} visitorId={room.v._id} />
          <p className="typing" aria-live="polite">
            {visitorTyping && room.open ? 'Visitor is typing…' : ''}
          </p>
          {!room.open && <p className="muted">Closed {when(room.closedAt)}.</p>}
          {room.open || canNote ? (
            <form className="composer" onSubmit={send}>
              <label htmlFor="agent-message" className="sr-only">
                {noting ? 'Internal note' : 'Message'}
              </label>
              <textarea
                id="agent-message"
                ref={input}
                rows={2}
                value={text}
                placeholder={
                  noting ? 'Internal note: only staff see it' : mine ? 'Type a message' : 'You do not serve this chat'
                }
                disabled={!canSend}
                style={noting ? { background: '#fff6d6' } : undefined}
                onChange={(e) => {
                  setText(e.target.value);
                  // a note is not typing towards the visitor
                  if (!noting) typing.current?.input(e.target.value);
                }}
                onBlur={() => typing.current?.stop()}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    void send();
                  }
                }}
              />
              {canSend && <CannedPicker text={text} onChange={setText} />}
              {mine && (
                <label className="note-toggle">
                  <input
                    type="checkbox"
                    checked={asNote}
                    onChange={(e) => {
                      setAsNote(e.target.checked);
                      typing.current?.stop();
                    }}
                  />{' '}
                  Note
                </label>
              )}
              <button type="submit" className="primary" disabled={!canSend || !text.trim()}>
                {noting ? 'Add note' : 'Send'}
              </button>
            </form>
          ) : null}
        </div>
        <aside className="card info" aria-label="Visitor">
          <h2>Visitor</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{v?.name ?? room.fname}</dd>
            <dt>Email</dt>
            <dd>{v?.visitorEmails?.[0]?.address ?? '–'}</dd>
            {v?.phone?.[0] && (
              <>
                <dt>Phone</dt>
                <dd>{v.phone[0].phoneNumber}</dd>
              </>
            )}
            <dt>Username</dt>
            <dd>{room.v.username}</dd>
            <dt>Started</dt>
            <dd>{when(room.ts)}</dd>
            <dt>Agent</dt>
            <dd>{room.servedBy?.username ?? 'waiting in queue'}</dd>
            {room.browser && (
              <>
                <dt>Browser</dt>
                <dd>
                  {room.browser}
                  {room.os ? ` on ${room.os}` : ''}
                </dd>
              </>
            )}
            {room.ip && (
              <>
                <dt>IP</dt>
                <dd>{room.ip}</dd>
              </>
            )}
            {room.tags && room.tags.length > 0 && (
              <>
                <dt>Tags</dt>
                <dd>{room.tags.join(', ')}</dd>
              </>
            )}
          </dl>
          {room.open && (
            <ChatActions
              room={room}
              onForwarded={(to) => setNotice(`Forwarded to ${to}.`)}
              onClosed={() => setNotice('This conversation is closed.')}
            />
          )}
        </aside>
      </div>
    </section>
  );
}
