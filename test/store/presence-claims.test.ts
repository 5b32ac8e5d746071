/**
 * Two processes on one database (two stores and two service containers here), both running the
 * presence scheduler at the same moment: each leave action, auto-transfer and queued room is
 * claimed by one of them only, so every webhook event is recorded once. On both dialects.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createServices } from '../../src/services/container.ts';
import type { Services } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { migrate, openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/open.ts';
import { newId } from '../../src/domain/ids.ts';
import { dialects, dropSchema, PG_URL } from '../helpers/db.ts';
import { testClock } from '../helpers/presence.ts';
import type { TestClock } from '../helpers/presence.ts';

const GRACE_MS = 30_000;

for (const dialect of await dialects()) {
  describe(`presence claims across processes (${dialect})`, () => {
    let stores: Store[];
    let a: Services;
    let b: Services;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      if (dialect === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'omnihook-presence-'));
        const url = `sqlite:${join(dir, 'test.db')}`;
        stores = [await openStore(url)];
        await migrate(stores[0]!);
        stores.push(await openStore(url));
        cleanup = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const schema = `t_${newId(12).toLowerCase()}`;
        stores = [await openStore(PG_URL, { schema })];
        await migrate(stores[0]!);
        stores.push(await openStore(PG_URL, { schema }));
        cleanup = async () => {
          await dropSchema(schema);
        };
      }
      const config = loadConfig({ LOG_LEVEL: 'silent' });
      const errors: unknown[] = [];
      const opts = { now: clock.now, onError: (err: unknown) => errors.push(err) };
      a = await createServices(config, stores[0]!, new Hub(), opts);
      b = await createServices(config, stores[1]!, new Hub(), opts);
      expect(errors).toEqual([]);
    });

    afterEach(async () => {
      for (const s of [a, b]) {
        await s.presence.stop();
        s.settings.stop();
      }
      for (const s of stores) await s.close();
      await cleanup();
    });

    async function agent(s: Services, username: string) {
      const password = `${username}-pass-123`;
      const user = await s.users.create({ username, password, roles: ['livechat-agent'] });
      const { authToken } = await s.users.login(username, password, '127.0.0.1');
      await s.users.setLivechatStatus(user._id, 'available');
      const conn = await s.presence.connect(user._id, authToken, () => undefined);
      return { user, conn };
    }

    async function room(s: Services, token: string) {
      await s.livechat.visitors.register({ token, name: token }, {});
      return (await s.livechat.rooms.getOrCreate(token, {}, {})).room;
    }

    async function eventTypes(rid: string): Promise<string[]> {
      const rows = await a.db.selectFrom('events').select('type').where('rid', '=', rid).orderBy('seq').execute();
      return rows.map((r) => r.type);
    }

    async function bothTick(ms: number) {
      clock.advance(ms);
      await Promise.all([a.presence.tick(), b.presence.tick()]);
    }

    it('a leave action forward runs once', async () => {
      await a.settings.set('Livechat_agent_leave_action', 'forward');
      await b.settings.load();
      const ann = await agent(a, 'ann'); // ann's console is on process a
      const r = await room(a, 'v1');
      expect(r.servedBy?._id).toBe(ann.user._id);
      await agent(b, 'bob'); // bob's on process b
      await ann.conn.close();
      await bothTick(GRACE_MS);
      await bothTick(60_000);
      expect(await eventTypes(r._id)).toEqual([
        'LivechatSessionStart',
        'LivechatSessionTaken',
        'LivechatSessionTaken',
        'LivechatSessionForwarded',
      ]);
      // bob stays online though process a, which never held his stream, also ticked
      expect((await a.users.get((await a.users.getByUsername('bob'))!._id))?.status).toBe('online');
    });

    it('an auto-transfer runs once', async () => {
      await a.settings.set('Livechat_auto_transfer_chat_timeout', 60);
      await b.settings.load();
      const amy = await agent(a, 'amy');
      const r = await room(a, 'v2');
      expect(r.servedBy?._id).toBe(amy.user._id);
      await agent(b, 'ben');
      await bothTick(60_000);
      await bothTick(60_000);
      expect(await eventTypes(r._id)).toEqual([
        'LivechatSessionStart',
        'LivechatSessionTaken',
        'LivechatSessionTaken',
        'LivechatSessionForwarded',
      ]);
    });

    it('a queued room is given out once when consoles on both processes connect together', async () => {
      const r = await room(a, 'v3');
      expect(r.servedBy).toBeUndefined();
      const password = 'cid-pass-123';
      const user = await a.users.create({ username: 'cid', password, roles: ['livechat-agent'] });
      await a.users.setLivechatStatus(user._id, 'available');
      const t1 = (await a.users.login('cid', password, '127.0.0.1')).authToken;
      const t2 = (await b.users.login('cid', password, '127.0.0.1')).authToken;
      await Promise.all([
        a.presence.connect(user._id, t1, () => undefined),
        b.presence.connect(user._id, t2, () => undefined),
      ]);
      await bothTick(5_000);
      expect(await eventTypes(r._id)).toEqual([
        'LivechatSessionStart',
        'LivechatSessionQueued',
        'LivechatSessionTaken',
      ]);
    });

    it('the queue drained by both processes at once gives each room out once', async () => {
      const dee = await agent(a, 'dee');
      const eve = await agent(b, 'eve');
      // connected but not available: the rooms wait in the queue
      await a.users.setLivechatStatus(dee.user._id, 'not-available');
      await a.users.setLivechatStatus(eve.user._id, 'not-available');
      const rooms = [];
      for (let i = 0; i < 6; i++) rooms.push(await room(a, `q${i}`));
      for (const r of rooms) expect(await eventTypes(r._id)).not.toContain('LivechatSessionTaken');
      await a.users.setLivechatStatus(dee.user._id, 'available');
      await a.users.setLivechatStatus(eve.user._id, 'available');
      const assigned = await Promise.all([a.livechat.rooms.processQueue(), b.livechat.rooms.processQueue()]);
      expect(assigned[0] + assigned[1]).toBe(rooms.length);
      for (const r of rooms) {
        const taken = (await eventTypes(r._id)).filter((t) => t === 'LivechatSessionTaken');
        expect(taken, r._id).toHaveLength(1);
      }
    });
  });
}
