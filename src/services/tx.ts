/**
 * Transactions owned by services: a state change, its event and its deliveries commit together.
 * Work that must only happen once the commit is durable (realtime pushes, waking the delivery
 * worker) is queued with `after` and run after the commit, never inside it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/open.ts';
import type { Exec } from '../store/prepared.ts';

export interface Tx {
  readonly db: Kysely<Database>;
  /** Runs prepared (precompiled) statements in this transaction: the hot paths use it. */
  readonly x: Exec;
  after(fn: () => void): void;
}

export async function inTx<T>(store: Pick<Store, 'transact'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let hooks: (() => void)[] = [];
  // A unit may be retried or rolled back alone inside a group commit: keep only the hooks of
  // the attempt that committed.
  const work = (trx: Kysely<Database>, x: Exec) => {
    hooks = [];
    return fn({ db: trx, x, after: (f) => hooks.push(f) });
  };
  const result = await store.transact(work);
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // a failed notification never undoes a committed change; polling catches up
    }
  }
  return result;
}
