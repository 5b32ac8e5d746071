/**
 * Completes each route's schema for the OpenAPI document as the route is added (an `onRoute`
 * hook): summary and description from the catalogue, the success body, and the error answers
 * every route shares. Whatever a route declares itself wins; the catalogue only fills gaps, so
 * route files stay short and a route may still document itself inline.
 */
import { Type } from '@sinclair/typebox';
import type { FastifySchema, RouteOptions } from 'fastify';
import { ErrorBodySchema, UnauthorizedBodySchema } from '../plugins/errors.ts';
import type { Catalogue, OperationDoc } from './types.ts';

/** The default success answer: Rocket.Chat's `success: true` and the route's own fields. */
export const SuccessBody = Type.Object({ success: Type.Literal(true) }, { additionalProperties: true });

export const COMMON_ERRORS: Record<number, string> = {
  400: 'The input is not valid (invalid-params, error-invalid-json) or the request cannot be done as asked',
  401: 'Not logged in, or the X-User-Id / X-Auth-Token pair sent is not valid (unauthorized)',
  403: 'Logged in, but without the permission this route needs (error-unauthorized, error-not-allowed)',
  404: 'Nothing with that id',
  413: 'The request body is larger than the server accepts (error-payload-too-large)',
  415: 'The Content-Type is not one this route reads (error-unsupported-media-type)',
  429: 'Too many calls in a short time; try again later (error-too-many-requests)',
  503: 'The database is unavailable; the answer carries Retry-After (error-unavailable)',
};

type RouteSchema = FastifySchema & {
  hide?: boolean;
  summary?: string;
  description?: string;
  security?: unknown;
  response?: Record<string | number, unknown>;
};

/** The catalogue key of a route: `GET /api/v1/me`. */
export function operationKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

/** The named error shapes (components of the document), registered with the app by id. */
export const ERROR_MODELS = [
  { ...ErrorBodySchema, $id: 'ErrorBody' },
  { ...UnauthorizedBodySchema, $id: 'UnauthorizedBody' },
];

function errorResponse(status: number, description: string): unknown {
  const body: Record<string, unknown> = { $ref: status === 401 ? 'UnauthorizedBody#' : 'ErrorBody#', description };
  if (status === 503) body.headers = { 'retry-after': { type: 'integer', description: 'Seconds to wait' } };
  return body;
}

/** Which statuses a route can answer besides success, from what it declares and the catalogue. */
export function errorStatuses(method: string, url: string, schema: RouteSchema, doc?: OperationDoc): number[] {
  const statuses = new Set<number>([401, 503]);
  const hasBody = schema.body !== undefined || (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE');
  if (schema.body || schema.querystring || schema.params || hasBody) statuses.add(400);
  if (schema.security) statuses.add(403);
  if (url.includes(':')) statuses.add(404);
  if (hasBody) {
    statuses.add(413);
    statuses.add(415);
  }
  if (doc?.rateLimited) statuses.add(429);
  for (const s of Object.keys(doc?.errors ?? {})) statuses.add(Number(s));
  return [...statuses].sort((a, b) => a - b);
}

function successResponse(doc: OperationDoc | undefined): unknown {
  if (doc?.content) {
    const content = Object.fromEntries(Object.entries(doc.content).map(([type, schema]) => [type, { schema }]));
    return { description: 'Success', content };
  }
  return { ...(doc?.ok ?? SuccessBody), description: (doc?.ok?.description as string | undefined) ?? 'Success' };
}

/** Fills in one route's schema. Hidden routes (the web pages, the DDP socket) are left alone. */
export function documentRoute(route: RouteOptions, catalogue: Catalogue): void {
  const own = (route.schema ?? {}) as RouteSchema;
  if (own.hide) return;
  const method = (Array.isArray(route.method) ? route.method[0] : route.method) ?? 'GET';
  // HEAD routes Fastify adds for each GET share the GET's entry
  const doc = catalogue[operationKey(method === 'HEAD' ? 'GET' : method, route.url)];
  const response: Record<string | number, unknown> = { ...(own.response ?? {}) };
  if (!(200 in response) && !('2xx' in response)) response[200] = successResponse(doc);
  // a route's own success schema without a description would show as "Default Response"
  for (const status of ['200', '2xx']) {
    const declared = response[status] as { description?: string } | undefined;
    if (declared && !declared.description) response[status] = { ...declared, description: 'Success' };
  }
  for (const status of errorStatuses(method, route.url, own, doc)) {
    if (status in response) continue;
    const description = doc?.errors?.[status] ?? COMMON_ERRORS[status] ?? 'Error';
    response[status] = errorResponse(status, description);
  }
  // a copy: one schema object may be shared by several routes
  route.schema = {
    ...own,
    ...((own.summary ?? doc?.summary) ? { summary: own.summary ?? doc?.summary } : {}),
    ...((own.description ?? doc?.description) ? { description: own.description ?? doc?.description } : {}),
    response,
  } as FastifySchema;
}
