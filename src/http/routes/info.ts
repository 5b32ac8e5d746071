import type { RouteRegistrar } from '../schemas.ts';
import { VERSION } from '../../version.ts';

export const infoRoutes: RouteRegistrar = (app) => {
  app.get(
    '/api/info',
    { schema: { tags: ['server'], summary: 'Server version; answers once the server is ready' } },
    async () => ({
      success: true,
      version: VERSION,
    }),
  );
};
