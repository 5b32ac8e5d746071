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
import { requestLogController, requestSerializers } from './plugins/request-log.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { routes } from './routes/index.ts';
import { DDP_MAX_FRAME_BYTES } from './routes/ddp.ts';

export type App = FastifyInstance;

export interface AppOptions {
  /** The process's logger (main.ts makes it); none: the app logs nothing (tests). */
  logger?: Logger;
}

// Requests are logged once each, by plugins/request-log.ts, never with a secret of the URL, never
// with the headers; the same serializer applies to lines that log a request (the error handler's).
export async function buildApp(services: Services, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(opts.logger
      ? { loggerInstance: opts.logger.child({}, { serializers: requestSerializers }) as FastifyBaseLogger }
      : { logger: false }),
    // Fastify's two lines per request (incoming, completed) become one (plugins/request-log.ts)
    logController: requestLogController(),
    bodyLimit: services.config.bodyLimit,
    trustProxy: false,
    // SSE streams stay open; on shutdown they are cut rather than waited for.
    forceCloseConnections: true,
    // router errors (bad percent-encoding, over-long params) answered in our error shape
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API, they never shape it: fast-json-stringify would drop
  // undeclared fields and coerce types (null -> ""), changing Rocket.Chat-compatible bytes.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
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
