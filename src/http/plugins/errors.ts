/**
 * One error handler. Known errors map to the catalogue; Fastify's own (validation, bad JSON,
 * body too large) get stable codes; anything else is logged and answered with a bare 500 that
 * leaks nothing. The body shape is Rocket.Chat's: { success: false, error, errorType }.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AppError, ERRORS, errorBody } from '../../domain/errors.ts';
import type { ErrorCode } from '../../domain/errors.ts';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../../services/health.ts';

/**
 * The wire shapes this handler answers, as JSON Schema for the OpenAPI document: every error is
 * Rocket.Chat's `{ success: false, error: "<message> [<code>]", errorType }`, some with details
 * (e.g. sizeAllowed); a 401 also carries Rocket.Chat's `status: "error"` and `message`.
 */
export const ErrorBodySchema = Type.Object({
  success: Type.Literal(false),
  error: Type.String({ description: 'A human-readable message ending with the code in brackets' }),
  errorType: Type.Unsafe<ErrorCode>({
    type: 'string',
    enum: Object.keys(ERRORS),
    description: 'A stable code from the error catalogue (docs/errors.md)',
  }),
});
export const UnauthorizedBodySchema = Type.Object({
  ...ErrorBodySchema.properties,
  errorType: Type.Unsafe<ErrorCode>({
    type: 'string',
    enum: Object.keys(ERRORS).filter((code) => ERRORS[code as ErrorCode] === 401),
  }),
  status: Type.Literal('error'),
  message: Type.String(),
});

/** While the database is away every request fails alike: one warning per this many ms, with a count. */
const UNAVAILABLE_LOG_EVERY_MS = 10_000;

function fromFastify(err: FastifyError): AppError | undefined {
  if (err.validation) {
    const first = err.validation[0];
    const where = err.validationContext ?? 'request';
    const path = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
    const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
    const field = missing ?? path;
    const what = field ? `${where}.${field}` : where;
    return new AppError('invalid-params', `${what} ${first?.message ?? 'is invalid'}`);
  }
  const byCode: Record<string, [ErrorCode, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: ['error-invalid-json', 'The request body is not valid JSON'],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['error-invalid-json', 'The request body is empty but declared as JSON'],
    FST_ERR_CTP_BODY_TOO_LARGE: ['error-payload-too-large', 'The request body is too large'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['error-unsupported-media-type', 'Unsupported Content-Type'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid-params', 'Content-Length does not match the body'],
    FST_ERR_CTP_INVALID_TYPE: ['error-unsupported-media-type', 'Unsupported Content-Type'],
    // router errors (reach us through frameworkErrors); the message never echoes the URL
    FST_ERR_BAD_URL: ['invalid-params', 'The URL is not validly percent-encoded'],
    FST_ERR_MAX_PARAM_LENGTH: ['invalid-params', 'A path parameter is too long'],
  };
  const mapped = err.code ? byCode[err.code] : undefined;
  if (mapped) return new AppError(mapped[0], mapped[1]);
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
    return new AppError('error-invalid-json', 'The request body is not valid JSON');
  }
  if (err.statusCode === 413) return new AppError('error-payload-too-large', 'The request body is too large');
  if (err.statusCode === 415) return new AppError('error-unsupported-media-type', 'Unsupported Content-Type');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new AppError('invalid-params', 'Bad request');
  return undefined;
}

/**
 * Fastify's `frameworkErrors` option: errors raised by the router before any route or hook runs
 * (a path that is not valid percent-encoding, a path parameter over maxParamLength). Without it
 * Fastify answers those itself, in its own shape and echoing the URL. Pass it to Fastify():
 * `Fastify({ ..., frameworkErrors })`.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const known = fromFastify(err) ?? new AppError('invalid-params', 'Bad request');
  void reply.status(known.status).send(errorBody(known));
}

export function registerErrorHandling(app: FastifyInstance): void {
  let unavailableSince = 0;
  let unavailableUnlogged = 0;
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let known = err instanceof AppError ? err : undefined;
    if (!known && isStoreUnavailable(err)) {
      // busy, full, I/O error, connection lost or timed out: the request was fine, the store was
      // not; a 503 tells the client (and a load balancer) to come back, a 500 would mean a bug
      known = new AppError('error-unavailable', 'The database is unavailable, try again shortly');
      const now = Date.now();
      if (now - unavailableSince >= UNAVAILABLE_LOG_EVERY_MS) {
        request.log.warn({ err: err.message, code: err.code, alsoFailed: unavailableUnlogged }, 'database unavailable');
        unavailableSince = now;
        unavailableUnlogged = 0;
      } else unavailableUnlogged++;
    }
    known ??= fromFastify(err);
    if (known) {
      const body = errorBody(known);
      // Rocket.Chat's 401 answer also carries status/message; clients written for it read those.
      if (known.status === 401) Object.assign(body, { status: 'error', message: known.message });
      if (known.code === 'error-unavailable') void reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
      return reply.status(known.status).send(body);
    }
    request.log.error({ err }, 'unhandled error');
    return reply
      .status(500)
      .send({ success: false, error: 'Internal server error [error-internal]', errorType: 'error-internal' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      success: false,
      error: `No route for ${request.method} ${request.url.split('?')[0]} [error-not-found]`,
      errorType: 'error-not-found',
    });
  });
}
