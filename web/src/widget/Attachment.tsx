/**
 * A file in a message, for the widget and the console alike, from Rocket.Chat's shape (`file` +
 * `attachments`): an image as a thumbnail that opens full size in a lightbox; anything else as a
 * named link with its size ("report.pdf · 120 KB") that saves it. The bytes are fetched with the
 * reader's credentials in headers (upload.ts): an <img src> could only carry them in its URL.
 */
import { useEffect, useState } from 'react';
import type { ChatAttachment, ChatMessage } from './chat-message.ts';
import { fileObjectUrl, humanSize } from './upload.ts';
import type { FileAuth } from './upload.ts';
import { t } from '../i18n/index.ts';

/** Drawn, not emoji: a system without an emoji font would show an empty box. */
export function PaperclipIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l8-8"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function FileIcon() {
  return (
    <svg className="att-icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The attachments to show; a message with only `file` (older or foreign shapes) still gets its link. */
export function attachmentsOf(m: ChatMessage): ChatAttachment[] {
  if (m.attachments?.length) return m.attachments;
  if (!m.file) return [];
  return [
    {
      type: 'file',
      title: m.file.name,
      title_link: `/file-upload/${m.file._id}/${encodeURIComponent(m.file.name)}`,
      size: m.file.size,
    },
  ];
}

function sizeOf(a: ChatAttachment, m: ChatMessage): number | undefined {
  return a.size ?? a.image_size ?? a.audio_size ?? a.video_size ?? m.file?.size;
}

export function Attachments({ message, auth }: { message: ChatMessage; auth: FileAuth }) {
  const list = attachmentsOf(message);
  if (list.length === 0) return null;
  return (
    <div className="attachments">
      {list.map((a, i) =>
        a.image_url ? (
          <ImageAttachment key={i} a={a} url={a.image_url} auth={auth} />
        ) : (
          <FileLink key={i} a={a} size={sizeOf(a, message)} auth={auth} />
        ),
      )}
    </div>
  );
}

function useObjectUrl(url: string, auth: FileAuth): { src?: string; error?: string } {
  const [state, setState] = useState<{ src?: string; error?: string }>({});
  const key = auth.kind === 'visitor' ? auth.token : 'staff';
  useEffect(() => {
    let src: string | undefined;
    let gone = false;
    fileObjectUrl(url, auth).then(
      (u) => {
        src = u;
        if (gone) URL.revokeObjectURL(u);
        else setState({ src: u });
      },
      (e: unknown) => !gone && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      gone = true;
      if (src) URL.revokeObjectURL(src);
    };
    // auth is compared by its token: a new object with the same reader must not refetch
  }, [url, key]);
  return state;
}

function ImageAttachment({ a, url, auth }: { a: ChatAttachment; url: string; auth: FileAuth }) {
  const { src, error } = useObjectUrl(url, auth);
  const [open, setOpen] = useState(false);
  const title = a.title || 'image';
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (error) return <span className="att-error">{`${title}: ${error}`}</span>;
  return (
    <>
      <button
        type="button"
        className="att-thumb"
        onClick={() => src && setOpen(true)}
        aria-label={t('attachment.openTitleFullSize', { title: title })}
        title={title}
      >
        {src ? (
          <img src={src} alt={title} />
        ) : (
          <span className="att-loading">{t('attachment.loading', { title })}</span>
        )}
      </button>
      {open && src && (
        <div className="att-lightbox" role="dialog" aria-modal="true" aria-label={title} onClick={() => setOpen(false)}>
          <img src={src} alt={title} onClick={(e) => e.stopPropagation()} />
          <div className="att-lightbox-bar" onClick={(e) => e.stopPropagation()}>
            <span className="att-name">{title}</span>
            <a href={src} download={title}>
              {t('attachment.download')}
            </a>
            <button type="button" onClick={() => setOpen(false)} autoFocus>
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
    </>
  );
}

function FileLink({ a, size, auth }: { a: ChatAttachment; size?: number; auth: FileAuth }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const title = a.title || 'file';
  const url = a.title_link ?? a.audio_url ?? a.video_url;
  if (!url) return null;
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const src = await fileObjectUrl(url, auth);
      const link = document.createElement('a');
      link.href = src;
      link.download = title;
      document.body.appendChild(link);
      link.click();
      link.remove();
      // the download has started from the blob; give it a moment before freeing it
      setTimeout(() => URL.revokeObjectURL(src), 60_000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="att-file-wrap">
      <a
        className="att-file"
        href={url}
        onClick={(e) => {
          e.preventDefault();
          if (!busy) void save();
        }}
      >
        <FileIcon />
        <span className="att-name">{title}</span>
        {size !== undefined && <span className="att-size"> · {humanSize(size)}</span>}
      </a>
      {error && (
        <span className="att-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
