/**
 * One attempt of one claimed delivery: build the request from the stored event and the endpoint
 * row (the built-in endpoint's row holds the Webhooks-page URL, token and timeout, written
 * through from the settings), send it, classify the outcome, decide the next state, record it all.
 */
import type { Dispatcher } from 'undici';
import { checkHttpUrl } from '../domain/settings.ts';
import { endpointPolicy } from '../domain/endpoint-rules.ts';
import { VERSION } from '../version.ts';
import { classifyError, classifyStatus } from './http/classify.ts';
import type { Outcome } from './http/classify.ts';
import type { ClaimedRow } from '../store/outbox/claim.ts';
import type { Target } from '../store/outbox/target.ts';
import { decide } from './decide.ts';
import type { DeliveryStatus } from './decide.ts';
import { buildHeaders, redactHeaders } from './http/headers.ts';
import { breakerRule } from './breaker.ts';
import type { BreakerChange } from './breaker.ts';
import { parseSchedule } from './retry.ts';
import type { RetrySchedule } from './retry.ts';
import { send } from './http/send.ts';
import type { SendResult } from './http/send.ts';
import type { WorkerDeps } from './ports.ts';

export const USER_AGENT = `Omnihook/${VERSION}`;

/** Largest request body a delivery sends. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;

/** What an attempt came to, for the live event and the engine's log lines. */
export interface Attempted {
  status: DeliveryStatus;
  errorClass: string | null;
  errorMessage: string | null;
  statusCode: number | null;
  nextAttemptAt: number;
  /** The endpoint was paused (until) or disabled (reason) by this attempt. */
  paused?: number;
  disabled?: string;
}

export type AttemptResult = 'released' | Attempted;

export async function attemptOnce(
  s: WorkerDeps,
  dispatcher: Dispatcher,
  owner: string,
  row: ClaimedRow & { unleased?: boolean },
  target: Target | undefined,
  signal: AbortSignal,
  /** Called once the receiver answered 2xx, before the record: the request's slot may be reused. */
  sentOk?: () => void,
): Promise<AttemptResult> {
  // on the worker's clock, like the record's `now`: the breaker compares the two
  const c: AttemptCtx = {
    s,
    owner,
    row,
    attempt: row.attempts + 1,
    startedAt: s.now(),
    unleased: row.unleased === true,
  };
  if (!target) {
    // The event or endpoint row is gone (deleted by hand): nothing can ever be sent; park it.
    const now = s.now();
    const outcome: Outcome = {
      kind: 'retry',
      errorClass: 'config',
      message: 'the event or the endpoint no longer exists',
    };
    return finish(c, { kind: 'list', delaysMs: [] }, outcome, emptyResult(now), {}, undefined);
  }
  const { event, endpoint } = target;
  const policy = endpointPolicy(endpoint.kind);
  const url = endpoint.url;
  const timeoutMs = endpoint.timeout_ms;
  const schedule: RetrySchedule = parseSchedule(endpoint.retry);
  const headers = buildHeaders({
    eventId: event._id,
    body: event.body,
    now: s.now(),
    userAgent: USER_AGENT,
    secrets: {
      secret: endpoint.secret,
      previousSecret: endpoint.previous_secret,
      previousSecretExpiresAt: endpoint.previous_secret_expires_at,
    },
    legacyToken: endpoint.token ?? '',
    custom: parseHeaders(endpoint.headers),
  });

  const urlProblem = url === '' ? 'no webhook URL is configured' : checkHttpUrl(url);
  if (urlProblem !== '') {
    // A configuration gap the manager can fix: retried on schedule, not parked at once.
    const outcome: Outcome = { kind: 'retry', errorClass: 'config', message: urlProblem };
    return finish(c, schedule, outcome, emptyResult(s.now()), headers, undefined, policy.breaker);
  }

  if (Buffer.byteLength(event.body) > MAX_REQUEST_BYTES) {
    // A body this large (a very long conversation) is refused by most receivers and would tie up
    // a connection; it will not shrink, so it is parked at once, visible in the log.
    const outcome: Outcome = {
      kind: 'retry',
      errorClass: 'request-too-large',
      message: `the event body is larger than ${MAX_REQUEST_BYTES} bytes`,
    };
    return finish(c, { kind: 'list', delaysMs: [] }, outcome, emptyResult(s.now()), headers, undefined, policy.breaker);
  }

  const result = await send(dispatcher, { url, headers, body: event.body, timeoutMs, signal });
  if (result.error !== undefined && signal.aborted) {
    // Shutting down: our failure, not the receiver's. No attempt is spent.
    await s.outbox.release(owner, [row._id], s.now());
    return 'released';
  }
  const outcome = outcomeOf(result, policy.goneDisables, s.now());
  // only a success frees the slot early: a failure's record may pause the endpoint or make the
  // next request a breaker probe, which the next request must see
  if (outcome.kind === 'success') sentOk?.();
  // Rocket.Chat overwrites crmData with every response, even an empty one, which throws away
  // what the CRM said earlier (a 204 to a message event erases the id it returned at start).
  // We keep the last non-empty answer.
  const crmData =
    policy.savesCrmData &&
    outcome.kind === 'success' &&
    event.rid !== null &&
    !result.truncated &&
    result.responseBody !== undefined &&
    result.responseBody.trim() !== ''
      ? { rid: event.rid, text: result.responseBody }
      : undefined;
  return finish(c, schedule, outcome, result, headers, crmData, policy.breaker);
}

function outcomeOf(result: SendResult, goneDisables: boolean, now: number): Outcome {
  if (result.error !== undefined) return { kind: 'retry', ...classifyError(result.error) };
  // A body past the 16 KiB limit is cut off and the connection dropped. The status line still
  // says what the receiver decided, so it is classified as usual: a 2xx with a huge body is a
  // success (re-sending would only duplicate the event), only its crmData is not stored.
  return classifyStatus(result.statusCode ?? 0, result.responseHeaders ?? {}, { goneDisables, now });
}

/** The attempt being made: who, which row, which try, and when it began. */
interface AttemptCtx {
  s: WorkerDeps;
  owner: string;
  row: ClaimedRow;
  attempt: number;
  startedAt: number;
  unleased: boolean;
}

async function finish(
  c: AttemptCtx,
  schedule: RetrySchedule,
  outcome: Outcome,
  result: SendResult,
  headers: Record<string, string>,
  crmData: { rid: string; text: string } | undefined,
  breaker = false,
): Promise<AttemptResult> {
  const { s, owner, row, attempt } = c;
  const now = s.now();
  const decision = decide(outcome, attempt, schedule, s.rocketchatRetry(), now);
  const errorClass = outcome.kind === 'success' ? null : outcome.errorClass;
  let breakerChange: BreakerChange | undefined;
  await s.outbox.record({
    owner,
    now,
    ...(c.unleased ? { unleased: true } : {}),
    ...(breaker ? { breaker: breakerRule(s.disableFailingEndpointAfterMs), attemptStartedAt: c.startedAt } : {}),
    attempt: {
      deliveryId: row._id,
      deliverySeq: row.seq,
      endpointId: row.endpoint_id,
      orderKey: row.order_key,
      attempt,
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      statusCode: result.statusCode ?? null,
      errorClass,
      errorMessage: outcome.kind === 'success' ? null : outcome.message,
      requestHeaders: redactHeaders(headers),
      responseHeaders: result.responseHeaders ?? null,
      responseBody: result.responseBody ?? null,
    },
    decision,
    ...(crmData ? { crmData } : {}),
    onBreaker: (change) => (breakerChange = change),
  });
  const done: Attempted = {
    status: decision.status,
    errorClass,
    errorMessage: outcome.kind === 'success' ? null : outcome.message,
    statusCode: result.statusCode ?? null,
    nextAttemptAt: decision.nextAttemptAt,
  };
  const change = breakerChange as BreakerChange | undefined;
  if (change?.kind === 'count' && change.pauseUntil !== null) done.paused = change.pauseUntil;
  else if (change?.kind === 'disable') done.disabled = change.reason;
  else if (decision.endpoint.kind === 'disable') done.disabled = decision.endpoint.reason;
  return done;
}

function emptyResult(now: number): SendResult {
  return { startedAt: now, durationMs: 0, truncated: false };
}

function parseHeaders(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
