/**
 * A real HTTP receiver on 127.0.0.1, port 0, for delivery tests. It records every request (method,
 * path, headers, exact body) and answers from a script: each request takes the next scripted
 * response; when the script is empty, `fallback` answers (200 by default).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Reply =
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  /** Never answer (the worker must time out). */
  | { hang: true }
  /** Destroy the connection without a response. */
  | { reset: true }
  /** 301 with a Location the worker must not follow. */
  | { redirect: string; status?: 301 | 302 | 307 | 308 }
  /** A status with a body of `bytes` bytes (over the worker's read limit). */
  | { huge: number; status?: number };

export interface Receiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Append replies to the script. */
  script(...replies: Reply[]): void;
  /** What answers once the script is empty. */
  fallback: Reply;
  /** Answers by content before the script is consulted (return undefined to fall through). */
  route: ((req: ReceivedRequest) => Reply | undefined) | undefined;
  /** Resolves once at least n requests have arrived (rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const queue: Reply[] = [];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiters: (() => void)[] = [];
  const rx: Receiver = {
    url: '',
    port: 0,
    requests,
    fallback: { status: 200, body: '' },
    route: undefined,
    script: (...replies) => void queue.push(...replies),
    waitFor: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length >= n) {
            clearTimeout(timer);
            resolve(requests.slice());
            return true;
          }
          return false;
        };
        const timer = setTimeout(
          () => reject(new Error(`receiver: ${requests.length}/${n} requests after ${timeoutMs} ms`)),
          timeoutMs,
        );
        // a waiter is removed when it runs, so it registers itself again until satisfied
        const wait = () => {
          if (!check()) waiters.push(wait);
        };
        wait();
      }),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      rx.fallback = { status: 200, body: '' };
      rx.route = undefined;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      requests.push(received);
      const reply = rx.route?.(received) ?? queue.shift() ?? rx.fallback;
      answer(reply, res, req.socket);
      for (const w of waiters.splice(0)) w();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  rx.port = typeof addr === 'object' && addr ? addr.port : 0;
  rx.url = `http://127.0.0.1:${rx.port}`;
  return rx;
}

function answer(reply: Reply, res: ServerResponse, socket: Socket): void {
  if ('hang' in reply) return;
  if ('reset' in reply) {
    socket.destroy();
    return;
  }
  if ('redirect' in reply) {
    res.writeHead(reply.status ?? 301, { location: reply.redirect }).end();
    return;
  }
  if ('huge' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', 'content-length': String(reply.huge) });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let left = reply.huge;
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
    return;
  }
  const send = () => res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}
