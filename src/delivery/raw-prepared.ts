/**
 * Raw SQL (Kysely's `sql` template) as a prepared query: for the statements the query builder
 * cannot express (UPDATE ... WHERE seq IN (subquery ... FOR UPDATE SKIP LOCKED), correlated
 * counts). `arg(name)` marks arguments as with prepare(); the builder gets the dialect, so one
 * Prepared may hold different SQL per dialect.
 */
import type { RawBuilder } from 'kysely';
import { dialectOf, prepare } from '../store/prepared.ts';
import type { Dialect, Prepared } from '../store/prepared.ts';

export function prepareRaw<R>(build: (dialect: Dialect) => RawBuilder<R>): Prepared<R> {
  return prepare<R>((db) => ({ compile: () => build(dialectOf(db)).compile(db) }));
}
