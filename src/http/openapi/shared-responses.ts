/**
 * Most routes share their error answers word for word (401 not logged in, 503 database away...).
 * After the document is generated, each of those is named once under components.responses and
 * referenced, so the document and the types generated from it stay a readable size. A route's
 * own wording of a status (e.g. 404 "No endpoint with that id") stays inline.
 */
import type { ErrorCode } from '../../domain/errors.ts';
import { COMMON_ERRORS } from './document-route.ts';

/** What the common answers look like, shown as each one's example. */
const EXAMPLES: Record<number, [ErrorCode, string]> = {
  400: ['invalid-params', "body.msg must have required property 'msg'"],
  401: ['unauthorized', 'You must be logged in to do this.'],
  403: ['error-unauthorized', 'User does not have the permissions required for this action'],
  404: ['error-resource-not-found', 'Resource not found'],
  413: ['error-payload-too-large', 'The request body is too large'],
  415: ['error-unsupported-media-type', 'Unsupported Content-Type'],
  429: ['error-too-many-requests', 'Too many requests, try again later'],
  503: ['error-unavailable', 'The database is unavailable, try again shortly'],
};

function exampleOf(status: number): Record<string, unknown> | undefined {
  const known = EXAMPLES[status];
  if (!known) return undefined;
  const [code, message] = known;
  const body: Record<string, unknown> = { success: false, error: `${message} [${code}]`, errorType: code };
  return status === 401 ? { ...body, status: 'error', message } : body;
}

const NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  429: 'TooManyRequests',
  503: 'Unavailable',
};

interface Doc {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> } | unknown>>;
  components?: { responses?: Record<string, unknown> };
}

/** The response with an example body of its status on its JSON media type. */
function withExample(response: unknown, status: number): unknown {
  const r = response as { content?: Record<string, Record<string, unknown>> };
  const json = r.content?.['application/json'];
  const example = exampleOf(status);
  if (!json || !example) return response;
  return { ...r, content: { ...r.content, 'application/json': { ...json, example } } };
}

export function shareCommonResponses<T extends object>(document: T): T {
  const doc = document as Doc;
  const shared: Record<string, unknown> = {};
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      const responses = (op as { responses?: Record<string, unknown> }).responses;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        const name = NAMES[Number(status)];
        const description = (response as { description?: string }).description;
        if (!name || description !== COMMON_ERRORS[Number(status)]) continue;
        const known = shared[name];
        if (known === undefined) shared[name] = withExample(response, Number(status));
        else if (JSON.stringify(known) !== JSON.stringify(withExample(response, Number(status)))) continue;
        responses[status] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  doc.components = { ...doc.components, responses: { ...doc.components?.responses, ...shared } };
  return document;
}
