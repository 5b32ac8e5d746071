/**
 * Typing indicators, shared by the widget and the staff console.
 * - `TypingSignal` sends "typing" at most once per `everyMs` while the text changes, and "stopped"
 *   after `idleMs` without a change, when the text is emptied, on send and on leaving.
 * - `useTypingIndicator` shows who is typing; a missed "stopped" (a closed tab) expires on its
 *   own after `expireMs`, longer than the senders' repeat interval (ours 2.5 s, Rocket.Chat's 4.5 s).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export class TypingSignal {
  private active = false;
  private lastSent = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly everyMs = 2500,
    private readonly idleMs = 4000,
  ) {}

  /** Call with the composer's text on every change. */
  input(text: string): void {
    if (!text.trim()) return this.stop();
    const now = Date.now();
    if (!this.active || now - this.lastSent >= this.everyMs) {
      this.active = true;
      this.lastSent = now;
      this.send(true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (!this.active) return;
    this.active = false;
    this.send(false);
  }
}

/** Who is typing now (a username), and the function to feed it typing events. */
export function useTypingIndicator(expireMs = 8000): [string | undefined, (username: string, typing: boolean) => void] {
  const [who, setWho] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onTyping = useCallback(
    (username: string, typing: boolean) => {
      clearTimeout(timer.current);
      if (!typing) return setWho(undefined);
      setWho(username);
      timer.current = setTimeout(() => setWho(undefined), expireMs);
    },
    [expireMs],
  );
  return [who, onTyping];
}
