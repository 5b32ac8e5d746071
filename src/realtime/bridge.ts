/**
 * Live events across processes: every event this process publishes is also sent on a shared
 * channel (PostgreSQL LISTEN/NOTIFY, opened by store/notify.ts), and events other processes sent
 * are re-published on the local hub only, so an agent connected to one process sees a visitor
 * message posted through another. The channel is a hint: an event it drops (too large, a lost
 * connection) is seen again when clients reload history, and polling never depends on it.
 */
import { randomUUID } from 'node:crypto';
import type { LiveEvent } from '../domain/live-events.ts';
import type { Hub } from './hub.ts';

/** The channel name main.ts opens when none is configured. */
export const DEFAULT_LIVE_CHANNEL = 'omnihook_live';

/** A text channel shared by processes; what the bridge needs of the transport. */
export interface LiveChannel {
  send(text: string): void;
  onMessage(fn: (text: string) => void): void;
  close(): Promise<void>;
}

export interface LiveBridge {
  stop(): Promise<void>;
}

const DATE_KEYS = new Set(['ts', '_updatedAt', 'editedAt', 'lm', 'closedAt', 'queuedAt', 'createdAt']);

/** JSON turns Dates into ISO strings; the hub's consumers expect Dates back in these fields. */
function revive(key: string, value: unknown): unknown {
  return typeof value === 'string' && DATE_KEYS.has(key) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)
    ? new Date(value)
    : value;
}

export function startBridge(hub: Hub, channel: LiveChannel): LiveBridge {
  // Every process hears its own sends too: the origin id keeps it from re-publishing them.
  const origin = randomUUID();
  channel.onMessage((text) => {
    try {
      const msg = JSON.parse(text, revive) as { o: string; e: LiveEvent };
      if (msg.o !== origin) hub.emitLocal(msg.e);
    } catch {
      // a malformed notification is dropped; it can only come from a buggy peer
    }
  });
  hub.setRelay((event) => channel.send(JSON.stringify({ o: origin, e: event })));
  return {
    async stop() {
      hub.setRelay(undefined);
      await channel.close();
    },
  };
}
