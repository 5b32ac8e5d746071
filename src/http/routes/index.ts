/** Every route module, registered in this order. Add a module here when you add a file. */
import type { RouteRegistrar } from '../schemas.ts';
import { infoRoutes } from './info.ts';
import { authRoutes } from './auth.ts';

export const routes: RouteRegistrar[] = [infoRoutes, authRoutes];
