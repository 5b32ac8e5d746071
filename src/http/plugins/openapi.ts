/** OpenAPI 3 generated from the route schemas, browsable at /api/docs. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { VERSION } from '../../version.ts';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Omnihook API',
        version: VERSION,
        description:
          "Rocket.Chat-compatible livechat REST API and Omnihook's webhook delivery API. Staff calls send X-User-Id and X-Auth-Token from POST /api/v1/login; visitor calls send the visitor token.",
      },
      components: {
        securitySchemes: {
          userId: { type: 'apiKey', in: 'header', name: 'X-User-Id' },
          authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
