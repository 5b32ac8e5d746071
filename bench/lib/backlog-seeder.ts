/**
 * Child script: writes a delivery backlog into an Omnihook SQLite file with the product's own
 * code and no delivery worker, so the events and deliveries are exactly what POST
 * livechat/message would have stored, at the store's speed rather than the HTTP API's (a
 * 1,000,000 backlog through the API takes ~8 minutes on 2 cores). The server must be stopped:
 * the store is opened as the file's one writer (`server: true`), so a running server refuses it.
 *
 * IPC: `{cmd:'pause', endpointId}` -> `{type:'paused'}` (the endpoint paused for an hour, as the
 * circuit breaker pauses one whose receiver is down); `{cmd:'seed', rooms, n, base, concurrency}`
 * -> `{type:'seed-progress', written}` every second, then `{type:'seeded', written, errors,
 * firstError, ms}`.
 */
import { loadConfig } from '../../src/config/index.ts';
import { openStore } from '../../src/store/open.ts';
import { createServices } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import type { BenchRoom } from './api.ts';
import { childReady } from './child.ts';
import { messageText, nowMs } from './stats.ts';

const config = loadConfig(process.env);
const store = await openStore(config.databaseUrl, { server: true });
const s = await createServices(config, store, new Hub());

async function seed(rooms: BenchRoom[], n: number, base: number, concurrency: number): Promise<void> {
  const t0 = nowMs();
  let next = 0;
  let written = 0;
  let errors = 0;
  let firstError: string | undefined;
  const progress = setInterval(() => process.send?.({ type: 'seed-progress', written }), 1000);
  // concurrent calls, as concurrent requests would be: the store's group commit batches them
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n && errors <= 100; i = next++) {
        const room = rooms[i % rooms.length]!;
        try {
          await s.livechat.messages.sendAsVisitor({ token: room.token, rid: room.rid, msg: messageText(base + i) });
          written++;
        } catch (err) {
          errors++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  clearInterval(progress);
  process.send?.({ type: 'seeded', written, errors, firstError, ms: nowMs() - t0 });
}

process.on('message', (raw) => {
  const msg = raw as {
    cmd?: string;
    endpointId?: string;
    rooms?: BenchRoom[];
    n?: number;
    base?: number;
    concurrency?: number;
  };
  if (msg.cmd === 'pause' && msg.endpointId) {
    void s.db
      .updateTable('endpoints')
      .set({ paused_until: Date.now() + 3_600_000 })
      .where('_id', '=', msg.endpointId)
      .execute()
      .then(() => process.send?.({ type: 'paused' }));
  } else if (msg.cmd === 'seed' && msg.rooms && msg.n !== undefined) {
    void seed(msg.rooms, msg.n, msg.base ?? 0, msg.concurrency ?? 64);
  }
});

childReady(0, async () => {
  s.settings.stop();
  await s.queue.stop();
  await store.close();
});
