/**
 * What the delivery engine needs from the rest of the process, as small ports it defines itself.
 * main.ts builds them (buildWorkerDeps); tests build them the same way. The worker never sees
 * the services or the HTTP app.
 */
import type { Outbox } from '../store/outbox/index.ts';
import type { FreshDelivery } from '../store/outbox/enqueue.ts';
import type { LivePublisher } from '../domain/live-events.ts';
import type { RocketChatRetry } from './retry.ts';

/** The few logger methods the worker calls (pino, or Fastify's pino child). */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Where the worker registers its wake-up: services call it after commits that enqueue, with the
 * deliveries the commit made (handed over in memory) or without (a replay, an endpoint enabled).
 */
export interface WakeupSlot {
  set(fn: ((fresh?: readonly FreshDelivery[]) => void) | undefined): void;
}

export interface WorkerDeps {
  /** Claims, leases and attempt records (store/outbox). */
  outbox: Outbox;
  /** Delivery status changes for live clients (the delivery log page). */
  live: LivePublisher;
  wakeups: WakeupSlot;
  /** Rocket.Chat's retry figures (Livechat_webhook_retry_count, Livechat_webhook_retry_delay_ms), read at each decision. */
  rocketchatRetry(): RocketChatRetry;
  /** EGRESS_ALLOWLIST: exceptions to the SSRF policy at connect time. */
  egressAllowlist: readonly string[];
  /** DISABLE_FAILING_ENDPOINT_AFTER_MS: the circuit breaker's last step. */
  disableFailingEndpointAfterMs: number;
  log: Log;
  now(): number;
}
