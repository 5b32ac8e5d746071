/**
 * Proactive trigger messages in Omnihook's widget: runs the triggers livechat/config hands out
 * (triggers.ts decides when) and shows what fired as a message from the team. As in Rocket.Chat's
 * widget (packages/livechat/src/lib/triggerActions.ts) the message lives only in this browser: it
 * opens the widget, a `queue` sender is named after the agent routing would pick
 * (livechat/agent.next), and once the visitor registers to reply, the messages of triggers meant
 * for unknown visitors go away; the chat then starts as any other.
 *
 * The host page's URL comes from embed.js by postMessage ({ omnihook: 'page', url }), asked for
 * with { omnihook: 'hello' } and sent again on every change; { omnihook: 'opened' } says the
 * visitor opened the widget from the launcher. Without a host page (the frame opened on its own)
 * the frame's own URL is the page.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { TriggerRunner } from './triggers.ts';
import type { FiredTrigger, WidgetTrigger } from './triggers.ts';
import { t } from '../i18n/index.ts';

export interface ShownTrigger extends FiredTrigger {
  _id: string;
  author: string;
  ts: string;
}

const inFrame = window.parent !== window;
let hostPageUrl = inFrame ? '' : window.location.href;
const pageListeners = new Set<(url: string) => void>();
const openListeners = new Set<() => void>();

// Listening from the first moment the module runs: embed.js may send the page before React mounts.
window.addEventListener('message', (e: MessageEvent) => {
  if (!inFrame || e.source !== window.parent) return;
  const data: unknown = e.data;
  if (!data || typeof data !== 'object') return;
  const m = data as { omnihook?: unknown; url?: unknown };
  if (m.omnihook === 'page' && typeof m.url === 'string' && m.url.length <= 4096) {
    hostPageUrl = m.url;
    pageListeners.forEach((l) => l(hostPageUrl));
  }
  if (m.omnihook === 'opened') openListeners.forEach((l) => l());
});

const toParent = (message: Record<string, unknown>) => {
  if (inFrame) window.parent.postMessage(message, '*');
};

async function senderName(f: FiredTrigger, token: string, fallback: string, department?: string): Promise<string> {
  if (f.sender === 'custom') return f.name.trim() || fallback;
  try {
    const r = await api<{ agent: { name?: string; username: string } }>('GET', `livechat/agent.next/${token}`, {
      staff: false,
      query: { department },
    });
    return r.agent.name || r.agent.username;
  } catch {
    // nobody to route to yet (or the visitor is not registered): the team speaks under the widget's title
    return fallback;
  }
}

/**
 * Runs the triggers once the config is known. `registered` is whether the visitor has registered;
 * `fallbackName` names a sender when no agent name is known (the widget's title).
 */
export function useTriggerMessages(opts: {
  triggers: WidgetTrigger[] | undefined;
  registered: boolean;
  token: string;
  fallbackName: string;
  department?: string;
}): ShownTrigger[] {
  const [shown, setShown] = useState<ShownTrigger[]>([]);
  const runner = useRef<TriggerRunner | undefined>(undefined);
  const latest = useRef(opts);
  latest.current = opts;
  const { triggers, registered } = opts;
  const loaded = triggers !== undefined;

  useEffect(() => {
    if (!loaded || runner.current) return;
    const r = new TriggerRunner(latest.current.triggers ?? [], {
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
      storage: localStorage,
      fire: (f) => {
        const { token, fallbackName, department } = latest.current;
        void senderName(f, token, fallbackName, department).then((author) => {
          setShown((list) => [...list, { ...f, _id: `trigger-${f.triggerId}`, author, ts: new Date().toISOString() }]);
          toParent({ omnihook: 'open' }); // a trigger starts the conversation: the widget opens
        });
      },
    });
    runner.current = r;
    const onPage = (url: string) => r.setPageUrl(url);
    const onOpen = () => r.chatOpened();
    pageListeners.add(onPage);
    openListeners.add(onOpen);
    r.start({ pageUrl: hostPageUrl, registered: latest.current.registered });
    toParent({ omnihook: 'hello' });
    return () => {
      pageListeners.delete(onPage);
      openListeners.delete(onOpen);
      r.stop();
      runner.current = undefined;
    };
  }, [loaded]);

  useEffect(() => {
    if (!registered || !runner.current) return;
    runner.current.registered();
    setShown((list) => list.filter((m) => m.afterRegistration));
  }, [registered]);

  return shown;
}

export function TriggerMessages({ items }: { items: ShownTrigger[] }) {
  if (items.length === 0) return null;
  return (
    <ol
      className="messages trigger-messages"
      aria-label={t('triggerMessage.list')}
      aria-live="polite"
      style={{ flex: 'none' }}
    >
      {items.map((m) => (
        <li key={m._id} className="bubble agent" data-trigger-id={m.triggerId}>
          <span className="author">{m.author}</span>
          <span className="text">{m.msg}</span>
          <time dateTime={m.ts}>{new Date(m.ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</time>
        </li>
      ))}
    </ol>
  );
}
