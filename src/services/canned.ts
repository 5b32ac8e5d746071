/**
 * Canned responses (Rocket.Chat's canned-responses): a shortcut an agent types as `!shortcut` and
 * the text it expands to. Scope 'global' reaches every agent; 'department' reaches the agents of
 * that department only. Managers write them; every agent reads the ones in reach.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { lowerContains } from '../store/text.ts';
import { newId } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';
import type { User } from '../domain/models.ts';

type Db = Kysely<Database>;
export type CannedScope = 'global' | 'department';

export interface CannedResponse {
  _id: string;
  shortcut: string;
  text: string;
  scope: CannedScope;
  departmentId?: string;
  createdBy: { _id: string; username: string };
  _createdAt: Date;
  _updatedAt: Date;
}

export interface CannedInput {
  _id?: string;
  shortcut: string;
  text: string;
  scope: CannedScope;
  departmentId?: string;
}

type Row = Database['canned_responses'];

function toCanned(r: Row): CannedResponse {
  return {
    _id: r._id,
    shortcut: r.shortcut,
    text: r.text,
    scope: r.scope === 'department' ? 'department' : 'global',
    ...(r.department_id ? { departmentId: r.department_id } : {}),
    createdBy: { _id: r.created_by_id, username: r.created_by_username },
    _createdAt: new Date(Number(r.created_at)),
    _updatedAt: new Date(Number(r.updated_at)),
  };
}

export class CannedService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Managers see every response; `agentId` narrows to global + that agent's departments. */
  async list(opts: {
    agentId?: string;
    text?: string;
    count: number;
    offset: number;
  }): Promise<{ cannedResponses: CannedResponse[]; total: number }> {
    let q = this.db.selectFrom('canned_responses');
    if (opts.agentId) {
      const agentId = opts.agentId;
      q = q.where((eb) =>
        eb.or([
          eb('scope', '=', 'global'),
          eb(
            'department_id',
            'in',
            eb.selectFrom('department_agents').select('department_id').where('agent_id', '=', agentId),
          ),
        ]),
      );
    }
    if (opts.text) q = q.where(lowerContains('canned_responses.shortcut', opts.text));
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('shortcut').limit(opts.count).offset(opts.offset).execute();
    return { cannedResponses: rows.map(toCanned), total: Number(totalRow?.n ?? 0) };
  }

  /** Create (no _id) or update (with _id), as Rocket.Chat's POST canned-responses. */
  async save(user: User, input: CannedInput): Promise<CannedResponse> {
    const shortcut = input.shortcut.trim();
    const text = input.text.trim();
    if (!/^[\w.-]{1,64}$/.test(shortcut)) fail('invalid-params', 'Shortcut must be 1-64 letters, digits, _ . -');
    if (text === '') fail('invalid-params', 'Text is required');
    let departmentId: string | null = null;
    if (input.scope === 'department') {
      if (!input.departmentId) fail('error-invalid-department', 'departmentId is required for scope department');
      const dep = await this.db
        .selectFrom('departments')
        .select('_id')
        .where('_id', '=', input.departmentId)
        .executeTakeFirst();
      if (!dep) fail('error-invalid-department', `Department ${input.departmentId} not found`);
      departmentId = dep._id;
    }
    const clash = await this.db
      .selectFrom('canned_responses')
      .select('_id')
      .where('shortcut', '=', shortcut)
      .executeTakeFirst();
    if (clash && clash._id !== input._id) fail('error-invalid-shortcut', 'Shortcut provided already exists');
    const now = this.now();
    const values = { shortcut, text, scope: input.scope, department_id: departmentId, updated_at: now };
    if (input._id) {
      const res = await this.db
        .updateTable('canned_responses')
        .set(values)
        .where('_id', '=', input._id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) fail('error-canned-response-not-found', 'Canned response not found');
      return (await this.get(input._id))!;
    }
    const id = newId();
    await this.db
      .insertInto('canned_responses')
      .values({ _id: id, ...values, created_by_id: user._id, created_by_username: user.username, created_at: now })
      .execute();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<CannedResponse | undefined> {
    const row = await this.db.selectFrom('canned_responses').selectAll().where('_id', '=', id).executeTakeFirst();
    return row ? toCanned(row) : undefined;
  }

  async remove(id: string): Promise<void> {
    const res = await this.db.deleteFrom('canned_responses').where('_id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) fail('error-canned-response-not-found', 'Canned response not found');
  }
}
