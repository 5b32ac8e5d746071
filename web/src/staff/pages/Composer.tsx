/**
 * The chat's composer: a message to the visitor, or an internal note (livechat/room.note, never seen
 * by the visitor); canned responses; tells the visitor "agent is typing" (throttled by TypingSignal).
 */
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { useToast } from '../ui.tsx';
import type { Message } from '../types.ts';
import { CannedPicker } from '../CannedPicker.tsx';
import { TypingSignal } from '../../widget/typing.ts';

export function Composer({
  rid,
  mine,
  canNote,
  onSent,
}: {
  rid: string;
  /** the signed-in agent serves this open chat */
  mine: boolean;
  /** may write internal notes here (serving agent, or staff who act on any room) */
  canNote: boolean;
  onSent: (m: Message) => void;
}) {
  const toast = useToast();
  const [text, setText] = useState('');
  const [asNote, setAsNote] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef<TypingSignal>(undefined);
  typing.current ??= new TypingSignal((on) => {
    void api('POST', 'livechat/typing', { body: { rid, typing: on } }).catch(() => undefined);
  });
  useEffect(() => () => typing.current?.stop(), []);
  const noting = asNote || (!mine && canNote);
  const canSend = noting ? canNote : mine;

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    const msg = text.trim();
    if (!msg) return;
    typing.current?.stop();
    try {
      const r = noting
        ? await api<{ message: Message }>('POST', 'livechat/room.note', { body: { rid, msg } })
        : await api<{ message: Message }>('POST', 'chat.sendMessage', { body: { message: { rid, msg } } });
      onSent(r.message);
      setText('');
      input.current?.focus();
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  return (
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
  );
}
