/** What the OpenAPI catalogue says about one operation, keyed by `METHOD url` (Fastify's url). */
import type { TSchema } from '@sinclair/typebox';

export interface OperationDoc {
  /** Used when the route declares no summary of its own. */
  summary?: string;
  /** Used when the route declares no description of its own. */
  description: string;
  /** The 200 answer's JSON body; without it: `{ success: true, ... }` with any further fields. */
  ok?: TSchema;
  /** A success body that is not JSON (a file, an event stream, metrics text): media type -> schema. */
  content?: Record<string, TSchema>;
  /** The route refuses too frequent calls (429, error-too-many-requests). */
  rateLimited?: true;
  /** Error statuses beyond the common ones this route can answer, with when. */
  errors?: Record<number, string>;
}

export type Catalogue = Record<string, OperationDoc>;
