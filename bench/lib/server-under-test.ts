/**
 * An Omnihook server in a child process (npm-start style, SQLite file, delivery thread on) set up
 * through its public API for the delivery-load rows that measure a server alone: an available
 * agent, visitors with open rooms, one custom endpoint for Message events to the receiver. The
 * load is POST livechat/message over a pool of its own, sized to the load's concurrency.
 */
import { Pool } from 'undici';
import { Api, postVisitorMessage } from './api.ts';
import type { BenchRoom } from './api.ts';
import { startOmnihook } from './omnihook.ts';
import type { Child } from './child.ts';
import type { Receiver } from './receiver.ts';

export interface ServerUnderTest {
  readonly child: Child;
  readonly pid: number;
  readonly api: Api;
  readonly endpointId: string;
  readonly rooms: BenchRoom[];
  /** POST livechat/message, the i-th message (its room: i modulo the rooms). */
  post(i: number): Promise<void>;
  close(): Promise<void>;
}

export interface Setup {
  endpointId: string;
  rooms: BenchRoom[];
}

/**
 * Starts the server on `dbPath`. Without `existing` the file is fresh and the endpoint, the agent
 * and `rooms` rooms are created through the API; with it (a file set up earlier in the run) the
 * server is only logged into.
 */
export async function startServerUnderTest(opts: {
  name: string;
  dbPath: string;
  rcv: Receiver;
  connections: number;
  concurrency: number;
  rooms: number;
  existing?: Setup;
}): Promise<ServerUnderTest> {
  const child = await startOmnihook(opts.name, opts.dbPath, { EGRESS_ALLOWLIST: '127.0.0.1/32' });
  const origin = `http://127.0.0.1:${child.port}`;
  const api = new Api(origin);
  const pool = new Pool(origin, { connections: opts.connections });
  try {
    await api.loginAdmin();
    let setup = opts.existing;
    if (!setup) {
      await api.availableAgent();
      const created = await api.call<{ endpoint: { _id: string } }>('POST', '/api/v1/webhooks/endpoints', {
        url: opts.rcv.url,
        events: ['Message'],
        description: 'bench',
        maxConcurrency: opts.concurrency,
      });
      setup = { endpointId: created.endpoint._id, rooms: await api.visitorsWithRooms(opts.rooms, opts.name) };
    }
    const { endpointId, rooms } = setup;
    return {
      child,
      pid: child.proc.pid ?? 0,
      api,
      endpointId,
      rooms,
      post: async (i) => {
        const room = rooms[i % rooms.length]!;
        await postVisitorMessage(pool, room, i);
      },
      close: async () => {
        await pool.close();
        await api.close();
        await child.stop();
      },
    };
  } catch (err) {
    await pool.close();
    await api.close();
    await child.stop();
    throw err;
  }
}
