/** Every route module, registered in this order. Add a module here when you add a file. */
import type { RouteRegistrar } from '../schemas.ts';
import { infoRoutes } from './info.ts';
import { authRoutes } from './auth.ts';
import { livechatVisitorRoutes } from './livechat-visitor.ts';
import { livechatAgentRoutes } from './livechat-agent.ts';
import { livechatConfigRoutes } from './livechat-config.ts';
import { streamRoutes } from './stream.ts';

export const routes: RouteRegistrar[] = [
  infoRoutes,
  authRoutes,
  livechatVisitorRoutes,
  livechatAgentRoutes,
  livechatConfigRoutes,
  streamRoutes,
];
