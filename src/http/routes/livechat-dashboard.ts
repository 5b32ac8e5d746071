/**
 * The managers' dashboard (issue 13). `livechat/dashboard` is ours: one answer with everything
 * the Dashboard page shows. The `livechat/analytics/dashboards/charts/*` routes are Rocket.Chat's
 * (apps/meteor/ee/app/livechat-enterprise/server/api/dashboards.ts), in its shapes, for tools
 * written against it. All need view-livechat-manager, as Rocket.Chat's do.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import {
  chartsAgentsStatus,
  chartsChats,
  chartsTimings,
  dashboard,
  parseRange,
} from '../../services/livechat/stats.ts';

const tags = ['livechat dashboard'];
const DateParam = Type.String({ maxLength: 64, description: 'A date (ISO 8601)' });
const RangeQuery = Type.Object({
  start: Type.Optional(DateParam),
  end: Type.Optional(DateParam),
  departmentId: Type.Optional(Id),
});
const RequiredRange = Type.Object({ start: DateParam, end: DateParam, departmentId: Type.Optional(Id) });

const Timing = Type.Object({ avg: Type.Number(), longest: Type.Number() });
const N = Type.Number();
const CountedTiming = Type.Object({ avg: N, longest: N, count: N });
const DashboardAnswer = Type.Object({
  range: Type.Object({ start: Type.String(), end: Type.String() }),
  generatedAt: Type.String(),
  chats: Type.Object({ started: N, closed: N, open: N, queued: N }),
  waiting: Type.Object({ count: N, oldestSince: Type.Union([Type.String(), Type.Null()]), oldestWaitSeconds: N }),
  firstResponse: CountedTiming,
  reaction: CountedTiming,
  chatDuration: CountedTiming,
  agentsStatus: Type.Object({ available: N, away: N, busy: N, offline: N, connected: N }),
  agents: Type.Array(
    Type.Object({
      _id: Type.String(),
      username: Type.String(),
      name: Type.String(),
      statusLivechat: Type.String(),
      online: Type.Boolean(),
      openChats: N,
    }),
  ),
  departments: Type.Array(
    Type.Object({ _id: Type.Union([Type.String(), Type.Null()]), name: Type.String(), open: N, queued: N }),
  ),
  success: Type.Boolean(),
});

export const livechatDashboardRoutes: RouteRegistrar = (app, s) => {
  const guard = needPermission('view-livechat-manager');

  app.get(
    '/api/v1/livechat/dashboard',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Now (waiting, open chats, agents' load) and the range's chats and timings (default: today, UTC)",
        querystring: Type.Object({ start: Type.Optional(DateParam), end: Type.Optional(DateParam) }),
        response: { 200: DashboardAnswer },
      },
    },
    async (request) => {
      const range = parseRange(request.query.start, request.query.end, s.now());
      return { ...(await dashboard(s, range)), success: true };
    },
  );

  app.get(
    '/api/v1/livechat/analytics/dashboards/charts/chats',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's chats chart: rooms started in the range by state",
        querystring: RequiredRange,
        response: {
          200: Type.Object({
            open: Type.Number(),
            closed: Type.Number(),
            queued: Type.Number(),
            onhold: Type.Number(),
            success: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return { ...(await chartsChats(s, parseRange(q.start, q.end, s.now()), q.departmentId)), success: true };
    },
  );

  app.get(
    '/api/v1/livechat/analytics/dashboards/charts/agents-status',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's agents-status chart: agents by status now",
        querystring: Type.Object({ departmentId: Type.Optional(Id) }),
        response: {
          200: Type.Object({
            offline: Type.Number(),
            away: Type.Number(),
            busy: Type.Number(),
            available: Type.Number(),
            success: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => ({ ...(await chartsAgentsStatus(s, request.query.departmentId)), success: true }),
  );

  app.get(
    '/api/v1/livechat/analytics/dashboards/charts/timings',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's timings chart: response, reaction and duration (seconds) of the range's rooms",
        querystring: RangeQuery,
        response: {
          200: Type.Object({
            response: Timing,
            reaction: Timing,
            chatDuration: Timing,
            success: Type.Boolean(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return { ...(await chartsTimings(s, parseRange(q.start, q.end, s.now()), q.departmentId)), success: true };
    },
  );
};
