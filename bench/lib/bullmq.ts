/**
 * The BullMQ baseline both delivery benches compare against: a queue whose worker POSTs each job's
 * body to the receiver, at a given concurrency, and a probe for the Redis it needs.
 */
import { connect } from 'node:net';
import { Pool } from 'undici';
import { Queue, Worker } from 'bullmq';

export interface RedisAt {
  host: string;
  port: number;
}

export function redisUp(at: RedisAt): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(at.port, at.host);
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export interface BullSender {
  /** Queues one delivery of this body. */
  add(body: string): Promise<void>;
  close(): Promise<void>;
}

/** A ready BullMQ queue and worker sending to `receiverUrl` (`/hook`), a failed POST failing the job. */
export async function bullSender(opts: {
  name: string;
  receiverUrl: string;
  redis: RedisAt;
  concurrency: number;
}): Promise<BullSender> {
  const pool = new Pool(new URL(opts.receiverUrl).origin, { connections: opts.concurrency });
  const queue = new Queue<{ body: string }>(opts.name, { connection: opts.redis });
  const worker = new Worker<{ body: string }>(
    opts.name,
    async (job) => {
      const res = await pool.request({
        method: 'POST',
        path: '/hook',
        headers: { 'content-type': 'application/json', 'webhook-id': `bull-${job.id ?? ''}` },
        body: job.data.body,
      });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    },
    { connection: opts.redis, concurrency: opts.concurrency },
  );
  await worker.waitUntilReady();
  return {
    add: async (body) => {
      await queue.add('event', { body }, { removeOnComplete: true, removeOnFail: true });
    },
    close: async () => {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await pool.close();
    },
  };
}
