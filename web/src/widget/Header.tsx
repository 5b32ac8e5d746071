/**
 * The widget's header: the shop's title in its colour, one line saying where the chat stands, and
 * the controls (end the chat, minimise). The status line follows the room: waiting, served, ended;
 * a closed room no longer claims that somebody is chatting with the visitor.
 */
import { useEffect } from 'react';
import type { ReactNode, RefObject } from 'react';
import { t } from '../i18n/index.ts';

const TEXT = {
  chattingWith: (agent: string) => t('header.chattingWith', { agent }),
};

/** Where the visitor's chat stands, as far as the header tells it. */
export type HeaderState =
  | { kind: 'none' } // offline, registering, or no room yet
  | { kind: 'waiting' }
  | { kind: 'chatting'; agent: string }
  | { kind: 'ended' };

export function headerState(opts: { offline: boolean; rid?: string; closed: boolean; agent?: string }): HeaderState {
  if (opts.offline || !opts.rid) return { kind: 'none' };
  if (opts.closed) return { kind: 'ended' };
  return opts.agent ? { kind: 'chatting', agent: opts.agent } : { kind: 'waiting' };
}

function statusText(state: HeaderState): string | undefined {
  switch (state.kind) {
    case 'waiting':
      return t('header.waiting');
    case 'chatting':
      return TEXT.chattingWith(state.agent);
    case 'ended':
      return t('header.ended');
    case 'none':
      return undefined;
  }
}

export function Header(props: {
  title: string;
  color: string;
  state: HeaderState;
  /** Extra controls shown before the minimise button (e.g. ending the chat). */
  actions?: ReactNode;
  /** Absent when the widget is not inside a page's iframe: there is nothing to minimise into. */
  onMinimize?: () => void;
}) {
  const status = statusText(props.state);
  return (
    <header className="wheader" style={{ background: props.color }}>
      <div>
        <h1>{props.title}</h1>
        {status && (
          <p className="wsub" data-testid="widget-status" aria-live="polite">
            {status}
          </p>
        )}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.25rem' }}>
        {props.actions}
        {props.onMinimize && (
          <button type="button" className="wclose" onClick={props.onMinimize} aria-label={t('header.minimize')}>
            –
          </button>
        )}
      </div>
    </header>
  );
}

/**
 * Moves focus into `ref` (the composer) when the widget appears: on load when it is visible, and
 * when the embedding page opens it. The iframe starts hidden (no size); opening it gives it a size,
 * which the frame sees as a resize from zero width. `ready` waits for the element to exist.
 */
export function useFocusWhenShown(ref: RefObject<HTMLElement | null>, ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    if (window.innerWidth > 0) ref.current?.focus({ preventScroll: true });
    let width = window.innerWidth;
    const onResize = () => {
      if (width === 0 && window.innerWidth > 0) ref.current?.focus({ preventScroll: true });
      width = window.innerWidth;
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [ref, ready]);
}
