/**
 * One HTTP exchange with a receiver: POST the stored bytes, read at most RESPONSE_LIMIT bytes of
 * the answer, and return what happened. It never throws: a transport error is returned as data
 * for the classifier. Shared by the worker and the Webhooks page's "Send test".
 */
import type { Dispatcher } from 'undici';
import { AttemptTimeoutError } from './classify.ts';

/** Bytes of a response body we read and keep; the rest is discarded (connection closed). */
export const RESPONSE_LIMIT = 16 * 1024;

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the exchange from outside (shutdown); its reason is returned as the error. */
  signal?: AbortSignal;
}

export interface SendResult {
  startedAt: number;
  durationMs: number;
  statusCode?: number;
  responseHeaders?: Record<string, string | string[] | undefined>;
  responseBody?: string;
  /** The body was longer than RESPONSE_LIMIT and was cut. */
  truncated: boolean;
  error?: unknown;
}

export async function send(dispatcher: Dispatcher, req: SendRequest): Promise<SendResult> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const ctrl = new AbortController();
  // One deadline for the whole exchange (connect, headers and body), so a receiver that trickles
  // bytes cannot hold a worker slot past the endpoint's timeout.
  const timer = setTimeout(() => ctrl.abort(new AttemptTimeoutError(req.timeoutMs)), req.timeoutMs);
  const onOuterAbort = () => ctrl.abort(req.signal?.reason);
  if (req.signal?.aborted) onOuterAbort();
  else req.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let statusCode: number | undefined;
  let responseHeaders: SendResult['responseHeaders'];
  try {
    const url = new URL(req.url);
    const res = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: req.headers,
      body: req.body,
      signal: ctrl.signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    statusCode = res.statusCode;
    responseHeaders = res.headers;
    const { text, truncated } = await readLimited(res.body, RESPONSE_LIMIT);
    return { startedAt, durationMs: elapsed(), statusCode, responseHeaders, responseBody: text, truncated };
  } catch (error) {
    return { startedAt, durationMs: elapsed(), statusCode, responseHeaders, truncated: false, error };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function readLimited(body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown }, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) {
      truncated = true;
      break; // leaving the loop destroys the stream: undici drops the connection, nothing more is read
    }
  }
  const all = Buffer.concat(chunks);
  return { text: all.subarray(0, limit).toString('utf8'), truncated };
}
