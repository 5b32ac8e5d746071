/** The edited permissions (migration 0017): one row per permission id an admin changed. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { parseJson } from './mappers.ts';

type Db = Kysely<Database>;

export interface PermissionRow {
  _id: string;
  roles: string[];
  updatedAt: number;
}

export async function loadPermissionRows(db: Db): Promise<PermissionRow[]> {
  const rows = await db.selectFrom('permissions').selectAll().execute();
  return rows.map((r) => ({ _id: r._id, roles: parseJson<string[]>(r.roles, []), updatedAt: Number(r.updated_at) }));
}

export async function writePermissionRoles(db: Db, id: string, roles: readonly string[], now: number): Promise<void> {
  const value = JSON.stringify([...roles]);
  await db
    .insertInto('permissions')
    .values({ _id: id, roles: value, updated_at: now })
    .onConflict((oc) => oc.column('_id').doUpdateSet({ roles: value, updated_at: now }))
    .execute();
}
