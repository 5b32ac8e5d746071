/**
 * Rocket.Chat's analytics routes: the Real-time Monitoring totalizers and per-agent/per-department
 * charts (apps/meteor/app/livechat/imports/server/rest/dashboards.ts) and the Analytics page's
 * overview and agent overview (served from apps/meteor/app/livechat/server/lib/AnalyticsTyped.ts).
 * All need view-livechat-manager, as Rocket.Chat's do. The simple charts live in
 * livechat-dashboard.ts.
 *
 * Request validation is Rocket.Chat's (packages/rest-typings/src/v1/omnichannel.ts):
 * dashboards take required `start`/`end` dates (a bad one answers its "must be a valid date"
 * text); the overviews take required `name`, `from`, `to` (days): an empty name is
 * `invalid-chart-name`, an unknown name or an unreadable day answers `{ success: true }` alone.
 */
import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { parseRange } from '../../services/livechat/stats.ts';
import {
  agentOverview,
  agentsProductivityTotalizers,
  chatsPerAgent,
  chatsPerDepartment,
  chatsTotalizers,
  conversationTotalizers,
  dayRange,
  overview,
  productivityTotalizers,
} from '../../services/livechat/analytics.ts';
import type { Range, Totalizer } from '../../services/livechat/analytics.ts';
import { fail } from '../../domain/errors.ts';

const tags = ['livechat analytics'];
const DateParam = Type.String({ maxLength: 64, description: 'A date (ISO 8601)' });
const DayParam = Type.String({ maxLength: 64, description: 'A day (YYYY-MM-DD), UTC' });
const RangeQuery = Type.Object({ start: DateParam, end: DateParam, departmentId: Type.Optional(Id) });
const OverviewQuery = Type.Object({
  name: Type.String({ maxLength: 64, description: "The report's name (Rocket.Chat's i18n key)" }),
  from: DayParam,
  to: DayParam,
  departmentId: Type.Optional(Id),
});
const TotalizerT = Type.Object({ title: Type.String(), value: Type.Union([Type.String(), Type.Number()]) });
const Totalizers = Type.Object({ totalizers: Type.Array(TotalizerT), success: Type.Boolean() });
const EmptySuccess = Type.Object({ success: Type.Boolean() });
/** `{ <key>: row, success: true }`: Rocket.Chat's charts are keyed by username or department name. */
const keyed = (row: TSchema) => Type.Object({ success: Type.Boolean() }, { additionalProperties: row });

type Totalize = (s: Parameters<RouteRegistrar>[1], range: Range, departmentId?: string) => Promise<Totalizer[]>;
const TOTALIZERS: { path: string; summary: string; description: string; fn: Totalize }[] = [
  {
    path: 'conversation-totalizers',
    summary: "Rocket.Chat's conversation totalizers",
    description: "Rocket.Chat's: conversations, open, on hold, messages (whole days), and visitors seen in the range.",
    fn: conversationTotalizers,
  },
  {
    path: 'agents-productivity-totalizers',
    summary: "Rocket.Chat's agents' productivity totalizers",
    description:
      "Rocket.Chat's: the busiest hour, agents' available time (not kept: 00:00:00) and average service time.",
    fn: agentsProductivityTotalizers,
  },
  {
    path: 'chats-totalizers',
    summary: "Rocket.Chat's chats totalizers",
    description:
      "Rocket.Chat's: abandoned chats (silent visitor for Livechat_visitor_inactivity_timeout), their share, chat duration.",
    fn: chatsTotalizers,
  },
  {
    path: 'productivity-totalizers',
    summary: "Rocket.Chat's productivity totalizers",
    description: "Rocket.Chat's: average response, first response, reaction and waiting time (HH:MM:SS).",
    fn: productivityTotalizers,
  },
];

export const livechatAnalyticsRoutes: RouteRegistrar = (app, s) => {
  const guard = needPermission('view-livechat-manager');

  for (const t of TOTALIZERS)
    app.get(
      `/api/v1/livechat/analytics/dashboards/${t.path}`,
      {
        preValidation: guard,
        schema: {
          tags,
          security: staffSecurity,
          summary: t.summary,
          description: t.description,
          querystring: RangeQuery,
          response: { 200: Totalizers },
        },
      },
      async (request) => {
        const q = request.query;
        return { totalizers: await t.fn(s, parseRange(q.start, q.end, s.now()), q.departmentId), success: true };
      },
    );

  app.get(
    '/api/v1/livechat/analytics/dashboards/charts/chats-per-agent',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's chats-per-agent chart",
        description:
          "Rocket.Chat's: the range's open and closed chats keyed by the serving agent's username " +
          '(an agent with closed chats has no `onhold`, as in Rocket.Chat).',
        querystring: RangeQuery,
        response: {
          200: keyed(Type.Object({ open: Type.Number(), closed: Type.Number(), onhold: Type.Optional(Type.Number()) })),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return { ...(await chatsPerAgent(s, parseRange(q.start, q.end, s.now()), q.departmentId)), success: true };
    },
  );

  app.get(
    '/api/v1/livechat/analytics/dashboards/charts/chats-per-department',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's chats-per-department chart",
        description: "Rocket.Chat's: the range's open and closed chats keyed by department name.",
        querystring: RangeQuery,
        response: { 200: keyed(Type.Object({ open: Type.Number(), closed: Type.Number() })) },
      },
    },
    async (request) => {
      const q = request.query;
      return { ...(await chatsPerDepartment(s, parseRange(q.start, q.end, s.now()), q.departmentId)), success: true };
    },
  );

  app.get(
    '/api/v1/livechat/analytics/agent-overview',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's agent overview: one figure per agent",
        description:
          "Rocket.Chat's: `name` is Total_conversations, Avg_chat_duration, Total_messages, Avg_first_response_time, " +
          'Best_first_response_time, Avg_response_time or Avg_reaction_time; another name answers `{ success: true }`.',
        querystring: OverviewQuery,
        response: {
          200: Type.Union([
            Type.Object({
              head: Type.Array(Type.Object({ name: Type.String() })),
              data: Type.Array(Type.Object({ name: Type.String(), value: Type.Union([Type.String(), Type.Number()]) })),
              success: Type.Boolean(),
            }),
            EmptySuccess,
          ]),
        },
      },
    },
    async (request) => {
      const q = request.query;
      if (!q.name) fail('invalid-chart-name', 'invalid-chart-name');
      const days = dayRange(q.from, q.to);
      const result = days && (await agentOverview(s, q.name, days, q.departmentId));
      return result ? { ...result, success: true } : { success: true };
    },
  );

  app.get(
    '/api/v1/livechat/analytics/overview',
    {
      preValidation: guard,
      schema: {
        tags,
        security: staffSecurity,
        summary: "Rocket.Chat's analytics overview: a bare array of { title, value }",
        description:
          "Rocket.Chat's: `name` is Conversations or Productivity; the answer is the array itself " +
          '(no `success` key); another name answers `{ success: true }`.',
        querystring: OverviewQuery,
        response: { 200: Type.Union([Type.Array(TotalizerT), EmptySuccess]) },
      },
    },
    async (request) => {
      const q = request.query;
      if (!q.name) fail('invalid-chart-name', 'invalid-chart-name');
      const days = dayRange(q.from, q.to);
      const result = days && (await overview(s, q.name, days, q.departmentId));
      return result ?? { success: true };
    },
  );
};
