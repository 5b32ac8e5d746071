/**
 * The Fastify application: a plugin tree over the services. Tests build it with `buildApp` and
 * call it through `inject` or a real port; main.ts listens.
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';
import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '../services/container.ts';
import { validatorCompiler } from './validation.ts';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { routes } from './routes/index.ts';
import { DDP_MAX_FRAME_BYTES } from './routes/ddp.ts';

export type App = FastifyInstance;

export interface AppOptions {
  /** The process's logger (main.ts makes it); none: the app logs nothing (tests). */
  logger?: Logger;
}

// Visitor and auth tokens travel in query strings on a few Rocket.Chat routes, and in headers
// everywhere: requests are logged by path only, never with the query or the headers. Some
// Rocket.Chat routes carry the visitor token in the path itself (livechat/visitor/:token,
// agent.info/:rid/:token, agent.next/:token): every path segment that the matched route names
// `:token` is logged as [redacted].
const serializers = {
  req: (req: { method: string; url: string; routeOptions?: { url?: string } }) => ({
    method: req.method,
    path: redactTokens(req.url.split('?')[0] ?? '', req.routeOptions?.url),
  }),
};

function redactTokens(path: string, route: string | undefined): string {
  if (!route?.includes(':token')) return path;
  const names = route.split('/');
  return path
    .split('/')
    .map((seg, i) => (names[i] === ':token' ? '[redacted]' : seg))
    .join('/');
}

export async function buildApp(services: Services, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger
      ? { loggerInstance: opts.logger.child({}, { serializers }) as FastifyBaseLogger }
      : { logger: false }),
    bodyLimit: services.config.bodyLimit,
    trustProxy: false,
    // SSE streams stay open; on shutdown they are cut rather than waited for.
    forceCloseConnections: true,
    // router errors (bad percent-encoding, over-long params) answered in our error shape
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  registerErrorHandling(app);
  // Rocket.Chat answers JSON as exactly `application/json`; some of its clients compare the header
  // whole, so Fastify's `; charset=utf-8` suffix is dropped (JSON is UTF-8 by definition, RFC 8259).
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('application/json;'))
      reply.header('content-type', 'application/json');
    return payload;
  });
  registerAuth(app, services.users);
  await registerOpenApi(app);
  // The widget's DDP socket (/websocket): frames over the cap close that connection (1009).
  await app.register(websocket, { options: { maxPayload: DDP_MAX_FRAME_BYTES } });
  // Widget uploads; the per-file size limit is a setting, applied by the upload route.
  await app.register(multipart, { limits: { files: 1, fields: 10, parts: 20, fieldSize: 64 * 1024 } });
  for (const register of routes) await app.register(async (scope) => register(scope, services));
  return app;
}
