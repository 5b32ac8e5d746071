/** Text matching the dialects share: case-insensitive "contains" and ordering by lower case. */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE '%text%'`, escaping LIKE's wildcards (the same on SQLite and PostgreSQL). */
export function lowerContains(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${containsPattern(text)} escape '\\'`;
}

/** `lower(column)`, for case-insensitive ordering. */
export function lower(column: string): RawBuilder<string> {
  return sql<string>`lower(${sql.ref(column)})`;
}
