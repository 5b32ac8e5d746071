/** Parent-side handle on the receiver child (bench/servers/receiver.ts). */
import { serverScript, spawnChild } from './child.ts';
import type { Child, ChildMessage } from './child.ts';
import type { Summary } from './stats.ts';
import { sleep } from './stats.ts';

export interface ReceiverStats extends ChildMessage {
  count: number;
  uniqueIds: number;
  outOfOrder: number;
  missingStamp: number;
  firstAt: number;
  lastAt: number;
  meanBodyBytes: number;
  latency: Summary;
}

export interface Receiver {
  readonly child: Child;
  readonly url: string;
  /** Receipts so far, as last pushed by the child (at most ~20 ms old). */
  received(): number;
  reset(): Promise<void>;
  stats(): Promise<ReceiverStats>;
  /** Waits until `n` receipts or `timeoutMs`; resolves with the count reached. */
  waitFor(n: number, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

/** `delayMs`: the receiver sleeps that long before it answers each request (a slow CRM). */
export async function startReceiver(opts: { delayMs?: number } = {}): Promise<Receiver> {
  const child = await spawnChild('receiver', serverScript('receiver'), {
    env: opts.delayMs ? { RECEIVER_DELAY_MS: String(opts.delayMs) } : {},
  });
  let count = 0;
  child.onMessage((m) => {
    if (m.type === 'count') count = Number(m.n);
  });
  return {
    child,
    url: `http://127.0.0.1:${child.port}/hook`,
    received: () => count,
    reset: async () => {
      await child.request({ cmd: 'reset' }, 'reset-ok');
      count = 0;
    },
    stats: async () => {
      const s = await child.request<ReceiverStats>({ cmd: 'stats' }, 'stats');
      count = s.count;
      return s;
    },
    waitFor: async (n, timeoutMs) => {
      const end = Date.now() + timeoutMs;
      while (count < n && Date.now() < end) await sleep(20);
      return count;
    },
    stop: () => child.stop(),
  };
}
