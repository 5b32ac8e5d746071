/**
 * Three small staff reads from Rocket.Chat's livechat API (issue 14), with its permissions and
 * shapes: `GET livechat/visitor/:token/room` (visitor.ts), `GET livechat/agents/:agentId/departments`
 * (agent.ts) and `GET livechat/department/isDepartmentCreationAvailable` (department.ts).
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { staffSecurity, VisitorToken } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';

const tags = ['livechat agent'];
const security = staffSecurity;

export const livechatSmallRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/visitor/:token/room',
    {
      preValidation: needPermission('view-livechat-manager'),
      schema: {
        tags,
        security,
        summary: "The visitor's open rooms (an unknown token has none)",
        params: Type.Object({ token: VisitorToken }),
      },
    },
    async (request) => {
      // Omnihook keeps at most one open room per visitor; Rocket.Chat's answer is a list all the same.
      const room = await s.livechat.openRoomOf(request.params.token);
      // Rocket.Chat projects { _id, name, t, cl, u, usernames, servedBy }: a livechat room has no
      // name, u or usernames, so what is left is the id, the type, cl (false) and the agent.
      const rooms = room
        ? [{ _id: room._id, t: room.t, cl: false, ...(room.servedBy ? { servedBy: room.servedBy } : {}) }]
        : [];
      return { rooms, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/agents/:agentId/departments',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        summary: "The agent's department links, with each department's name and enabled flag",
        params: Type.Object({ agentId: Type.String({ minLength: 1, maxLength: 64 }) }),
        // Rocket.Chat's isGETLivechatAgentsAgentIdDepartmentsParams: one text flag, nothing else
        querystring: Type.Object(
          { enabledDepartmentsOnly: Type.Optional(Type.String({ maxLength: 10 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      // only the exact text 'true' filters, as Rocket.Chat compares it
      const enabledOnly = request.query.enabledDepartmentsOnly === 'true';
      const departments = await s.departments.departmentsOfAgent(request.params.agentId, enabledOnly);
      return { departments, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/department/isDepartmentCreationAvailable',
    {
      preValidation: needPermission('view-livechat-departments', 'manage-livechat-departments'),
      schema: { tags, security, summary: 'Whether another department may be created (always: Omnihook has no cap)' },
    },
    // Rocket.Chat's Community edition caps departments at one and its Enterprise edition lifts the
    // cap; Omnihook has no licence, so creation is always available.
    async () => ({ isDepartmentCreationAvailable: true, success: true }),
  );
};
