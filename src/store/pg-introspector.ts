/**
 * What Kysely's migrator asks of PostgreSQL (does the schema exist, does its migration table
 * exist), answered from this session's own schema only.
 *
 * Kysely's PostgresIntrospector lists every column of every table in the database and resolves
 * each table by name (`pg_get_serial_sequence`); a table another session drops meanwhile, in any
 * schema, fails that query with "relation ... does not exist" and our start with it. Seen in CI:
 * one test file's migration failed while another dropped its schema; a database shared with
 * another application's migrations would do the same to a server's start.
 */
import { PostgresIntrospector, sql } from 'kysely';
import type { DatabaseIntrospector, DatabaseMetadata, Kysely, SchemaMetadata, TableMetadata } from 'kysely';

export class OwnSchemaIntrospector implements DatabaseIntrospector {
  private readonly schemas: PostgresIntrospector;

  constructor(private readonly db: Kysely<unknown>) {
    this.schemas = new PostgresIntrospector(db);
  }

  getSchemas(): Promise<SchemaMetadata[]> {
    return this.schemas.getSchemas();
  }

  /** The tables and views of the session's current schema, without their columns. */
  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; name: string; type: string }>`
      select n.nspname as schema, c.relname as name, c.relkind as type
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.db);
    return rows.map((r) => ({ schema: r.schema, name: r.name, isView: r.type === 'v', columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
