/** What every staff page needs: who is logged in and the shared live stream. */
import { createContext, useContext, useEffect, useRef } from 'react';
import type { Me } from '../api.ts';
import type { LiveHandler, LiveStream } from '../live.ts';

export interface StaffContext {
  me: Me;
  setMe: (me: Me) => void;
  live: LiveStream;
  logout: () => void;
}

export const AppContext = createContext<StaffContext | null>(null);

export function useApp(): StaffContext {
  const ctx = useContext(AppContext);
  if (!ctx) throw new Error('useApp outside the logged-in app');
  return ctx;
}

/** Subscribes to live events for the component's lifetime; the latest handler is always used. */
export function useLive(handler: LiveHandler): void {
  const { live } = useApp();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => live.subscribe((kind, data) => ref.current(kind, data)), [live]);
}
