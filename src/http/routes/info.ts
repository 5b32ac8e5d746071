/**
 * `/api/info` keeps Rocket.Chat's meaning (the server's version, once it serves). The health
 * routes are ours, for whoever decides where traffic goes:
 * - `/api/health/live`: the process is up and its event loop turns; touches nothing else, so a
 *   supervisor does not restart a healthy process because its database is away;
 * - `/api/health/ready`: the store answers a bounded round trip; 503 error-unavailable with
 *   Retry-After when not, so a load balancer sends the traffic elsewhere.
 * Neither needs a login: they reveal no more than whether the server answers.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { VERSION } from '../../version.ts';
import { checkReady } from '../../services/health.ts';

const Health = Type.Object({ success: Type.Literal(true), status: Type.String() });

export const infoRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/info',
    { schema: { tags: ['server'], summary: 'Server version; answers once the server is ready' } },
    async () => ({
      success: true,
      version: VERSION,
    }),
  );
  app.get(
    '/api/health/live',
    {
      schema: {
        tags: ['server'],
        summary: 'Liveness: the process is up (does not touch the database)',
        response: { 200: Health },
      },
    },
    async () => ({ success: true as const, status: 'live' }),
  );
  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['server'],
        summary: 'Readiness: the database answers; 503 error-unavailable with Retry-After when not',
        response: { 200: Health },
      },
    },
    async () => {
      await checkReady(s);
      return { success: true as const, status: 'ready' };
    },
  );
};
