/**
 * Omnihook's services in the benchmark's own process: a migrated store, the services as main.ts
 * builds them, an available agent and visitors with open rooms. The benchmarks that drive the
 * service layer directly (no HTTP) start from here.
 */
import { loadConfig } from '../../src/config/index.ts';
import { migrate, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';
import { createServices } from '../../src/services/container.ts';
import type { Services } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import type { BenchRoom } from './api.ts';

export interface InProcess {
  s: Services;
  store: Store;
}

/** `databaseUrl`: `sqlite:<file>` or a PostgreSQL URL; deliveries may go to loopback receivers. */
export async function openInProcess(databaseUrl: string): Promise<InProcess> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    EGRESS_ALLOWLIST: '127.0.0.1/32',
    ADMIN_PASS: 'bench-admin-pass-1',
  });
  const store = await openStore(config.databaseUrl);
  await migrate(store);
  return { s: await createServices(config, store, new Hub()), store };
}

/** An available agent and `count` registered visitors, each with an open room served by it. */
export async function agentAndRooms(s: Services, count: number, prefix = 'bench-visitor'): Promise<BenchRoom[]> {
  const agent = await s.users.create({
    username: 'bench-agent',
    password: 'bench-agent-pass-1',
    name: 'Bench Agent',
    roles: ['livechat-agent'],
  });
  await s.users.setLivechatStatus(agent._id, 'available');
  const rooms: BenchRoom[] = [];
  for (let i = 0; i < count; i++) {
    const token = `${prefix}-${i}`;
    await s.livechat.visitors.register({ token, name: `Visitor ${i}` }, {});
    const { room } = await s.livechat.rooms.getOrCreate(token, {}, {});
    rooms.push({ token, rid: room._id });
  }
  return rooms;
}
