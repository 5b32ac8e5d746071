/** The side panel of a chat: who the visitor is and what is known about the conversation; forward and close. */
import { api } from '../../api.ts';
import { useLoad, when } from '../ui.tsx';
import type { Room } from '../types.ts';
import { ChatActions } from './ChatActions.tsx';

interface Visitor {
  name?: string;
  username: string;
  visitorEmails?: { address: string }[];
  phone?: { phoneNumber: string }[];
  ip?: string;
  host?: string;
}

export function VisitorPanel({
  room,
  onForwarded,
  onClosed,
}: {
  room: Room;
  onForwarded: (to: string) => void;
  onClosed: () => void;
}) {
  const visitor = useLoad(
    () =>
      api<{ visitor: Visitor }>('GET', `livechat/visitor/${encodeURIComponent(room.v.token)}`, {
        staff: false,
      }).then((r) => r.visitor),
    [room.v.token],
  );
  const v = visitor.data;
  return (
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
      {room.open && <ChatActions room={room} onForwarded={onForwarded} onClosed={onClosed} />}
    </aside>
  );
}
