/**
 * One log line per request, written when the response is finished: method, URL, status and
 * duration. Fastify's own request logging writes two lines (incoming, completed); app.ts gives
 * Fastify the log controller below instead.
 *
 * The URL never carries a secret: visitor and auth tokens travel in query strings on a few
 * Rocket.Chat routes (?token=, ?authToken=), and some Rocket.Chat routes carry the visitor token
 * in the path itself (livechat/visitor/:token, agent.info/:rid/:token, agent.next/:token). Query
 * values whose name looks secret and every path segment the matched route names `:token` are
 * logged as [redacted]; headers are never logged.
 *
 * Long-lived connections (the SSE stream, the widget's WebSocket) reconnect whenever a network
 * blips or a tab wakes; at info they would drown the log, so they are logged at debug. Health
 * probes, polled every few seconds by supervisors and load balancers, too.
 */
import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Routes logged at debug instead of info: reconnecting streams and probes. */
const QUIET_ROUTES = new Set(['/api/v1/stream', '/websocket', '/api/health/live', '/api/health/ready']);

// token, authToken, rc_token, access_token, password, secret, api_key, signature, code...
const SECRET_PARAM = /token|secret|pass|key|auth|sig|code|session|credential/i;

export const REDACTED = '[redacted]';

/** The path with `:token` segments of the matched route redacted. */
export function redactPath(path: string, route: string | undefined): string {
  if (!route?.includes(':token')) return path;
  const names = route.split('/');
  return path
    .split('/')
    .map((seg, i) => (names[i] === ':token' ? REDACTED : seg))
    .join('/');
}

/** The request URL as it may be logged: secret path segments and query values redacted. */
export function loggableUrl(url: string, route: string | undefined): string {
  const q = url.indexOf('?');
  const path = redactPath(q < 0 ? url : url.slice(0, q), route);
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName);
      } catch {
        // a malformed escape: judge the name as written
      }
      return SECRET_PARAM.test(name) && eq >= 0 ? `${rawName}=${REDACTED}` : pair;
    });
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** Fastify's `req` serializer (used by lines that log a request, e.g. the error handler's). */
export const requestSerializers = {
  req: (req: { method: string; url: string; routeOptions?: { url?: string } }) => ({
    method: req.method,
    url: loggableUrl(req.url, req.routeOptions?.url),
  }),
};

function logResponse(
  request: FastifyRequest,
  reply: FastifyReply,
  error: Error | null | undefined,
  closedEarly = false,
): void {
  const route = request.routeOptions.url;
  const url = loggableUrl(request.url, route);
  const status = reply.statusCode;
  const ms = Math.round(reply.elapsedTime * 10) / 10;
  // under one key, so the readable format can leave it out (the message says the same)
  const http = { method: request.method, url, status, ms, ...(closedEarly ? { closedEarly } : {}) };
  const fields = { http, ...(error ? { err: error.message } : {}) };
  const msg = `${request.method} ${url} ${status} ${ms}ms${closedEarly ? ' (connection closed before the end)' : ''}`;
  // A 5xx is ours to look at; the error handler has already logged its cause.
  if (status >= 500 || error) request.log.warn(fields, msg);
  else if (route !== undefined && QUIET_ROUTES.has(route)) request.log.debug(fields, msg);
  else request.log.info(fields, msg);
}

/**
 * Fastify's log controller with its per-request lines replaced: nothing when a request comes
 * in, the one line above when its response is finished, or when its connection closes first.
 * "Route GET:/x not found" is dropped as well: it carries the raw URL, query included, and the
 * 404 has its line like any other answer.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    // A response cut off by its client (a stream left, a request abandoned) never finishes, and
    // Fastify reports only finished ones: the line is written when the connection closes.
    reply.raw.once('close', () => {
      if (!reply.raw.writableEnded) logResponse(request, reply, null, true);
    });
  }
  override routeNotFound(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    logResponse(request, reply, error);
  }
}

export function requestLogController(): LogController {
  return new OneLinePerRequest();
}
