/** Schema pieces shared by routes. */
import { Type } from '@sinclair/typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '../services/container.ts';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export type RouteRegistrar = (app: TypedApp, services: Services) => Promise<void> | void;

/**
 * The largest offset a list accepts: past it a page is empty anyway, and without a bound an
 * offset of 2^63 passed validation as a JavaScript number and reached the database, which
 * answered 500 (out of range for bigint). 2^31 - 1 fits every database's OFFSET.
 */
export const MAX_OFFSET = 2_147_483_647;

/** Rocket.Chat pagination: count (page size) and offset. Every list route uses this one schema. */
export const Paging = {
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET })),
};

export function paging(q: { count?: number; offset?: number }): { count: number; offset: number } {
  const count = q.count === undefined || q.count === 0 ? 50 : q.count;
  return { count, offset: q.offset ?? 0 };
}

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
export const VisitorToken = Type.String({ minLength: 1, maxLength: 256 });
export const Email = Type.String({ maxLength: 320, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' });

export const staffSecurity = [{ userId: [], authToken: [] }];
