/**
 * Livechat tags (Rocket.Chat's livechat/tags): a managed list, global (no departments) or limited
 * to departments. The close form picks from it; a department with requestTagBeforeClosingChat
 * refuses to close a chat without one (enforced in livechat/rooms.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { parseJson } from '../store/mappers.ts';
import { lowerContains } from '../store/text.ts';
import { newId } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';

type Db = Kysely<Database>;

export interface Tag {
  _id: string;
  name: string;
  description?: string;
  departments: string[];
  _updatedAt: Date;
}

export interface TagInput {
  name: string;
  description?: string;
  departments: string[];
}

function toTag(r: Database['tags']): Tag {
  return {
    _id: r._id,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    departments: parseJson<string[]>(r.departments, []),
    _updatedAt: new Date(Number(r.updated_at)),
  };
}

export class TagsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** `department` narrows to global tags plus that department's, as the close form needs. */
  async list(opts: {
    text?: string;
    department?: string;
    count: number;
    offset: number;
  }): Promise<{ tags: Tag[]; total: number }> {
    let q = this.db.selectFrom('tags');
    if (opts.text) q = q.where(lowerContains('tags.name', opts.text));
    const rows = (await q.selectAll().orderBy('name').execute())
      .map(toTag)
      // departments is a small JSON list: filtered here, so no dialect-specific JSON query
      .filter((t) => !opts.department || t.departments.length === 0 || t.departments.includes(opts.department));
    return { tags: rows.slice(opts.offset, opts.offset + opts.count), total: rows.length };
  }

  async get(id: string): Promise<Tag | undefined> {
    const row = await this.db.selectFrom('tags').selectAll().where('_id', '=', id).executeTakeFirst();
    return row ? toTag(row) : undefined;
  }

  async save(id: string | undefined, input: TagInput): Promise<Tag> {
    const name = input.name.trim();
    if (name === '') fail('invalid-params', 'Tag name is required');
    const departments = [...new Set(input.departments)];
    if (departments.length) {
      const found = await this.db.selectFrom('departments').select('_id').where('_id', 'in', departments).execute();
      if (found.length !== departments.length) fail('error-invalid-department', 'Unknown department');
    }
    const clash = await this.db.selectFrom('tags').select('_id').where('name', '=', name).executeTakeFirst();
    if (clash && clash._id !== id) fail('error-invalid-tag', `A tag named ${name} already exists`);
    const values = {
      name,
      description: input.description?.trim() || null,
      departments: JSON.stringify(departments),
      updated_at: this.now(),
    };
    if (id) {
      const res = await this.db.updateTable('tags').set(values).where('_id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) fail('error-invalid-tag', 'Tag not found');
      return (await this.get(id))!;
    }
    const newTagId = newId();
    await this.db
      .insertInto('tags')
      .values({ _id: newTagId, ...values, created_at: values.updated_at })
      .execute();
    return (await this.get(newTagId))!;
  }

  async remove(id: string): Promise<void> {
    const res = await this.db.deleteFrom('tags').where('_id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) fail('error-invalid-tag', 'Tag not found');
  }
}
