/**
 * The messages between the API thread and the delivery thread (thread.ts, thread-main.ts). Plain
 * data only: they cross with structured clone.
 */
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import type { LiveEvent } from '../domain/live-events.ts';
import type { RocketChatRetry } from './retry.ts';
import type { WorkerOptions } from './worker.ts';

/** What the thread is started with (workerData). */
export interface ThreadInit {
  databaseUrl: string;
  databaseTimeoutMs: number;
  egressAllowlist: readonly string[];
  disableFailingEndpointAfterMs: number;
  retry: RocketChatRetry;
  options: WorkerOptions;
}

/** SQLite: the writes the thread asks the API thread's connection to make (the file's one writer). */
export type WriteOp = 'claim' | 'release' | 'record' | 'recoverAtStart';

export type ToThread =
  /** Deliveries just committed; empty: a plain wake-up (a replay, an endpoint enabled). */
  | { t: 'fresh'; items: FreshDelivery[] }
  | { t: 'retry'; retry: RocketChatRetry }
  | { t: 'stop' }
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; message: string };

export type LogLevel = 'info' | 'warn' | 'error';

export type FromThread =
  | { t: 'ready' }
  | { t: 'live'; event: LiveEvent }
  | { t: 'call'; id: number; op: WriteOp; args: unknown[] }
  | { t: 'log'; level: LogLevel; obj: object; msg: string }
  | { t: 'stopped' }
  | { t: 'failed'; message: string };
