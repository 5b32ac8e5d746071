/**
 * The running server's egress allowlist, written where the CLI can read it: the CLI runs in its
 * own environment and cannot see the server's EGRESS_ALLOWLIST, and a mismatch between the two
 * is the usual reason a local receiver works from one and not from the other (issue 17).
 *
 * One row of the settings table, written by each server process at start. It is not a setting:
 * the settings API refuses its id (unknown), the settings loader skips it, nothing but a start
 * writes it, and it holds nothing secret (addresses, CIDRs and host names). Several processes on
 * one PostgreSQL database write the same row; the last start wins, which is right as long as they
 * share one environment (and `recordedAt` says when it was written).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/** The row's id; outside every setting namespace so no setting can take it. */
export const SERVER_EGRESS_ROW = 'Omnihook_server_egress_allowlist';

export interface ServerEgress {
  /** The server's EGRESS_ALLOWLIST entries as it parsed them (empty: public addresses only). */
  allowlist: string[];
  /** When the server wrote it (its start). */
  recordedAt: string;
  /** Whether that process runs the delivery worker (the one that applies it to deliveries). */
  worker: boolean;
}

/** At start: records this process's allowlist for the CLI. */
export async function recordServerEgress(s: {
  db: Kysely<Database>;
  config: { egressAllowlist: readonly string[]; worker: boolean };
  now(): number;
}): Promise<void> {
  const now = s.now();
  const value: ServerEgress = {
    allowlist: [...s.config.egressAllowlist],
    recordedAt: new Date(now).toISOString(),
    worker: s.config.worker,
  };
  const text = JSON.stringify(value);
  await s.db
    .insertInto('settings')
    .values({ _id: SERVER_EGRESS_ROW, value: text, updated_at: now })
    .onConflict((oc) => oc.column('_id').doUpdateSet({ value: text, updated_at: now }))
    .execute();
}

/** What the last server start recorded; undefined when no server of this version has started. */
export async function readServerEgress(db: Kysely<Database>): Promise<ServerEgress | undefined> {
  const row = await db.selectFrom('settings').select('value').where('_id', '=', SERVER_EGRESS_ROW).executeTakeFirst();
  if (!row) return undefined;
  try {
    const v = JSON.parse(row.value) as Partial<ServerEgress>;
    if (!Array.isArray(v.allowlist) || typeof v.recordedAt !== 'string') return undefined;
    return {
      allowlist: v.allowlist.filter((e): e is string => typeof e === 'string'),
      recordedAt: v.recordedAt,
      worker: v.worker !== false,
    };
  } catch {
    return undefined;
  }
}
