/**
 * Endpoint options and their rules: what a manager may set on a webhook endpoint. Pure; the
 * service applies them and the SSRF check (which needs DNS) is done separately.
 */
import { randomBytes } from 'node:crypto';
import { fail } from './errors.ts';
import { EVENT_TYPES } from './models.ts';
import type { EventType } from './models.ts';
import { checkHttpUrl } from './settings.ts';

/** The built-in endpoint: the Webhooks page (Rocket.Chat's Livechat_webhookUrl settings), one endpoints row. */
export const BUILTIN_ENDPOINT_ID = 'rocketchat';

/**
 * How a delivery is retried. 'rocketchat' is the promise of Rocket.Chat's managers guide for the
 * Webhooks page: Livechat_webhook_retry_count retries (10) Livechat_webhook_retry_delay_ms apart
 * (10 s); 'exponential' is Svix's table with jitter; 'list' is the manager's own delays.
 */
export type RetrySchedule = { kind: 'rocketchat' } | { kind: 'exponential' } | { kind: 'list'; delaysMs: number[] };
export type Ordering = 'room' | 'none';
export type EndpointKind = 'rocketchat' | 'custom';

/**
 * What an endpoint's kind changes in delivery, decided here once. The built-in endpoint keeps
 * Rocket.Chat's behaviour: it never trips the circuit breaker (the guide promises its retries),
 * a 410 does not disable it (its URL is a setting, not a subscription), and a success stores the
 * CRM's answer on the room as crmData. Custom endpoints follow Standard Webhooks.
 */
export interface EndpointPolicy {
  /** Consecutive failures pause the endpoint, then let one probe through (delivery/breaker.ts). */
  breaker: boolean;
  /** 410 Gone disables the endpoint. */
  goneDisables: boolean;
  /** A 2xx answer's body is stored as the room's crmData (Rocket.Chat's behaviour). */
  savesCrmData: boolean;
}

const POLICIES: Record<EndpointKind, EndpointPolicy> = {
  rocketchat: { breaker: false, goneDisables: false, savesCrmData: true },
  custom: { breaker: true, goneDisables: true, savesCrmData: false },
};

export function endpointPolicy(kind: string): EndpointPolicy {
  return kind === 'rocketchat' ? POLICIES.rocketchat : POLICIES.custom;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONCURRENCY = 10;
const MAX_DELAY_MS = 7 * 24 * 3600_000;

/** The Rocket.Chat token header, sent to receivers written for Rocket.Chat. */
export const TOKEN_HEADER = 'x-rocketchat-livechat-token';

/**
 * Headers we set ourselves, or that would break HTTP framing: a manager cannot set them on an
 * endpoint (refused at save), and a stored row that has one is ignored at send time.
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'host',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  TOKEN_HEADER,
]);

/** A fresh Standard Webhooks secret: whsec_ + base64 of 24 random bytes. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function checkUrl(url: string): string {
  const problem = checkHttpUrl(url);
  if (problem) fail('error-invalid-url', `url: ${problem}`);
  if (url.length > 2048) fail('error-invalid-url', 'url: longer than 2048 characters');
  return url;
}

export function checkEvents(events: string[]): EventType[] {
  if (events.length === 0) fail('invalid-params', 'events: subscribe to at least one event type');
  for (const e of events) {
    if (!(EVENT_TYPES as readonly string[]).includes(e))
      fail('invalid-params', `events: unknown event type ${e}; known: ${EVENT_TYPES.join(', ')}`);
  }
  return [...new Set(events)] as EventType[];
}

/** True when the text holds a control character other than tab (CR and LF among them). */
function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

export function checkHeaders(headers: Record<string, string>): Record<string, string> {
  const entries = Object.entries(headers);
  if (entries.length > 20) fail('invalid-params', 'headers: 20 at most');
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/.test(name))
      fail('invalid-params', `headers: invalid header name ${JSON.stringify(name)}`);
    if (RESERVED_HEADERS.has(name.toLowerCase()))
      fail('invalid-params', `headers: ${name} is set by Omnihook and cannot be overridden`);
    // CR, LF and other control characters would let a value inject headers or split the request.
    if (typeof value !== 'string' || value.length > 1024 || hasControlChars(value)) {
      fail('invalid-params', `headers: invalid value for ${name}`);
    }
    out[name] = value;
  }
  return out;
}

export function checkRetry(retry: { kind: string; delaysMs?: number[] }): RetrySchedule {
  if (retry.kind === 'rocketchat' || retry.kind === 'exponential') return { kind: retry.kind };
  if (retry.kind === 'list') {
    const delays = retry.delaysMs ?? [];
    if (delays.length === 0 || delays.length > 30) fail('invalid-params', 'retry.delaysMs: 1 to 30 delays');
    for (const d of delays) {
      if (!Number.isInteger(d) || d < 0 || d > MAX_DELAY_MS)
        fail('invalid-params', `retry.delaysMs: each delay is 0 to ${MAX_DELAY_MS} ms`);
    }
    return { kind: 'list', delaysMs: delays };
  }
  fail('invalid-params', "retry.kind must be 'rocketchat', 'exponential' or 'list'");
}
