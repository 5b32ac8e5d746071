/**
 * The webhook receiver: a tiny node:http server answering 200 `{}` to every request. It records,
 * per request, the receipt time (after the whole body arrived) minus the creation time carried in
 * the body (`t0:<letters>`, see lib/stats.ts), the webhook-id (duplicates) and, per order key
 * (the body's leading `{"_id":"<rid>"`), whether events arrived in the order of their message `ts`.
 *
 * IPC: `{cmd:'reset'}` -> `{type:'reset-ok'}`; `{cmd:'stats'}` -> `{type:'stats', ...}`; and it
 * pushes `{type:'count', n}` every 20 ms while the count changes (producers use it as back-pressure).
 * RECEIVER_DELAY_MS in the environment: it sleeps that long before answering (a slow CRM); the
 * receipt time stays the arrival of the whole body.
 */
import { createServer } from 'node:http';
import { childReady } from '../lib/child.ts';
import { decodeStamp, nowMs, summarize } from '../lib/stats.ts';

let count = 0;
let latencies: number[] = [];
let ids = new Set<string>();
let lastTsByKey = new Map<string, number>();
let outOfOrder = 0;
let missingStamp = 0;
let firstAt = NaN;
let lastAt = NaN;
let bytes = 0;
const DELAY_MS = Number(process.env.RECEIVER_DELAY_MS ?? 0);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = nowMs();
    const body = Buffer.concat(chunks).toString('utf8');
    count++;
    bytes += body.length;
    if (Number.isNaN(firstAt)) firstAt = at;
    lastAt = at;
    const id = req.headers['webhook-id'];
    if (typeof id === 'string') ids.add(id);
    const t0 = decodeStamp(body);
    if (Number.isNaN(t0)) missingStamp++;
    else latencies.push(at - t0);
    // Order: the message's server-side `ts` (set inside the writing transaction, so it follows
    // commit order), per room. The client's t0 cannot be used: concurrent requests to one room
    // may commit in either order.
    const key = /^\{"_id":"([^"]+)"/.exec(body)?.[1];
    const m = body.indexOf('"messages":[');
    const ts = m < 0 ? undefined : /"ts":"([^"]+)"/.exec(body.slice(m))?.[1];
    if (key !== undefined && ts !== undefined) {
      const order = Date.parse(ts);
      const prev = lastTsByKey.get(key);
      if (prev !== undefined && order < prev) outOfOrder++;
      else lastTsByKey.set(key, order);
    }
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
      res.end('{}');
    };
    if (DELAY_MS > 0) setTimeout(answer, DELAY_MS);
    else answer();
  });
});
server.keepAliveTimeout = 30_000;

let lastPushed = -1;
setInterval(() => {
  if (count !== lastPushed) {
    lastPushed = count;
    process.send?.({ type: 'count', n: count });
  }
}, 20).unref();

process.on('message', (raw) => {
  const msg = raw as { cmd?: string };
  if (msg.cmd === 'reset') {
    count = 0;
    latencies = [];
    ids = new Set();
    lastTsByKey = new Map();
    outOfOrder = 0;
    missingStamp = 0;
    firstAt = NaN;
    lastAt = NaN;
    bytes = 0;
    lastPushed = -1;
    process.send?.({ type: 'reset-ok' });
  } else if (msg.cmd === 'stats') {
    process.send?.({
      type: 'stats',
      count,
      uniqueIds: ids.size,
      outOfOrder,
      missingStamp,
      firstAt,
      lastAt,
      meanBodyBytes: count > 0 ? bytes / count : 0,
      latency: summarize(latencies),
    });
  }
});

server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  childReady(
    typeof addr === 'object' && addr ? addr.port : 0,
    () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
});
