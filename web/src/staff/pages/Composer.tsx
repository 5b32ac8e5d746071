/**
 * The chat's composer: a message to the visitor, or an internal note (livechat/room.note, never seen
 * by the visitor); canned responses; tells the visitor "agent is typing" (throttled by TypingSignal).
 * A file (the paperclip, or dropped on the composer) goes with the text as its optional description
 * (rooms.upload/:rid); it is checked against the upload settings as soon as it is picked.
 */
import { useEffect, useRef, useState } from 'react';
import type { DragEvent, FormEvent } from 'react';
import { api, errorText } from '../../api.ts';
import { useToast } from '../ui.tsx';
import type { Message } from '../types.ts';
import { CannedPicker } from '../CannedPicker.tsx';
import { TypingSignal } from '../../widget/typing.ts';
import { humanSize, precheck, sendFile } from '../../widget/upload.ts';
import { FileIcon, PaperclipIcon } from '../../widget/Attachment.tsx';
import { t } from '../../i18n/index.ts';

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
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const typing = useRef<TypingSignal>(undefined);
  typing.current ??= new TypingSignal((on) => {
    void api('POST', 'livechat/typing', { body: { rid, typing: on } }).catch(() => undefined);
  });
  useEffect(() => () => typing.current?.stop(), []);
  // The chat just became the agent's (opened after Take, or taken over here): they answer next.
  useEffect(() => {
    if (mine) input.current?.focus();
  }, [mine]);
  const noting = asNote || (!mine && canNote);
  const canSend = noting ? canNote : mine;
  // Files go to the visitor: as for a message, only from the agent serving the chat (never as a note).
  const canAttach = mine && !noting;
  const withFile = canAttach && file !== undefined;

  const pick = async (f: File | undefined) => {
    if (!f || !canAttach) return;
    const refusal = await precheck(f);
    if (refusal) {
      toast(`${f.name}: ${refusal}`, 'error');
      return;
    }
    setFile(f);
    input.current?.focus();
  };

  const sendWithFile = async (f: File) => {
    setBusy(true);
    try {
      onSent(await sendFile<Message>({ kind: 'staff' }, rid, f, text));
      setFile(undefined);
      setText('');
      input.current?.focus();
    } catch (err) {
      toast(`${f.name}: ${errorText(err)}`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    typing.current?.stop();
    if (withFile) {
      if (!busy) await sendWithFile(file);
      return;
    }
    const msg = text.trim();
    if (!msg) return;
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

  const drop = canAttach
    ? {
        onDragOver: (e: DragEvent) => {
          if (!e.dataTransfer.types.includes(t('composer.files'))) return;
          e.preventDefault(); // without it the browser opens the file instead
          setDragging(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setDragging(false);
          void pick(e.dataTransfer.files[0]);
        },
      }
    : {};

  return (
    <form className={`composer${dragging ? ' dropping' : ''}`} onSubmit={send} {...drop}>
      {withFile && (
        <div className="composer-file" role="group" aria-label={t('composer.selectedFile')}>
          <FileIcon />
          <span className="att-name">{file.name}</span>
          <span className="att-size">{humanSize(file.size)}</span>
          <button
            type="button"
            className="ghost"
            aria-label={t('composer.removeName', { name: file.name })}
            onClick={() => setFile(undefined)}
          >
            ✕
          </button>
        </div>
      )}
      {canAttach && (
        <>
          <input
            ref={picker}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-label={t('composer.fileToAttach')}
            onChange={(e) => {
              void pick(e.target.files?.[0]);
              e.target.value = ''; // picking the same file again is a new choice
            }}
          />
          <button
            type="button"
            className="attach"
            aria-label={t('composer.attachAFile')}
            title={t('composer.attachAFileOr')}
            disabled={busy}
            onClick={() => picker.current?.click()}
          >
            <PaperclipIcon />
          </button>
        </>
      )}
      <label htmlFor="agent-message" className="sr-only">
        {noting ? t('composer.internalNote') : withFile ? t('common.description') : t('triggerForm.message')}
      </label>
      <textarea
        id="agent-message"
        ref={input}
        rows={2}
        value={text}
        placeholder={
          noting
            ? t('composer.internalNoteOnlyStaff')
            : withFile
              ? t('composer.addADescriptionOptional')
              : mine
                ? t('composer.typeAMessage')
                : t('composer.youDoNotServe')
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
          {t('composer.note')}
        </label>
      )}
      <button type="submit" className="primary" disabled={!canSend || busy || (!withFile && !text.trim())}>
        {noting
          ? t('composer.addNote')
          : withFile
            ? busy
              ? t('common.sending')
              : t('composer.sendFile')
            : t('common.send')}
      </button>
    </form>
  );
}
