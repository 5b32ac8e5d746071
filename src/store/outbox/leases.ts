/**
 * Leases outside the claim: given back without spending an attempt (our own failure: shutting
 * down, a database error while recording), and recovered at start from a process that died.
 */
import type { Store } from '../open.ts';

export async function releaseLeases(store: Store, owner: string, deliveryIds: string[], now: number): Promise<void> {
  if (deliveryIds.length === 0) return;
  await store.db
    .updateTable('deliveries')
    .set({ lease_owner: null, lease_until: null, updated_at: now })
    .where('_id', 'in', deliveryIds)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * At start: leases left by a process that died. Where one process serves the database
 * (`singleProcess`, SQLite: ARCHITECTURE rule 2) any lease not ours belongs to a dead predecessor
 * and is released at once instead of waiting out its expiry; were a second worker wrongly pointed
 * at the same file, the cost is a duplicate send with the same webhook-id, never a loss. Where
 * several live workers share the database (PostgreSQL), leases are left to expire.
 */
export async function recoverLeasesAtStart(store: Store, owner: string, now: number): Promise<number> {
  if (!store.caps.singleProcess) return 0;
  const res = await store.db
    .updateTable('deliveries')
    .set({ lease_owner: null, lease_until: null, updated_at: now })
    .where('status', '=', 'pending')
    .where('lease_owner', 'is not', null)
    .where('lease_owner', '<>', owner)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
