/**
 * Two processes' worth of services on one PostgreSQL schema: a message written through one is
 * seen live by the other's hub (what its SSE and DDP clients read), with its dates intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, postgresAvailable } from '../helpers/db.ts';
import { loadConfig } from '../../src/config/index.ts';
import { migrate, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';
import { createServices } from '../../src/services/container.ts';
import type { Services } from '../../src/services/container.ts';
import { startBridge } from '../../src/realtime/bridge.ts';
import type { LiveBridge } from '../../src/realtime/bridge.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { openPgChannel } from '../../src/store/notify.ts';
import type { LiveEvent } from '../../src/domain/live-events.ts';
import { newId } from '../../src/domain/ids.ts';

const available = await postgresAvailable();

describe.skipIf(!available)('live events across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  const schema = `t_${newId(12).toLowerCase()}`;
  const channel = `live_${schema}`;
  const stores: Store[] = [];
  const services: Services[] = [];
  const bridges: LiveBridge[] = [];
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: PG_URL, ADMIN_PASS: 'bridge-pass-1', LOG_LEVEL: 'silent' });
    for (let i = 0; i < 2; i++) {
      const store = await openStore(PG_URL, { schema });
      if (i === 0) await migrate(store);
      stores.push(store);
      const hub = new Hub();
      const s = await createServices(config, store, hub);
      services.push(s);
      bridges.push(startBridge(hub, await openPgChannel(PG_URL, channel)));
    }
  });
  afterAll(async () => {
    for (const b of bridges) await b.stop();
    for (const s of services) s.settings.stop();
    for (const st of stores) await st.close();
    await dropSchema(schema);
  });

  it('relays a message event to the other process, once, with Date fields', async () => {
    const [a, b] = services as [Services, Services];
    const seenByB: LiveEvent[] = [];
    const seenByA: LiveEvent[] = [];
    b.hub.subscribe((e) => seenByB.push(e));
    a.hub.subscribe((e) => seenByA.push(e));
    await a.livechat.visitors.register({ token: 'bridge-v', name: 'Bridge' }, {});
    const { room } = await a.livechat.rooms.getOrCreate('bridge-v', {}, {});
    await a.livechat.messages.sendAsVisitor({ token: 'bridge-v', rid: room._id, msg: 'across processes' });
    const deadline = Date.now() + 5000;
    const isMsg = (e: LiveEvent) => e.kind === 'message' && e.message.msg === 'across processes';
    while (!seenByB.some(isMsg) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const relayed = seenByB.find(isMsg);
    expect(relayed).toBeDefined();
    if (relayed?.kind !== 'message') throw new Error('not a message');
    expect(relayed.message.ts).toBeInstanceOf(Date);
    expect(relayed.audience.rid).toBe(room._id);
    await new Promise((r) => setTimeout(r, 200));
    // the publisher sees its own event once (locally), not echoed back through the bridge
    expect(seenByA.filter(isMsg)).toHaveLength(1);
    expect(seenByB.filter(isMsg)).toHaveLength(1);
  });
});
