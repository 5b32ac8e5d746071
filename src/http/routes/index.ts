/** Every route module, registered in this order. Add a module here when you add a file. */
import type { RouteRegistrar } from '../schemas.ts';
import { infoRoutes } from './info.ts';
import { authRoutes } from './auth.ts';
import { userRoutes } from './users.ts';
import { agentRoutes } from './agents.ts';
import { departmentRoutes } from './departments.ts';
import { usersStatusRoutes } from './users-status.ts';
import { settingRoutes } from './settings.ts';
import { livechatVisitorRoutes } from './livechat-visitor.ts';
import { livechatAgentRoutes } from './livechat-agent.ts';
import { livechatOversightRoutes } from './livechat-oversight.ts';
import { livechatConfigRoutes } from './livechat-config.ts';
import { livechatAppearanceRoutes } from './livechat-appearance.ts';
import { livechatSurveyRoutes } from './livechat-survey.ts';
import { streamRoutes } from './stream.ts';
import { endpointRoutes } from './endpoints.ts';
import { metricsRoutes } from './metrics.ts';
import { relayRoutes } from './relay.ts';
import { integrationsRoutes } from './integrations.ts';
import { deliveriesRoutes } from './deliveries.ts';
import { livechatWidgetRoutes } from './livechat-widget.ts';
import { livechatUploadRoutes } from './livechat-uploads.ts';
import { roomUploadRoutes } from './room-uploads.ts';
import { livechatExtraRoutes } from './livechat-extra.ts';
import { livechatNoteRoutes } from './livechat-notes.ts';
import { livechatHistoryRoutes } from './livechat-history.ts';
import { livechatDirectoryRoutes } from './livechat-directory.ts';
import { livechatSmallRoutes } from './livechat-small.ts';
import { offlineMessageRoutes } from './offline-messages.ts';
import { ddpRoutes } from './ddp.ts';
import { cannedRoutes } from './canned.ts';
import { tagRoutes } from './tags.ts';
import { livechatTriggerRoutes } from './livechat-triggers.ts';
import { contactRoutes } from './contacts.ts';
import { livechatDashboardRoutes } from './livechat-dashboard.ts';
import { livechatAnalyticsRoutes } from './livechat-analytics.ts';
import { customFieldRoutes } from './custom-fields.ts';
import { permissionRoutes } from './permissions.ts';
import { livechatBusinessHourRoutes } from './livechat-business-hours.ts';
import { webRoutes } from './web.ts';

export const routes: RouteRegistrar[] = [
  infoRoutes,
  authRoutes,
  userRoutes,
  agentRoutes,
  departmentRoutes,
  usersStatusRoutes,
  settingRoutes,
  livechatVisitorRoutes,
  livechatAgentRoutes,
  livechatOversightRoutes,
  livechatConfigRoutes,
  livechatAppearanceRoutes,
  livechatSurveyRoutes,
  streamRoutes,
  endpointRoutes,
  metricsRoutes,
  relayRoutes,
  integrationsRoutes,
  deliveriesRoutes,
  livechatWidgetRoutes,
  livechatUploadRoutes,
  roomUploadRoutes,
  livechatExtraRoutes,
  cannedRoutes,
  tagRoutes,
  livechatTriggerRoutes,
  contactRoutes,
  livechatNoteRoutes,
  livechatHistoryRoutes,
  livechatDirectoryRoutes,
  livechatSmallRoutes,
  offlineMessageRoutes,
  livechatDashboardRoutes,
  livechatAnalyticsRoutes,
  customFieldRoutes,
  permissionRoutes,
  livechatBusinessHourRoutes,
  ddpRoutes(),
  webRoutes,
];
