/**
 * The delivery engine's warn lines for operators (issue 17): a failed attempt, a breaker pause and
 * resume, a delivery parked as failed. All messages in one place; every line names the endpoint
 * and its URL without credentials or query (a query often carries an API key).
 */
import type { EndpointRow } from '../store/outbox/target.ts';
import type { Log } from './ports.ts';

export const LOG_LINES = {
  attemptFailed: 'webhook delivery attempt failed',
  parked: 'webhook delivery failed for good; parked (replay it from the delivery log)',
  paused: 'endpoint paused by the circuit breaker',
  resumed: 'endpoint resumed: a probe succeeded',
  disabled: 'endpoint disabled',
  builtinName: 'Webhooks page',
} as const;

/** scheme://host[:port]/path: no user, password, query or fragment. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

export function endpointName(endpoint: EndpointRow | undefined): string {
  if (!endpoint) return '(deleted endpoint)';
  if (endpoint.kind === 'rocketchat') return LOG_LINES.builtinName;
  return endpoint.description?.trim() || endpoint._id;
}

export interface FailedAttempt {
  deliveryId: string;
  endpoint: EndpointRow | undefined;
  endpointId: string;
  attempt: number;
  errorClass: string | null;
  errorMessage: string | null;
  statusCode: number | null;
  status: 'pending' | 'failed';
  nextAttemptAt: number;
}

export function logFailedAttempt(log: Log, f: FailedAttempt): void {
  const fields = {
    deliveryId: f.deliveryId,
    endpointId: f.endpointId,
    endpoint: endpointName(f.endpoint),
    url: f.endpoint ? safeUrl(f.endpoint.url) : null,
    attempt: f.attempt,
    errorClass: f.errorClass,
    error: f.errorMessage,
    ...(f.statusCode !== null ? { statusCode: f.statusCode } : {}),
  };
  if (f.status === 'pending') {
    log.warn({ ...fields, nextAttemptAt: new Date(f.nextAttemptAt).toISOString() }, LOG_LINES.attemptFailed);
  } else {
    log.warn(fields, LOG_LINES.attemptFailed);
    log.warn(fields, LOG_LINES.parked);
  }
}

export function logPaused(log: Log, endpointId: string, endpoint: EndpointRow | undefined, until: number): void {
  log.warn(
    {
      endpointId,
      endpoint: endpointName(endpoint),
      url: endpoint ? safeUrl(endpoint.url) : null,
      pausedUntil: new Date(until).toISOString(),
    },
    LOG_LINES.paused,
  );
}

export function logDisabled(log: Log, endpointId: string, endpoint: EndpointRow | undefined, reason: string): void {
  log.warn(
    { endpointId, endpoint: endpointName(endpoint), url: endpoint ? safeUrl(endpoint.url) : null, reason },
    LOG_LINES.disabled,
  );
}

export function logResumed(log: Log, endpointId: string, endpoint: EndpointRow | undefined): void {
  log.warn(
    { endpointId, endpoint: endpointName(endpoint), url: endpoint ? safeUrl(endpoint.url) : null },
    LOG_LINES.resumed,
  );
}
