/**
 * The widget's notification sound: config.resources.sound (our own WAV, scripts/make-sound.ts),
 * played on an agent's message while the visitor is not looking (the chat minimised or the page
 * in the background). The mute choice persists in localStorage, per browser, like the token.
 * A refused play() (no user gesture yet, autoplay policy) is expected and stays silent: it must
 * not surface as a page error.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

const MUTED_KEY = 'omnihook.widget.muted';

function storedMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false; // storage blocked (third-party frame settings): not muted, not remembered
  }
}

export interface NotificationSound {
  muted: boolean;
  toggle(): void;
  /** Plays once unless muted or there is no sound; never throws. */
  play(): void;
}

export function useNotificationSound(src: string | undefined): NotificationSound {
  const [muted, setMuted] = useState(storedMuted);
  const audio = useRef<HTMLAudioElement | undefined>(undefined);
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  useEffect(() => {
    if (!src) return;
    const a = new Audio();
    a.preload = 'auto';
    a.src = src;
    audio.current = a;
    return () => {
      a.pause();
      audio.current = undefined;
    };
  }, [src]);

  const toggle = useCallback(() => {
    setMuted((m) => {
      try {
        localStorage.setItem(MUTED_KEY, m ? '0' : '1');
      } catch {
        // not remembered; the choice still holds for this page
      }
      return !m;
    });
  }, []);

  const play = useCallback(() => {
    const a = audio.current;
    if (!a || mutedRef.current) return;
    a.currentTime = 0;
    void a.play().catch(() => undefined);
  }, []);

  return { muted, toggle, play };
}

/** What the frame tells the launcher (web/public/widget/embed.js) about an agent's message. */
export interface AgentMessageNotice {
  omnihook: 'agent-message';
  author: string;
  text: string;
}

const inFrame = window.parent !== window;

/**
 * The frame's side of the launcher: embed.js says whether the chat is open ({omnihook:'state'}),
 * answering our 'ready'; while it is closed an agent's message goes to the launcher for its badge
 * and preview. When it opens, focus moves into the widget (the composer, else the first field).
 */
export function useHostBridge(
  sound: NotificationSound,
  launcher?: { color: string; fg: string; position: string },
): (m: { msg?: string; editedAt?: unknown; u: { username: string; name?: string } }) => void {
  const open = useRef(!inFrame);
  const soundRef = useRef(sound);
  soundRef.current = sound;

  useEffect(() => {
    if (!inFrame) return;
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent) return;
      const data = e.data as { omnihook?: string; open?: boolean } | null;
      if (data?.omnihook !== 'state') return;
      const opening = data.open === true && !open.current;
      open.current = data.open === true;
      if (opening) focusWidget();
    };
    window.addEventListener('message', onMessage);
    window.parent.postMessage({ omnihook: 'ready' }, '*');
    return () => window.removeEventListener('message', onMessage);
  }, []);

  const themeKey = launcher ? `${launcher.color} ${launcher.fg} ${launcher.position}` : '';
  useEffect(() => {
    if (!inFrame || !launcher) return;
    window.parent.postMessage({ omnihook: 'theme', ...launcher }, '*');
  }, [themeKey]);

  return useCallback((m) => {
    if (m.editedAt) return; // an edit is not news (Rocket.Chat's widget skips it too)
    const looking = open.current && document.visibilityState === 'visible' && document.hasFocus();
    if (looking) return;
    soundRef.current.play();
    if (inFrame && !open.current) {
      const notice: AgentMessageNotice = {
        omnihook: 'agent-message',
        author: m.u.name || m.u.username,
        text: (m.msg ?? '').slice(0, 140),
      };
      window.parent.postMessage(notice, '*');
    }
  }, []);
}

function focusWidget(): void {
  // the composer, else the form's first field, else its button (never the header's minimise)
  const target =
    document.querySelector<HTMLElement>('#visitor-message') ??
    document.querySelector<HTMLElement>('.wbody input:not([type=file]), .wbody select, .wbody textarea') ??
    document.querySelector<HTMLElement>('.wbody button');
  target?.focus();
}
