/**
 * Rocket.Chat conformance: permissions.listAll and permissions.update (apps/meteor/app/api/server/
 * v1/permissions.ts): shapes, rejections in Rocket.Chat's order, and every route honouring the
 * edited table at once, in this process and (PostgreSQL) in another process sharing the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { PERMISSIONS } from '../../src/domain/permissions.ts';
import { openStore } from '../../src/store/open.ts';
import { createServices } from '../../src/services/container.ts';
import { Hub } from '../../src/realtime/hub.ts';
import { buildApp } from '../../src/http/app.ts';

const LIST = '/api/v1/permissions.listAll';
const UPDATE = '/api/v1/permissions.update';

type Entry = { _id: string; roles: string[]; _updatedAt: string };

for (const dialect of await dialects()) {
  describe(`permissions.listAll / permissions.update (${dialect})`, () => {
    let t: TestApp;
    let manager: Session;
    let agent: Session;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'perm-boss', ['livechat-manager']);
      agent = await createStaff(t, 'perm-agent', ['livechat-agent']);
    });
    afterAll(async () => t.close());

    const update = (permissions: unknown, as: Session = t.admin) =>
      call(t, { method: 'POST', url: UPDATE, as, payload: { permissions } });
    const roomsAsAgent = () => call(t, { method: 'GET', url: '/api/v1/livechat/rooms', as: agent });

    it('listAll: every permission with its default roles, to any logged-in user', async () => {
      const r = await call(t, { method: 'GET', url: LIST, as: agent });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ success: true, remove: [] });
      const update = r.body.update as Entry[];
      expect(update.map((p) => p._id).sort()).toEqual(Object.keys(PERMISSIONS).sort());
      const viewRoom = update.find((p) => p._id === 'view-l-room')!;
      expect(viewRoom.roles).toEqual([...PERMISSIONS['view-l-room']]);
      expect(Number.isNaN(Date.parse(viewRoom._updatedAt))).toBe(false);
    });

    it('listAll: 401 without a login; 400 error-roomId-param-invalid for a bad updatedSince', async () => {
      expect((await call(t, { method: 'GET', url: LIST })).status).toBe(401);
      const r = await call(t, { method: 'GET', url: `${LIST}?updatedSince=yesterday`, as: agent });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ success: false, errorType: 'error-roomId-param-invalid' });
      expect(r.body.error).toContain('The "updatedSince" query parameter must be a valid date.');
    });

    it('update: only access-permissions (admin) may edit', async () => {
      expect((await call(t, { method: 'POST', url: UPDATE, payload: { permissions: [] } })).status).toBe(401);
      const r = await update([{ _id: 'view-l-room', roles: ['admin'] }], manager);
      expect(r.status).toBe(403);
      expect(r.body.errorType).toBe('error-unauthorized');
    });

    it('update: Rocket.Chat’s rejections (body, unknown or repeated permission, unknown role)', async () => {
      const bad = [
        [{ _id: 'view-l-room' }, 'invalid-params'], // roles required
        [[{ _id: 'view-l-room', roles: ['admin', 'admin'] }], 'invalid-params'], // uniqueItems
        [[{ _id: 'no-such-permission', roles: ['admin'] }], 'error-invalid-permission'],
        [
          [
            { _id: 'view-l-room', roles: ['admin'] },
            { _id: 'view-l-room', roles: ['admin'] },
          ],
          'error-invalid-permission',
        ],
        [[{ _id: 'view-l-room', roles: ['admin', 'no-such-role'] }], 'error-invalid-role'],
      ] as const;
      for (const [permissions, code] of bad) {
        const r = await update(permissions);
        expect([r.status, r.body.errorType]).toEqual([400, code]);
      }
      const missing = await call(t, { method: 'POST', url: UPDATE, as: t.admin, payload: {} });
      expect([missing.status, missing.body.errorType]).toEqual([400, 'invalid-params']);
      // nothing was written by any refused call
      expect((await roomsAsAgent()).status).toBe(200);
    });

    it('update: the admin role cannot lose access-permissions (ours: the table stays editable)', async () => {
      const r = await update([{ _id: 'access-permissions', roles: ['livechat-manager'] }]);
      expect([r.status, r.body.errorType]).toEqual([400, 'error-action-not-allowed']);
    });

    it('removing view-l-room from livechat-agent: the agent gets 403 on livechat/rooms; restoring it: 200', async () => {
      expect((await roomsAsAgent()).status).toBe(200);
      const before = Date.now();
      const r = await update([{ _id: 'view-l-room', roles: ['admin', 'livechat-manager'] }]);
      expect(r.status).toBe(200);
      const all = r.body.permissions as Entry[];
      expect(all).toHaveLength(Object.keys(PERMISSIONS).length);
      const edited = all.find((p) => p._id === 'view-l-room')!;
      expect(edited.roles).toEqual(['admin', 'livechat-manager']);

      const denied = await roomsAsAgent();
      expect(denied.status).toBe(403);
      expect(denied.body.errorType).toBe('error-unauthorized');
      // the manager still reads it
      expect((await call(t, { method: 'GET', url: '/api/v1/livechat/rooms', as: manager })).status).toBe(200);

      // updatedSince: only what changed after the date
      const since = new Date(before - 1).toISOString();
      const changed = await call(t, { method: 'GET', url: `${LIST}?updatedSince=${since}`, as: agent });
      expect((changed.body.update as Entry[]).map((p) => p._id)).toEqual(['view-l-room']);

      const restore = await update([{ _id: 'view-l-room', roles: [...PERMISSIONS['view-l-room']] }]);
      expect(restore.status).toBe(200);
      expect((await roomsAsAgent()).status).toBe(200);
    });

    it('the edit survives a restart: a new set of services reads it from the store', async () => {
      await update([{ _id: 'view-livechat-departments', roles: ['admin'] }]);
      const again = await createServices(t.services.config, t.services.store, new Hub());
      expect(again.permissions.has(['livechat-agent'], 'view-livechat-departments')).toBe(false);
      expect(again.permissions.has(['admin'], 'view-livechat-departments')).toBe(true);
      await update([{ _id: 'view-livechat-departments', roles: [...PERMISSIONS['view-livechat-departments']] }]);
    });

    if (dialect === 'postgres') {
      it('another process sharing the database honours the edit within seconds', async () => {
        // a second server over the same schema: its own store, services and app
        const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(t.services.db);
        const schema = rows[0]!.s;
        const config = t.services.config;
        const url = t.databaseUrl;
        const store2 = await openStore(url, { schema });
        const s2 = await createServices(config, store2, new Hub());
        const app2 = await buildApp(s2);
        try {
          const asAgent2 = () => app2.inject({ method: 'GET', url: '/api/v1/livechat/rooms', headers: agent.headers });
          expect((await asAgent2()).statusCode).toBe(200);
          await update([{ _id: 'view-l-room', roles: ['admin'] }]);
          let status = 0;
          const deadline = Date.now() + 8000;
          while (Date.now() < deadline) {
            status = (await asAgent2()).statusCode;
            if (status === 403) break;
            await new Promise((r) => setTimeout(r, 250));
          }
          expect(status).toBe(403);
        } finally {
          await update([{ _id: 'view-l-room', roles: [...PERMISSIONS['view-l-room']] }]);
          await app2.close();
          s2.settings.stop();
          await store2.close();
        }
      });
    }
  });
}
