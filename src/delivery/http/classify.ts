/**
 * What one attempt's result means, pure: the Standard Webhooks status table plus our failure
 * classes. A receiver's failure is an outcome (recorded, retried), never an exception.
 */

export type ErrorClass =
  | 'http'
  | 'timeout'
  | 'connection'
  | 'dns'
  | 'tls'
  | 'ssrf'
  | 'redirect'
  | 'body-too-large'
  | 'request-too-large'
  | 'config';

export type Outcome =
  | { kind: 'success' }
  /** Retry per the schedule; `retryAfterMs` (from Retry-After) is a floor and pauses the endpoint. */
  | { kind: 'retry'; errorClass: ErrorClass; message: string; retryAfterMs?: number }
  /** 410 Gone on a custom endpoint: park this delivery and disable the endpoint. */
  | { kind: 'disable'; errorClass: 'http'; message: string; reason: string };

/** The most a receiver's Retry-After may hold a delivery back. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

const THROTTLE = new Set([429, 502, 503, 504]);

/**
 * Any 2xx is a success. Rocket.Chat itself accepts only 200 and re-sends on 201/204, which makes
 * a receiver that answers 204 No Content see every event eleven times; we count 2xx as the
 * Standard Webhooks table does (documented in docs/delivery.md).
 */
export function classifyStatus(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  /** goneDisables: the endpoint's policy (domain/endpoint-rules.ts) lets a 410 disable it. */
  opts: { goneDisables: boolean; now: number },
): Outcome {
  if (status >= 200 && status < 300) return { kind: 'success' };
  if (status >= 300 && status < 400) {
    const location = headerValue(headers, 'location');
    return {
      kind: 'retry',
      errorClass: 'redirect',
      message: `HTTP ${status}: redirects are not followed${location ? ` (Location: ${location.slice(0, 512)})` : ''}`,
    };
  }
  if (status === 410 && opts.goneDisables) {
    return {
      kind: 'disable',
      errorClass: 'http',
      message: 'HTTP 410 Gone',
      reason: 'The receiver answered 410 Gone: the endpoint was disabled. Re-enable it once the receiver is back.',
    };
  }
  if (THROTTLE.has(status)) {
    const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), opts.now);
    return {
      kind: 'retry',
      errorClass: 'http',
      message: `HTTP ${status}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  return { kind: 'retry', errorClass: 'http', message: `HTTP ${status}` };
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Retry-After as delta-seconds or an HTTP date, clamped to [0, MAX_RETRY_AFTER_MS]; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (!/[a-z]/i.test(text))
    return undefined; // "-5" and other numbers are not HTTP dates
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

const TLS_CODES =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_OSSL_)/;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** Marks our own per-attempt timeout when it aborts a request. */
export class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/** Marks an abort caused by shutting down: our failure, so it spends no attempt. */
export class ShutdownError extends Error {
  constructor() {
    super('the worker is shutting down');
    this.name = 'ShutdownError';
  }
}

/** The class of a transport error (walks `cause`, where undici and fetch put the real error). */
export function classifyError(err: unknown): { errorClass: ErrorClass; message: string } {
  const chain: { code?: unknown; name?: unknown; message?: unknown }[] = [];
  let cur: unknown = err;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    chain.push(cur as { code?: unknown; name?: unknown; message?: unknown });
    cur = (cur as { cause?: unknown }).cause;
  }
  const message =
    chain.map((e) => (typeof e.message === 'string' ? e.message : '')).find((m) => m !== '') ?? String(err);
  for (const e of chain) {
    const code = typeof e.code === 'string' ? e.code : '';
    const name = typeof e.name === 'string' ? e.name : '';
    if (code === 'ERR_EGRESS_REFUSED') return { errorClass: 'ssrf', message };
    if (name === 'AttemptTimeoutError' || TIMEOUT_CODES.has(code)) return { errorClass: 'timeout', message };
    if (DNS_CODES.has(code)) return { errorClass: 'dns', message };
    if (TLS_CODES.test(code)) return { errorClass: 'tls', message };
  }
  return { errorClass: 'connection', message };
}
