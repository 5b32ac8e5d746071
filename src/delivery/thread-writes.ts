/**
 * SQLite: the delivery thread's writes, made by the API thread (issue 16). A WAL file has one
 * writer at a time, and better-sqlite3 waits for the lock by sleeping inside SQLite with its
 * thread stopped: measured, the delivery thread spent a third of its time asleep in BEGIN while
 * the API thread's group commits held the lock, and retrying BEGIN from its event loop instead
 * starved it outright. So the thread reads on its own connection (hand-offs, events, endpoint
 * limits: WAL readers never wait) and sends its writes here, where they run on the API thread's
 * connection: records join its group commit, one transaction for a batch of attempts and of API
 * requests together. The API thread pays the SQL of a record (tens of microseconds); the HTTP
 * work, headers, signing and scheduling stay on the delivery thread.
 *
 * Functions do not cross threads: the breaker rule is rebuilt here, the breaker's change is sent
 * back, and a claim carries the tokens the thread took for it from its own rate limiter (the one
 * its hand-offs use too), giving back what the claim did not use.
 */
import type { Outbox } from '../store/outbox/index.ts';
import type { ClaimParams, Claimed } from '../store/outbox/claim.ts';
import type { BreakerChange, RecordInput } from '../store/outbox/record.ts';
import { breakerRule } from './breaker.ts';
import { GrantedBudget } from './rate-limit.ts';
import type { WriteOp } from './thread-protocol.ts';

/** A record as it crosses: no functions; `breaker` says whether the endpoint has one. */
export type RecordCall = Omit<RecordInput, 'breaker' | 'onBreaker'> & { breaker: boolean };

/** A claim as it crosses: tokens per rate-limited endpoint instead of the limiter itself. */
export type ClaimCall = Omit<ClaimParams, 'rates'> & { grants?: Record<string, number> };

export interface RecordReply {
  updated: boolean;
  change?: BreakerChange;
}

/** The API thread's side: runs one write the thread asked for. */
export function writeServer(outbox: Outbox, disableFailingEndpointAfterMs: number) {
  const rule = breakerRule(disableFailingEndpointAfterMs);
  return async (op: WriteOp, args: unknown[]): Promise<unknown> => {
    switch (op) {
      case 'claim': {
        const { grants, ...p } = args[0] as ClaimCall;
        return outbox.claim({ ...p, ...(grants ? { rates: new GrantedBudget(grants) } : {}) });
      }
      case 'release':
        return outbox.release(args[0] as string, args[1] as string[], args[2] as number);
      case 'recoverAtStart':
        return outbox.recoverAtStart(args[0] as string, args[1] as number);
      case 'record': {
        const { breaker, ...input } = args[0] as RecordCall;
        let change: BreakerChange | undefined;
        const updated = await outbox.record({
          ...input,
          ...(breaker ? { breaker: rule } : {}),
          onBreaker: (c) => (change = c),
        });
        return { updated, ...(change ? { change } : {}) } satisfies RecordReply;
      }
    }
  };
}

/** The thread's side: an Outbox whose writes are calls to the API thread, whose reads are local. */
export function remoteWrites(local: Outbox, call: (op: WriteOp, args: unknown[]) => Promise<unknown>): Outbox {
  return {
    async claim({ rates, ...p }) {
      if (!rates) return (await call('claim', [p satisfies ClaimCall])) as Claimed[];
      // take up to the claim's limit for every rate-limited endpoint now, give back the rest after
      const grants: Record<string, number> = {};
      for (const e of await local.endpointLimits(p.now)) {
        if (e.rate_limit_per_second && e.open)
          grants[e._id] = rates.take(e._id, e.rate_limit_per_second, p.limit, p.now);
      }
      try {
        const claimed = (await call('claim', [{ ...p, grants } satisfies ClaimCall])) as Claimed[];
        for (const r of claimed) if (grants[r.endpoint_id] !== undefined) grants[r.endpoint_id]!--;
        return claimed;
      } finally {
        for (const [id, n] of Object.entries(grants)) rates.refund(id, n);
      }
    },
    release: (owner, ids, now) => call('release', [owner, ids, now]) as Promise<void>,
    recoverAtStart: (owner, now) => call('recoverAtStart', [owner, now]) as Promise<number>,
    async record({ breaker, onBreaker, ...input }) {
      const reply = (await call('record', [
        { ...input, breaker: breaker !== undefined } satisfies RecordCall,
      ])) as RecordReply;
      if (reply.change) onBreaker?.(reply.change);
      return reply.updated;
    },
    leaseFresh: (p) => local.leaseFresh(p),
    endpointLimits: (now) => local.endpointLimits(now),
  };
}
