/**
 * What a live widget connection (DDP) asks about rooms: does this visitor token own that room
 * (the one rule that guards every subscription and method), and where is a queued room in the
 * queue. Read-only look-ups, no transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { RoomAccess } from '../../domain/widget.ts';

/** The room when `token` is its visitor's token; otherwise undefined (unknown and foreign alike). */
export async function roomForToken(db: Kysely<Database>, rid: string, token: string): Promise<RoomAccess | undefined> {
  // No stored room has such an id or token; PostgreSQL would refuse the NUL outright and the
  // frame would go unanswered.
  if (rid.length > 64 || rid.includes('\u0000') || token.includes('\u0000')) return undefined;
  const r = await db
    .selectFrom('rooms')
    .select(['_id', 'visitor_token', 'visitor_username', 'served_by_id', 'department_id', 'open'])
    .where('_id', '=', rid)
    .where('visitor_token', '=', token)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    rid: r._id,
    visitorToken: r.visitor_token,
    visitorUsername: r.visitor_username,
    servedById: r.served_by_id ?? undefined,
    departmentId: r.department_id ?? undefined,
    open: r.open === 1,
  };
}
