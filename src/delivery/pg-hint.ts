/**
 * Wake-up hints between processes on one PostgreSQL database (issue 16): after this process
 * commits deliveries, a small NOTIFY tells the delivery engines of the OTHER processes to claim
 * now rather than at their next poll. This process's own engine already has them (the in-memory
 * hand-off), so a process ignores its own hints.
 *
 * A hint carries no data, only "look now": it is sent after the commit (never inside it, where
 * it would hold the notify queue's lock until commit), and coalesced to at most one per
 * HINT_INTERVAL_MS per process: the first commit after a quiet spell notifies at once, a burst
 * gets one more at the interval's end. Each hint heard costs the engine a claim round, so what a
 * process hears is coalesced the same way: at most one round per interval from hints, however
 * many processes send them. A hint lost (no listener connected, a reconnect) costs
 * latency only: every engine still polls, and polling alone finds every due delivery.
 *
 * The API thread owns the channel and relays a hint to its engine as a plain wake-up (no items),
 * the same message a replay sends: one LISTEN connection per process, whether the engine runs
 * on its own thread or in-process (main.ts wires it).
 */
import { newId } from '../domain/ids.ts';

/** The channel main.ts opens for delivery hints (one per database; tests use their own). */
export const DEFAULT_DELIVERY_CHANNEL = 'omnihook_delivery';

/** The shortest time between two hints a process sends, and between two wake-ups its hints cause, ms. */
export const HINT_INTERVAL_MS = 20;

/** What the hints need of the transport: store/notify.ts's PgChannel. */
export interface HintChannel {
  send(text: string): void;
  onMessage(fn: (text: string) => void): void;
  close(): Promise<void>;
}

export interface DeliveryHints {
  /** After a commit that made deliveries due: tells the other processes (coalesced). */
  committed(): void;
  /** Stops sending and listening; closes the channel. */
  stop(): Promise<void>;
}

export interface HintOptions {
  intervalMs?: number;
}

/**
 * `wakeEngine`: this process's engine, woken by another process's hint (undefined in a process
 * that runs no engine: it only sends).
 */
export function startDeliveryHints(
  channel: HintChannel,
  wakeEngine: (() => void) | undefined,
  opts: HintOptions = {},
): DeliveryHints {
  const intervalMs = opts.intervalMs ?? HINT_INTERVAL_MS;
  // the payload: who sent it, so a process skips its own hints (NOTIFY reaches the sender too)
  const origin = newId(12);
  let stopped = false;
  const send = coalesced(intervalMs, () => {
    if (!stopped) channel.send(origin);
  });
  // Received hints are coalesced too: with many processes each one's hints would otherwise each
  // cost this engine a claim round; one round per interval finds all of them.
  const wake = coalesced(intervalMs, () => {
    if (!stopped) wakeEngine?.();
  });
  if (wakeEngine)
    channel.onMessage((text) => {
      if (text !== origin) wake.call();
    });

  return {
    committed: () => send.call(),
    async stop() {
      stopped = true;
      send.cancel();
      wake.cancel();
      await channel.close();
    },
  };
}

/**
 * `fn` at most once per `intervalMs`: at once after a quiet spell, else once at the interval's
 * end for every call made meanwhile (none is lost, all share the one run).
 */
function coalesced(intervalMs: number, fn: () => void): { call(): void; cancel(): void } {
  let last = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    timer = undefined;
    last = performance.now();
    fn();
  };
  return {
    call() {
      if (timer) return; // one already due: it covers this call too
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) run();
      else {
        timer = setTimeout(run, wait);
        timer.unref();
      }
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
