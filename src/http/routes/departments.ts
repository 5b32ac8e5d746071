/**
 * livechat/department: departments and their agents, in Rocket.Chat's request and response shapes.
 *
 * Unknown ids: GET livechat/department/:_id answers 200 with `department: null`, as Rocket.Chat
 * does (its own UI and scripts rely on that empty answer). Writes that name an unknown department
 * (PUT, DELETE, the agents routes) answer 400 error-department-not-found, archive and unarchive
 * 400 department-not-found: Rocket.Chat's ids.
 *
 * Archived departments (livechat/department/:_id/archive) leave the lists unless showArchived=true
 * and have their own list, livechat/departments/archived. DELETE obeys
 * Omnichannel_enable_department_removal.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { needPermission } from '../plugins/auth.ts';
import { AUTOCOMPLETE_MAX, DEPARTMENT_NAME_MAX } from '../../services/departments.ts';
import type { AutocompleteSelector, DepartmentView } from '../../services/departments.ts';
import { fail } from '../../domain/errors.ts';

const AgentLink = Type.Object({
  agentId: Id,
  // accepted for Rocket.Chat's clients; the stored username is always the user's own
  username: Type.Optional(Type.String({ maxLength: 64 })),
  count: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  order: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
const AgentRef = Type.Object({ agentId: Id, username: Type.Optional(Type.String({ maxLength: 64 })) });
const AgentList = Type.Array(AgentLink, { maxItems: 500 });

// Rocket.Chat's other department fields (closing tags, queue message...) are accepted and
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
    // Rocket.Chat's forwarding rules: where a forward goes when nobody here can take it ('' = none),
    // which departments a chat here may be forwarded to ([] = any), and whether a forward here
    // waits in the queue when nobody is online instead of failing
    fallbackForwardDepartment: Type.Optional(Type.Union([Type.Literal(''), Id])),
    departmentsAllowedToForward: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    allowReceiveForwardOffline: Type.Optional(Type.Boolean()),
  }),
  agents: Type.Optional(AgentList),
});

const IdParams = Type.Object({ _id: Id });
const tags = ['livechat-departments'];
// Rocket.Chat reads these flags as `=== 'true'`: any other text means false, never a 400.
const Flag = Type.Optional(Type.String({ maxLength: 16 }));
const ListQuery = {
  text: Type.Optional(Type.String({ maxLength: 256 })),
  excludeDepartmentId: Type.Optional(Id),
  // Rocket.Chat Enterprise's monitor restriction; every staff member here sees all departments
  onlyMyDepartments: Flag,
  ...Paging,
};

/** Rocket.Chat's `fields` projection of listByIds: the fields set to 1, always with _id. */
function project(d: DepartmentView, fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const keep = fields ? Object.keys(fields).filter((k) => fields[k] === 1 || fields[k] === true) : [];
  const all = d as unknown as Record<string, unknown>;
  if (keep.length === 0) return all;
  return Object.fromEntries(['_id', ...keep].filter((k) => k in all).map((k) => [k, all[k]]));
}

function parseJsonParam(raw: string, name: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    fail('invalid-params', `The '${name}' param is not valid JSON`);
  }
}

export const departmentRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/department',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary:
          'List departments (text matches the name; enabled=true lists only enabled ones; archived ones only with showArchived=true)',
        querystring: Type.Object({
          ...ListQuery,
          enabled: Type.Optional(Type.Boolean()),
          showArchived: Flag,
        }),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const { departments, total } = await s.departments.list({
        text: request.query.text,
        enabled: request.query.enabled,
        showArchived: request.query.showArchived === 'true',
        excludeDepartmentId: request.query.excludeDepartmentId,
        count,
        offset,
      });
      return { departments, count: departments.length, offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/departments/archived',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'The archived departments (text matches the name)',
        querystring: Type.Object(ListQuery),
      },
    },
    async (request) => {
      const { count, offset } = paging(request.query);
      const { departments, total } = await s.departments.list({
        text: request.query.text,
        archived: 'only',
        excludeDepartmentId: request.query.excludeDepartmentId,
        count,
        offset,
      });
      return { departments, count: departments.length, offset, total, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/department.autocomplete',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: `Departments whose name contains selector.term, as { _id, name }, by name (at most ${AUTOCOMPLETE_MAX})`,
        querystring: Type.Object({
          // JSON: { term?, exceptions?: ids to leave out, conditions?: { enabled? } }
          selector: Type.Optional(Type.String({ maxLength: 8192 })),
          onlyMyDepartments: Flag,
          showArchived: Flag,
        }),
      },
    },
    async (request) => {
      if (!request.query.selector) fail('invalid-params', "The 'selector' param is required");
      const selector = parseJsonParam(request.query.selector, 'selector');
      if (!selector || typeof selector !== 'object' || Array.isArray(selector))
        fail('invalid-params', "The 'selector' param must be an object");
      const items = await s.departments.autocomplete(
        selector as AutocompleteSelector,
        request.query.showArchived === 'true',
      );
      return { items, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/department.listByIds',
    {
      preValidation: needPermission('view-livechat-departments', 'view-l-room'),
      schema: {
        tags,
        security: staffSecurity,
        summary: 'The departments with these ids (ids[]=a&ids[]=b or ids=a&ids=b), in creation order',
        querystring: Type.Object({
          ids: Type.Optional(Type.Array(Id, { maxItems: 500 })),
          'ids[]': Type.Optional(Type.Array(Id, { maxItems: 500 })),
          // JSON projection, e.g. {"name":1}
          fields: Type.Optional(Type.String({ maxLength: 2048 })),
        }),
      },
    },
    async (request) => {
      const ids = request.query.ids ?? request.query['ids[]'];
      if (!ids) fail('invalid-params', "The 'ids' param is required");
      const fields = request.query.fields ? parseJsonParam(request.query.fields, 'fields') : undefined;
      const departments = await s.departments.listByIds(ids);
      const shown =
        fields && typeof fields === 'object'
          ? departments.map((d) => project(d, fields as Record<string, unknown>))
          : departments;
      return { departments: shown, success: true };
    },
  );

  for (const action of ['archive', 'unarchive'] as const) {
    app.post(
      `/api/v1/livechat/department/:_id/${action}`,
      {
        preValidation: needPermission('manage-livechat-departments'),
        schema: {
          tags,
          security: staffSecurity,
          summary:
            action === 'archive'
              ? 'Archive a department: it is disabled and leaves the lists'
              : 'Unarchive a department: back in the lists, still disabled',
          params: IdParams,
        },
      },
      async (request) => {
        await s.departments[action](request.params._id);
        return { success: true };
      },
    );
  }

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
      schema: {
        tags,
        security: staffSecurity,
        summary: 'Delete a department and its agent links (when Omnichannel_enable_department_removal is on)',
        params: IdParams,
      },
    },
    async (request) => {
      if (!s.settings.get('Omnichannel_enable_department_removal'))
        fail('error-department-removal-disabled', 'Department removal is disabled');
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
      // Rocket.Chat's findDepartmentAgents does not look the department up: an unknown id has no agents
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
