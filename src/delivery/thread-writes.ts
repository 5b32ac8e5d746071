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
 * back, and claims use this side's rate limiter.
 */
import type { Outbox } from '../store/outbox/index.ts';
import type { ClaimParams } from '../store/outbox/claim.ts';
import type { BreakerChange, RecordInput } from '../store/outbox/record.ts';
import { breakerRule } from './breaker.ts';
import { RateLimiter } from './rate-limit.ts';
import type { WriteOp } from './thread-protocol.ts';

/** A record as it crosses: no functions; `breaker` says whether the endpoint has one. */
export type RecordCall = Omit<RecordInput, 'breaker' | 'onBreaker'> & { breaker: boolean };

export interface RecordReply {
  updated: boolean;
  change?: BreakerChange;
}

/** The API thread's side: runs one write the thread asked for. */
export function writeServer(outbox: Outbox, disableFailingEndpointAfterMs: number) {
  const rates = new RateLimiter();
  const rule = breakerRule(disableFailingEndpointAfterMs);
  return async (op: WriteOp, args: unknown[]): Promise<unknown> => {
    switch (op) {
      case 'claim':
        return outbox.claim({ ...(args[0] as ClaimParams), rates });
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
    claim: ({ rates: _rates, ...p }) => call('claim', [p]) as ReturnType<Outbox['claim']>,
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
