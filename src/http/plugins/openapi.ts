/**
 * OpenAPI 3 generated from the route schemas, browsable at /api/docs and served as JSON at
 * /api/docs/json. Each route's schema is completed from the catalogue (src/http/openapi) as it is
 * added, so this must be registered before any route.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { VERSION } from '../../version.ts';
import { CATALOGUE } from '../openapi/catalogue/index.ts';
import { documentRoute, ERROR_MODELS } from '../openapi/document-route.ts';
import { MODELS } from '../openapi/models.ts';
import { shareCommonResponses } from '../openapi/shared-responses.ts';
import { ICON_SVG, LOGO_SVG } from '../openapi/brand.ts';

export const OPENAPI_INFO = {
  title: 'Omnihook API',
  version: VERSION,
  description:
    "Rocket.Chat-compatible livechat REST API and Omnihook's webhook delivery API. Staff calls send X-User-Id and X-Auth-Token from POST /api/v1/login; visitor calls send the visitor token. Every error answers `{ success: false, error, errorType }` with a stable errorType (docs/errors.md).",
};

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  for (const schema of [...ERROR_MODELS, ...MODELS]) app.addSchema(schema);
  app.addHook('onRoute', (route: RouteOptions) => documentRoute(route, CATALOGUE));
  await app.register(swagger, {
    transformObject: (generated) =>
      shareCommonResponses('openapiObject' in generated ? generated.openapiObject : generated.swaggerObject),
    // components are named by their $id (Endpoint, Delivery...) rather than def-0, def-1...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      info: OPENAPI_INFO,
      components: {
        securitySchemes: {
          userId: { type: 'apiKey', in: 'header', name: 'X-User-Id' },
          authToken: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/api/docs', target: '_self' },
    theme: {
      title: 'Omnihook API',
      favicon: [{ filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: ICON_SVG }],
    },
  });
}
