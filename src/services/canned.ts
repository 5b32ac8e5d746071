/**
 * Canned responses (Rocket.Chat's canned-responses): a shortcut an agent types as `!shortcut` and
 * the text it expands to. Scope 'global' reaches every agent; 'department' reaches the agents of
 * that department only. Managers write them; every agent reads the ones in reach. Tags (Rocket.Chat's
 * `tags: string[]`) group them by topic: the list filters by tag and the picker searches them.
 */
import type { Kysely, Selectable } from 'kysely';
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
  tags: string[];
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
  tags?: string[];
}

type Row = Selectable<Database['canned_responses']>;

function toCanned(r: Row): CannedResponse {
  return {
    _id: r._id,
    shortcut: r.shortcut,
    text: r.text,
    scope: r.scope === 'department' ? 'department' : 'global',
    ...(r.department_id ? { departmentId: r.department_id } : {}),
    tags: parseTags(r.tags),
    createdBy: { _id: r.created_by_id, username: r.created_by_username },
    _createdAt: new Date(Number(r.created_at)),
    _updatedAt: new Date(Number(r.updated_at)),
  };
}

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

// A tag is stored inside a JSON list and matched as `"tag"` in it: quotes, backslashes and control
// characters would change that text, so they are refused rather than escaped.
const TAG_LENGTH = 50;
const hasBadChar = (tag: string) => [...tag].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20);

/** Trimmed, without blanks or repeats (case-insensitively), in the order given. */
export function normaliseTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = raw.trim();
    if (tag === '') continue;
    if (tag.length > TAG_LENGTH || hasBadChar(tag))
      fail('invalid-params', `Tag "${tag.slice(0, 50)}" must be 1-50 characters, without quotes`);
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
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
    /** Rocket.Chat's `tags` filter: responses carrying any of them (case-insensitive). */
    tags?: string[];
    count: number;
    offset: number;
  }): Promise<{ cannedResponses: CannedResponse[]; total: number }> {
    let q = this.inReach(opts.agentId);
    if (opts.text) q = q.where(lowerContains('canned_responses.shortcut', opts.text));
    const tags = normaliseTags(opts.tags ?? []);
    if (tags.length > 0) {
      q = q.where((eb) => eb.or(tags.map((tag) => lowerContains('canned_responses.tags', JSON.stringify(tag)))));
    }
    const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await q.selectAll().orderBy('shortcut').limit(opts.count).offset(opts.offset).execute();
    return { cannedResponses: rows.map(toCanned), total: Number(totalRow?.n ?? 0) };
  }

  /**
   * The responses `agentId` may use: global ones and those of its departments (Rocket.Chat's
   * findAllCannedResponses filter; Omnihook has no 'user' scope). No agentId: every response.
   */
  private inReach(agentId: string | undefined) {
    const q = this.db.selectFrom('canned_responses');
    if (!agentId) return q;
    return q.where((eb) =>
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

  /** Rocket.Chat's canned-responses.get: every response in reach, unpaged, by shortcut. */
  async allInReach(agentId: string | undefined): Promise<CannedResponse[]> {
    const rows = await this.inReach(agentId).selectAll().orderBy('shortcut').execute();
    return rows.map(toCanned);
  }

  /** Rocket.Chat's findOneCannedResponse: one response, when it is in reach (else undefined, as unknown). */
  async getInReach(id: string, agentId: string | undefined): Promise<CannedResponse | undefined> {
    const row = await this.inReach(agentId).selectAll().where('_id', '=', id).executeTakeFirst();
    return row ? toCanned(row) : undefined;
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
    const values = {
      shortcut,
      text,
      scope: input.scope,
      department_id: departmentId,
      updated_at: now,
      // an update without tags keeps them, as Rocket.Chat's clients may not send them
      ...(input.tags ? { tags: JSON.stringify(normaliseTags(input.tags)) } : {}),
    };
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
