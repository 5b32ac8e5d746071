/**
 * A TCP proxy the test controls, between Omnihook and the shared PostgreSQL server: the faults a
 * database restart, a failover or a bad network cause, without touching the server that other
 * tests use.
 * - reset(): every open connection is cut with a TCP RST (what pg_terminate_backend or a restart
 *   looks like from the client);
 * - freeze() / thaw(): nothing is forwarded either way, new connections are accepted and held
 *   (a hung database or a partition: no error, no answer);
 * - refuse() / accept(): the port stops listening (connection refused), then listens again.
 * Loopback only.
 */
import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  reset(): void;
  freeze(): void;
  thaw(): void;
  refuse(): Promise<void>;
  accept(): Promise<void>;
  /** Connections currently open through the proxy. */
  readonly open: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let frozen = false;
  let server: Server;
  let port = 0;

  const kill = (s: Socket | undefined) => {
    if (!s || s.destroyed) return;
    // RST rather than FIN: the peer sees ECONNRESET, as when a backend is killed
    if (typeof s.resetAndDestroy === 'function' && s.readyState !== 'opening') s.resetAndDestroy();
    else s.destroy();
  };

  const link = (pair: Pair) => {
    const up = createConnection({ host: target.host, port: target.port });
    pair.upstream = up;
    // plain 'data' forwarding, not pipe(): pipe() resumes a source on 'drain', which would
    // undo a freeze
    pair.client.on('data', (chunk: Buffer) => up.write(chunk));
    up.on('data', (chunk: Buffer) => pair.client.write(chunk));
    const drop = () => {
      kill(pair.client);
      kill(up);
      pairs.delete(pair);
    };
    up.on('error', drop);
    up.on('close', drop);
    pair.client.on('close', drop);
    if (frozen) up.pause();
  };

  const onConnection = (client: Socket) => {
    const pair: Pair = { client, upstream: undefined };
    pairs.add(pair);
    client.on('error', () => kill(pair.upstream));
    if (frozen) {
      // held: the client waits for a startup answer that does not come until thaw()
      client.pause();
      return;
    }
    link(pair);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(onConnection);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();

  const resetAll = () => {
    for (const pair of [...pairs]) {
      kill(pair.client);
      kill(pair.upstream);
      pairs.delete(pair);
    }
  };

  return {
    get port() {
      return port;
    },
    get open() {
      return pairs.size;
    },
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    reset: resetAll,
    freeze() {
      frozen = true;
      for (const pair of pairs) {
        pair.client.pause();
        pair.upstream?.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const pair of pairs) {
        if (!pair.upstream) link(pair);
        pair.client.resume();
        pair.upstream?.resume();
      }
    },
    async refuse() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        resetAll();
      });
    },
    accept: listen,
    async close() {
      resetAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
