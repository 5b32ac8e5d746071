/**
 * Departments and the agents that serve them (Rocket.Chat's livechat_department and
 * livechat_department_agents). A department's agent list is what routing picks from, so every
 * agent written here must be a real user with the livechat-agent role at the time of writing;
 * UsersService.removeRole drops the links when the role goes away.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { lower, lowerContains } from '../store/text.ts';
import { parseJson, toDepartment } from '../store/mappers.ts';
import type { DepartmentRow } from '../store/mappers.ts';
import { newId } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';
import type { Department, DepartmentAgent, Role } from '../domain/models.ts';
import { EMAIL_PATTERN } from './users.ts';
import type { WidgetDepartment } from '../domain/widget.ts';

export interface DepartmentInput {
  name: string;
  enabled: boolean;
  description?: string;
  email?: string;
  showOnRegistration: boolean;
  showOnOfflineForm: boolean;
  /** Omitted: kept as stored (0, no limit, for a new department). */
  maxNumberSimultaneousChat?: number;
  /** Rocket.Chat's flag; omitted: kept as stored (false for a new department). */
  requestTagBeforeClosingChat?: boolean;
  /** Forwarding rules (Rocket.Chat's names); omitted: kept as stored. '' clears the fallback. */
  fallbackForwardDepartment?: string;
  departmentsAllowedToForward?: string[];
  allowReceiveForwardOffline?: boolean;
}

/** A department as Rocket.Chat shows it, with its archive flag and forwarding rules. */
export type DepartmentView = Department & {
  archived: boolean;
  allowReceiveForwardOffline: boolean;
  fallbackForwardDepartment?: string;
  departmentsAllowedToForward: string[];
};

/** Rocket.Chat's department.autocomplete selector: a name term, ids to leave out, conditions. */
export interface AutocompleteSelector {
  term?: string;
  exceptions?: string[];
  conditions?: { enabled?: boolean };
}

/** The most departments one autocomplete answer carries (Rocket.Chat has no limit; a bound keeps it cheap). */
export const AUTOCOMPLETE_MAX = 500;

export interface AgentLink {
  agentId: string;
  count?: number;
  order?: number;
}

/** Rocket.Chat's `{ upsert, remove }` body of livechat/department/:_id/agents. */
export interface AgentChanges {
  upsert?: AgentLink[];
  remove?: { agentId: string }[];
}

export const DEPARTMENT_NAME_MAX = 256;

type Db = Kysely<Database>;
type LinkRow = { department_id: string; agent_id: string; username: string; count: number; order: number };

function toAgent(r: LinkRow): DepartmentAgent {
  // There is no surrogate key: the pair is the identity, so the id is derived from it and stable.
  return {
    _id: `${r.department_id}-${r.agent_id}`,
    agentId: r.agent_id,
    departmentId: r.department_id,
    username: r.username,
    count: Number(r.count),
    order: Number(r.order),
  };
}

function view(r: DepartmentRow, numAgents: number): DepartmentView {
  return {
    ...toDepartment(r, numAgents),
    archived: Number(r.archived ?? 0) === 1,
    allowReceiveForwardOffline: Number(r.allow_receive_forward_offline ?? 0) === 1,
    ...(r.fallback_forward_department ? { fallbackForwardDepartment: r.fallback_forward_department } : {}),
    departmentsAllowedToForward: parseJson<string[]>(r.departments_allowed_to_forward, []),
  };
}

export class DepartmentsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Rocket.Chat's findDepartments (and findArchivedDepartments with `archived: 'only'`): archived
   * departments are left out unless showArchived; excludeDepartmentId leaves one out.
   */
  async list(opts: {
    text?: string;
    enabled?: boolean;
    showArchived?: boolean;
    archived?: 'only';
    excludeDepartmentId?: string;
    count: number;
    offset: number;
  }): Promise<{ departments: DepartmentView[]; total: number }> {
    let q = this.db.selectFrom('departments');
    // Rocket.Chat: enabled=true narrows to enabled departments; anything else lists them all.
    if (opts.enabled) q = q.where('enabled', '=', 1);
    if (opts.archived === 'only') q = q.where('archived', '=', 1);
    else if (!opts.showArchived) q = q.where('archived', '=', 0);
    if (opts.excludeDepartmentId) q = q.where('_id', '!=', opts.excludeDepartmentId);
    if (opts.text) q = q.where(lowerContains('departments.name', opts.text));
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q
      .selectAll('departments')
      .select(numAgents)
      // case-insensitive, like Rocket.Chat's list; _id keeps pages stable between equal names
      .orderBy(lower('departments.name'))
      .orderBy('_id')
      .limit(opts.count)
      .offset(opts.offset)
      .execute();
    return {
      departments: rows.map((r) => view(r, Number(r.num_agents ?? 0))),
      total: Number(totalRow?.n ?? 0),
    };
  }

  /** Enabled departments by name, as livechat/config shows them to the widget. */
  async forWidget(): Promise<WidgetDepartment[]> {
    const rows = await this.db
      .selectFrom('departments')
      .select(['_id', 'name', 'show_on_registration', 'show_on_offline_form'])
      .where('enabled', '=', 1)
      .orderBy('name')
      .execute();
    return rows.map((d) => ({
      _id: d._id,
      name: d.name,
      showOnRegistration: d.show_on_registration === 1,
      showOnOfflineForm: d.show_on_offline_form === 1,
    }));
  }

  async get(id: string, db: Db = this.db): Promise<DepartmentView | undefined> {
    const row = await db
      .selectFrom('departments')
      .selectAll('departments')
      .select(numAgents)
      .where('_id', '=', id)
      .executeTakeFirst();
    return row ? view(row, Number(row.num_agents ?? 0)) : undefined;
  }

  /** The department or Rocket.Chat's error-department-not-found: for writes that name a department. */
  async require(id: string, db: Db = this.db): Promise<DepartmentView> {
    const dep = await this.get(id, db);
    if (!dep) fail('error-department-not-found', 'Department not found');
    return dep;
  }

  /**
   * Rocket.Chat's department.autocomplete: `{ _id, name }` by name, the term matched anywhere in
   * the name (case-insensitive), exceptions left out, archived ones only with showArchived.
   */
  async autocomplete(selector: AutocompleteSelector, showArchived: boolean): Promise<{ _id: string; name: string }[]> {
    let q = this.db.selectFrom('departments').select(['_id', 'name']);
    if (!showArchived) q = q.where('archived', '=', 0);
    if (selector.term) q = q.where(lowerContains('name', selector.term));
    const exceptions = (selector.exceptions ?? []).filter((e) => typeof e === 'string');
    if (exceptions.length) q = q.where('_id', 'not in', exceptions);
    if (typeof selector.conditions?.enabled === 'boolean')
      q = q.where('enabled', '=', selector.conditions.enabled ? 1 : 0);
    // case-insensitive, as the list: one order on both databases whatever their collation
    return q.orderBy(lower('name')).orderBy('_id').limit(AUTOCOMPLETE_MAX).execute();
  }

  /** Rocket.Chat's department.listByIds: the departments among these ids, in the order they were created. */
  async listByIds(ids: readonly string[]): Promise<DepartmentView[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('departments')
      .selectAll('departments')
      .select(numAgents)
      .where('_id', 'in', [...new Set(ids)])
      .orderBy('created_at')
      .orderBy('_id')
      .execute();
    return rows.map((r) => view(r, Number(r.num_agents ?? 0)));
  }

  /**
   * Rocket.Chat's archiveDepartment: archived and disabled at once, so neither the widget nor a
   * forward can pick it; its agents and rooms stay. An unknown id is `department-not-found`.
   */
  async archive(id: string): Promise<void> {
    const res = await this.db
      .updateTable('departments')
      .set({ archived: 1, enabled: 0, updated_at: this.now() })
      .where('_id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) fail('department-not-found', 'Department not found');
  }

  /** Rocket.Chat's unarchiveDepartment: back in the lists, still disabled until someone enables it. */
  async unarchive(id: string): Promise<void> {
    const res = await this.db
      .updateTable('departments')
      .set({ archived: 0, updated_at: this.now() })
      .where('_id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) fail('department-not-found', 'Department not found');
  }

  async agents(
    departmentId: string,
    opts: { count?: number; offset?: number } = {},
  ): Promise<{ agents: DepartmentAgent[]; total: number }> {
    const base = this.db.selectFrom('department_agents').where('department_id', '=', departmentId);
    const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let q = base.selectAll().orderBy('order').orderBy('username');
    if (opts.count !== undefined) q = q.limit(opts.count).offset(opts.offset ?? 0);
    const rows = await q.execute();
    return { agents: rows.map(toAgent), total: Number(totalRow?.n ?? 0) };
  }

  /**
   * Rocket.Chat's findDepartmentsOfAgent (GET livechat/agents/:agentId/departments): the agent's
   * links with the department's name and enabled flag; enabledOnly keeps enabled departments. A
   * link to a department that is gone is left out, as Rocket.Chat's $lookup + $unwind does.
   */
  async departmentsOfAgent(
    agentId: string,
    enabledOnly: boolean,
  ): Promise<(DepartmentAgent & { departmentName: string; departmentEnabled: boolean })[]> {
    let q = this.db
      .selectFrom('department_agents as l')
      .innerJoin('departments as d', 'd._id', 'l.department_id')
      .select(['l.department_id', 'l.agent_id', 'l.username', 'l.count', 'l.order', 'd.name', 'd.enabled'])
      .where('l.agent_id', '=', agentId);
    if (enabledOnly) q = q.where('d.enabled', '=', 1);
    const rows = await q.orderBy('d.name').orderBy('l.department_id').execute();
    return rows.map((r) => ({ ...toAgent(r), departmentName: r.name, departmentEnabled: Number(r.enabled) === 1 }));
  }

  /** Department ids per agent, for the agent list (one query for a whole page). */
  async departmentIdsByAgent(agentIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(agentIds.map((id) => [id, []]));
    if (agentIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('department_agents')
      .select(['agent_id', 'department_id'])
      .where('agent_id', 'in', [...agentIds])
      .orderBy('department_id')
      .execute();
    for (const r of rows) out.get(r.agent_id)?.push(r.department_id);
    return out;
  }

  async create(
    input: DepartmentInput,
    agents: AgentLink[] = [],
  ): Promise<{ department: DepartmentView; agents: DepartmentAgent[] }> {
    const values = checkInput(input);
    const id = newId();
    const now = this.now();
    await this.db.transaction().execute(async (trx) => {
      await checkFallback(trx, id, input.fallbackForwardDepartment);
      // agents are checked inside the transaction, next to the write that links them
      const links = await resolveAgents(trx, agents);
      await trx
        .insertInto('departments')
        .values({ _id: id, ...values, created_at: now, updated_at: now })
        .execute();
      await upsertLinks(trx, id, links);
    });
    return { department: (await this.get(id))!, agents: (await this.agents(id)).agents };
  }

  /** Replaces the department's fields; agents given here are added or updated, never removed (as Rocket.Chat's PUT). */
  /** Rocket.Chat's saveDepartment checks, in its order: archived-enabled, fields, not found, fallback. */
  async update(
    id: string,
    input: DepartmentInput,
    agents?: AgentLink[],
  ): Promise<{ department: DepartmentView; agents: DepartmentAgent[] }> {
    const stored = await this.get(id);
    if (stored?.archived && input.enabled)
      fail('error-archived-department-cant-be-enabled', 'Archived departments cant be enabled');
    const values = checkInput(input);
    if (!stored) fail('error-department-not-found', 'Department not found');
    await this.db.transaction().execute(async (trx) => {
      await checkFallback(trx, id, input.fallbackForwardDepartment);
      const links = await resolveAgents(trx, agents ?? []);
      const res = await trx
        .updateTable('departments')
        .set({ ...values, updated_at: this.now() })
        .where('_id', '=', id)
        .executeTakeFirst();
      // deleted between the check and the write: answer as if it never existed
      if (Number(res.numUpdatedRows) === 0) fail('error-department-not-found', 'Department not found');
      await upsertLinks(trx, id, links);
    });
    return { department: (await this.get(id))!, agents: (await this.agents(id)).agents };
  }

  async saveAgents(id: string, changes: AgentChanges): Promise<void> {
    const removeIds = [...new Set((changes.remove ?? []).map((r) => r.agentId))];
    await this.db.transaction().execute(async (trx) => {
      await this.require(id, trx);
      const links = await resolveAgents(trx, changes.upsert ?? []);
      if (removeIds.length) {
        await trx
          .deleteFrom('department_agents')
          .where('department_id', '=', id)
          .where('agent_id', 'in', removeIds)
          .execute();
      }
      await upsertLinks(trx, id, links);
      await trx.updateTable('departments').set({ updated_at: this.now() }).where('_id', '=', id).execute();
    });
  }

  /**
   * Deletes the department and its agent links. Rooms, inquiries and visitors that pointed at it
   * forget it (Rocket.Chat unsets it on rooms too), so nothing routes to a department that is gone;
   * so do departments that named it as their fallback.
   */
  async remove(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('departments').where('_id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) fail('error-department-not-found', 'Department not found');
      await trx.deleteFrom('department_agents').where('department_id', '=', id).execute();
      // Rocket.Chat's unsetFallbackDepartmentByDepartmentId: no fallback points at a department that is gone
      await trx
        .updateTable('departments')
        .set({ fallback_forward_department: null })
        .where('fallback_forward_department', '=', id)
        .execute();
      await trx.updateTable('rooms').set({ department_id: null }).where('department_id', '=', id).execute();
      await trx.updateTable('inquiries').set({ department_id: null }).where('department_id', '=', id).execute();
      await trx.updateTable('visitors').set({ department: null }).where('department', '=', id).execute();
    });
  }
}

/** Every id must be a user holding livechat-agent; the username stored is the user's own. */
async function resolveAgents(db: Db, links: readonly AgentLink[]): Promise<LinkRow[]> {
  // the last entry for an agent wins, as repeated upserts would
  const byId = new Map(links.map((l) => [l.agentId, l]));
  if (byId.size === 0) return [];
  const users = await db
    .selectFrom('users')
    .select(['_id', 'username', 'roles'])
    .where('_id', 'in', [...byId.keys()])
    .execute();
  const found = new Map(users.map((u) => [u._id, u]));
  const out: LinkRow[] = [];
  for (const [agentId, link] of byId) {
    const user = found.get(agentId);
    if (!user || !parseJson<Role[]>(user.roles, []).includes('livechat-agent')) {
      fail('error-invalid-agent', `${agentId} is not a livechat agent`, { agentId });
    }
    out.push({
      department_id: '',
      agent_id: agentId,
      username: user.username,
      count: link.count ?? 0,
      order: link.order ?? 0,
    });
  }
  return out;
}

/** numAgents is counted, not stored: one source of truth, so it can never drift. */
function numAgents(eb: ExpressionBuilder<Database, 'departments'>) {
  return eb
    .selectFrom('department_agents')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('department_agents.department_id', '=', 'departments._id')
    .as('num_agents');
}

async function upsertLinks(db: Db, departmentId: string, links: readonly LinkRow[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('department_agents')
    .values(links.map((l) => ({ ...l, department_id: departmentId })))
    .onConflict((oc) =>
      oc.columns(['department_id', 'agent_id']).doUpdateSet((eb) => ({
        username: eb.ref('excluded.username'),
        count: eb.ref('excluded.count'),
        order: eb.ref('excluded.order'),
      })),
    )
    .execute();
}

// An omitted optional field keeps its stored value (Kysely leaves undefined columns out).
type InputColumns = Pick<
  DepartmentRow,
  'name' | 'enabled' | 'description' | 'email' | 'show_on_registration' | 'show_on_offline_form'
> &
  Partial<
    Pick<
      DepartmentRow,
      | 'max_number_simultaneous_chat'
      | 'request_tag_before_closing_chat'
      | 'fallback_forward_department'
      | 'departments_allowed_to_forward'
      | 'allow_receive_forward_offline'
    >
  >;

/** Rocket.Chat's fallback checks: not the department itself, and a department that exists. */
async function checkFallback(db: Db, id: string, fallback: string | undefined): Promise<void> {
  if (!fallback) return;
  if (fallback === id)
    fail(
      'error-fallback-department-circular',
      'Cannot save department. Circular reference between fallback department and department',
    );
  const found = await db.selectFrom('departments').select('_id').where('_id', '=', fallback).executeTakeFirst();
  if (!found) fail('error-fallback-department-not-found', 'Fallback department not found');
}

function checkInput(input: DepartmentInput): InputColumns {
  const name = input.name.trim();
  if (name === '') fail('invalid-params', 'Department name is required');
  if (name.length > DEPARTMENT_NAME_MAX)
    fail('invalid-params', `Department name is longer than ${DEPARTMENT_NAME_MAX} characters`);
  const email = input.email?.trim() ? input.email.trim() : null;
  if (email !== null && !EMAIL_PATTERN.test(email)) fail('error-invalid-email', 'Invalid department email');
  return {
    name,
    enabled: input.enabled ? 1 : 0,
    description: input.description ?? null,
    email,
    show_on_registration: input.showOnRegistration ? 1 : 0,
    show_on_offline_form: input.showOnOfflineForm ? 1 : 0,
    ...(input.maxNumberSimultaneousChat !== undefined
      ? { max_number_simultaneous_chat: input.maxNumberSimultaneousChat }
      : {}),
    ...(input.requestTagBeforeClosingChat !== undefined
      ? { request_tag_before_closing_chat: input.requestTagBeforeClosingChat ? 1 : 0 }
      : {}),
    ...(input.fallbackForwardDepartment !== undefined
      ? { fallback_forward_department: input.fallbackForwardDepartment || null }
      : {}),
    ...(input.departmentsAllowedToForward !== undefined
      ? { departments_allowed_to_forward: JSON.stringify([...new Set(input.departmentsAllowedToForward)]) }
      : {}),
    ...(input.allowReceiveForwardOffline !== undefined
      ? { allow_receive_forward_offline: input.allowReceiveForwardOffline ? 1 : 0 }
      : {}),
  };
}
