/**
 * livechat/department: departments and their agents, in Rocket.Chat's request and response shapes.
 *
 * Unknown ids: GET livechat/department/:_id answers 200 with `department: null`, as Rocket.Chat
 * does (its own UI and scripts rely on that empty answer). Writes that name an unknown department
 * (PUT, DELETE, the agents routes) answer 400 error-invalid-department; Rocket.Chat answers 400
 * too, with error-department-not-found, a code our catalogue does not have.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { DEPARTMENT_NAME_MAX } from '../../services/departments.ts';

const AgentLink = Type.Object({
  agentId: Id,
  // accepted for Rocket.Chat's clients; the stored username is always the user's own
  username: Type.Optional(Type.String({ maxLength: 64 })),
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  order: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
const AgentRef = Type.Object({ agentId: Id, username: Type.Optional(Type.String({ maxLength: 64 })) });
const AgentList = Type.Array(AgentLink, { maxItems: 500 });

// Rocket.Chat's extra department fields (tags, forwarding, queue message...) are accepted and
// ignored: the object is open so its clients send what they always send.
const DepartmentBody = Type.Object({
  department: Type.Object({
    enabled: Type.Boolean(),
    name: Type.String({ minLength: 1, maxLength: DEPARTMENT_NAME_MAX }),
    description: Type.Optional(Type.String({ maxLength: 4096 })),
    email: Type.Optional(Type.Union([Type.Literal(''), Email])),
    showOnRegistration: Type.Boolean(),
    showOnOfflineForm: Type.Boolean(),
    // Rocket.Chat's per-department limit of each agent's simultaneous chats (0 = none)
    maxNumberSimultaneousChat: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    // Rocket.Chat's flag: closing a chat here needs at least one tag
    requestTagBeforeClosingChat: Type.Optional(Type.Boolean()),
  }),
  agents: Type.Optional(AgentList),
});

const IdParams = Type.Object({ _id: Id });
const tags = ['livechat-departments'];

export const departmentRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/department',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'List departments (text matches the name; enabled=true lists only enabled ones)',
        querystring: Type.Object({
          text: Type.Optional(Type.String({ maxLength: 256 })),
          enabled: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const { departments, total } = await s.departments.list({
        text: request.query.text,
        enabled: request.query.enabled,
        count,
        offset,
      });
      return { departments, count: departments.length, offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/department',
    {
      preValidation: needPermission('manage-livechat-departments'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Create a department, optionally with agents',
        body: DepartmentBody,
      },
    },
    async (request) => {
      const { department, agents } = await s.departments.create(request.body.department, request.body.agents);
      return { department, agents, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/department/:_id',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'One department with its agents; department is null when the id is unknown',
        params: IdParams,
        querystring: Type.Object({ includeAgents: Type.Optional(Type.Boolean()) }),
      },
    },
    async (request) => {
      const department = await s.departments.get(request.params._id);
      if (!department) return { department: null, success: true };
      if (request.query.includeAgents === false) return { department, success: true };
      const { agents } = await s.departments.agents(department._id);
      return { department, agents, success: true };
    },
  );

  app.put(
    '/api/v1/livechat/department/:_id',
    {
      preValidation: needPermission('manage-livechat-departments'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Replace the department fields; agents listed are added or updated',
        params: IdParams,
        body: DepartmentBody,
      },
    },
    async (request) => {
      const { department, agents } = await s.departments.update(
        request.params._id,
        request.body.department,
        request.body.agents,
      );
      return { department, agents, success: true };
    },
  );

  app.delete(
    '/api/v1/livechat/department/:_id',
    {
      preValidation: needPermission('manage-livechat-departments'),
      schema: { tags, security: staffSecurity, summary: 'Delete a department and its agent links', params: IdParams },
    },
    async (request) => {
      await s.departments.remove(request.params._id);
      return { success: true };
    },
  );

  app.get(
    '/api/v1/livechat/department/:_id/agents',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: "The department's agents, by order then username",
        params: IdParams,
        querystring: Type.Object({ ...Paging }),
      },
    },
    async (request) => {
      await s.departments.require(request.params._id);
      const { count, offset } = paging(request.query);
      const { agents, total } = await s.departments.agents(request.params._id, { count, offset });
      return { agents, count: agents.length, offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/department/:_id/agents',
    {
      preValidation: needPermission('manage-livechat-departments'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Add, update and remove agents in one change',
        params: IdParams,
        body: Type.Object({
          upsert: Type.Optional(AgentList),
          remove: Type.Optional(Type.Array(AgentRef, { maxItems: 500 })),
        }),
      },
    },
    async (request) => {
      await s.departments.saveAgents(request.params._id, request.body);
      return { success: true };
    },
  );
};
