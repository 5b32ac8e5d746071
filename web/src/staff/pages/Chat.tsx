/**
 * One conversation for its agent: live messages (Composer sends, VisitorPanel shows who and acts); typing
 * shown both ways. While it is open (and the tab visible) its messages count as read (notify.ts).
 * Managers who do not serve it may join it (Rocket.Chat's room.join) or take it over (a forward
 * to themselves, so it is recorded as a forward).
 */
import { useEffect, useState } from 'react';
import { api, errorText, isAgent, isManager } from '../../api.ts';
import { useApp, useLive } from '../app-context.ts';
import { Link } from '../router.tsx';
import { ErrorText, useToast, when } from '../ui.tsx';
import type { Message, Room } from '../types.ts';
import { MessageList, upsertMessage } from '../../widget/MessageList.tsx';
import { useTypingIndicator } from '../../widget/typing.ts';
import { useAttention } from '../notify.ts';
import { Composer } from './Composer.tsx';
import { VisitorPanel } from './VisitorPanel.tsx';
import { t } from '../../i18n/index.ts';

export function ChatPage({ rid }: { rid: string }) {
  const { me } = useApp();
  const [room, setRoom] = useState<Room>();
  const [error, setError] = useState<unknown>();
  const [messages, setMessages] = useState<Message[]>([]);
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const [, attention] = useAttention();
  useEffect(() => {
    attention.setViewing(rid);
    return () => attention.setViewing(undefined);
  }, [attention, rid]);
  const [visitorTyping, onTyping] = useTypingIndicator();
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
      if (data.action === 'closed') setNotice(t('chat.thisConversationIsClosed'));
      else if (data.action === 'forwarded' && r.servedBy?._id !== me._id)
        setNotice(r.servedBy ? t('chat.forwardedTo', { to: r.servedBy.username }) : t('chat.forwardedToQueue'));
    }
  });

  if (error && !room) return <ErrorText error={error} />;
  if (!room) return <p className="loading">{t('common.loading')}</p>;
  const mine = room.open && room.servedBy?._id === me._id;
  const manager = isManager(me);
  const joined = messages.some((m) => m.t === 'uj' && m.u._id === me._id);
  const oversee = manager && room.open && !mine;
  const act = async (what: 'join' | 'take') => {
    setBusy(true);
    try {
      if (what === 'join') {
        await api('GET', 'livechat/room.join', { query: { roomId: rid } });
        toast(t('chat.youJoinedTheChat'));
        void loadMessages();
      } else {
        await api('POST', 'livechat/room.forward', { body: { roomId: rid, userId: me._id } });
        setNotice(t('chat.youNowServeThis'));
        void loadRoom();
      }
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  // Same rule as the server: the serving agent, or staff who act on any room; closed chats take notes.
  const canNote = room.servedBy?._id === me._id || me.roles.some((r) => r === 'admin' || r === 'livechat-manager');

  return (
    <section className="page chat-page">
      <header className="page-header">
        <h1>{room.fname}</h1>
        {oversee && (
          <div className="row-actions chat-oversee">
            <span className="muted small">
              {room.servedBy
                ? t('chat.servedByUsername', { username: room.servedBy.username })
                : t('chat.waitingInTheQueue')}
            </span>
            {!joined && (
              <button type="button" disabled={busy} onClick={() => void act('join')}>
                {t('chat.join')}
              </button>
            )}
            {isAgent(me) && (
              <button type="button" className="primary" disabled={busy} onClick={() => void act('take')}>
                {t('chat.takeOver')}
              </button>
            )}
          </div>
        )}
        {/* this conversation's webhook deliveries to every endpoint, with resend (managers) */}
        {manager && (
          <Link to={`/omnichannel/room-deliveries?roomId=${encodeURIComponent(rid)}`}>{t('endpoints.deliveries')}</Link>
        )}
        {mine ? (
          <Link to="/omnichannel/current">{t('chat.backToCurrentChats')}</Link>
        ) : (
          <Link to="/omnichannel/chats">{t('chat.backToChats')}</Link>
        )}
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
            {visitorTyping && room.open ? t('chat.visitorIsTyping') : ''}
          </p>
          {!room.open && <p className="muted">{t('chat.closedAt', { when: when(room.closedAt) })}</p>}
          {(room.open || canNote) && (
            <Composer rid={rid} mine={mine} canNote={canNote} onSent={(m) => setMessages((l) => upsertMessage(l, m))} />
          )}
        </div>
        <VisitorPanel
          room={room}
          onForwarded={(to) => setNotice(t('chat.forwardedTo', { to }))}
          onClosed={() => setNotice(t('chat.thisConversationIsClosed'))}
        />
      </div>
    </section>
  );
}
