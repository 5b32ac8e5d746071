/**
 * The outbox as the delivery engine uses it: claim due leases, give them back, record attempts,
 * recover leases at start. One object per store; its record batching (on SQLite) lives here.
 */
import type { Store } from '../open.ts';
import { claimDue } from './claim.ts';
import type { ClaimParams, Claimed } from './claim.ts';
import { recoverLeasesAtStart, releaseLeases } from './leases.ts';
import { AttemptRecorder } from './record.ts';
import { endpointLimits, leaseFresh } from './fresh.ts';
import type { EndpointLimit, LeaseFreshParams } from './fresh.ts';
import type { RecordInput } from './record.ts';

// The webhook side's attention read queries (issue 17), for services/endpoint-health.ts and deliveries.ts.
export * as attention from './attention.ts';

export interface Outbox {
  claim(p: ClaimParams): Promise<Claimed[]>;
  release(owner: string, deliveryIds: string[], now: number): Promise<void>;
  /** false when the lease was lost (the row changed hands); the attempt is logged anyway. */
  record(input: RecordInput): Promise<boolean>;
  recoverAtStart(owner: string, now: number): Promise<number>;
  /** Leases handed-off deliveries by id, under the claim's rules (store/outbox/fresh.ts). */
  leaseFresh(p: LeaseFreshParams): Promise<Claimed[]>;
  /** Every endpoint's limits, for scheduling hand-offs in memory. */
  endpointLimits(now: number): Promise<EndpointLimit[]>;
}

export function storeOutbox(store: Store): Outbox {
  const recorder = new AttemptRecorder(store);
  return {
    claim: (p) => claimDue(store, p),
    release: (owner, ids, now) => releaseLeases(store, owner, ids, now),
    record: (input) => recorder.record(input),
    recoverAtStart: (owner, now) => recoverLeasesAtStart(store, owner, now),
    leaseFresh: (p) => leaseFresh(store, p),
    endpointLimits: (now) => endpointLimits(store, now),
  };
}
