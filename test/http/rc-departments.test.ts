/**
 * Conformance with Rocket.Chat's department API and forwarding rules (issue 14), written from
 * apps/meteor/app/livechat/imports/server/rest/departments.ts, server/api/lib/departments.ts,
 * server/lib/departmentsLib.ts (saveDepartment, archive, unarchive), server/lib/Helper.ts
 * (forwardRoomToDepartment) and the Enterprise hooks beforeForwardRoomToDepartment and
 * onTransferFailure. Each endpoint: its success shape and each rejection, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom, setSetting } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

const D = '/api/v1/livechat/department';
const dep = (name: string, extra: Record<string, unknown> = {}) => ({
  enabled: true,
  name,
  email: '',
  showOnRegistration: true,
  showOnOfflineForm: false,
  ...extra,
});
type Dep = { _id: string; name: string; enabled: boolean; archived: boolean } & Record<string, unknown>;

for (const dialect of await dialects()) {
  describe(`Rocket.Chat departments (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeApp({ dialect });
    });
    afterAll(async () => t.close());

    const as = (s: Session | undefined) => s ?? t.admin;
    const get = (url: string, s?: Session) => call(t, { method: 'GET', url, as: as(s) });
    const post = (url: string, payload: Record<string, unknown> = {}, s?: Session) =>
      call(t, { method: 'POST', url, payload, as: as(s) });
    const put = (url: string, payload: Record<string, unknown>) =>
      call(t, { method: 'PUT', url, payload, as: t.admin });
    const rejects = (r: { status: number; body: Record<string, unknown> }, code: string, status = 400) => {
      expect([r.status, r.body.success, r.body.errorType]).toEqual([status, false, code]);
    };
    async function create(name: string, extra: Record<string, unknown> = {}, agents?: string[]): Promise<Dep> {
      const r = await post(D, {
        department: dep(name, extra),
        ...(agents ? { agents: agents.map((agentId) => ({ agentId })) } : {}),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.department as Dep;
    }
    const names = (r: { body: Record<string, unknown> }) => (r.body.departments as Dep[]).map((d) => d.name);

    it('archive: disabled and out of the lists; the archived list and showArchived show it; unarchive keeps it disabled', async () => {
      const a = await create('Arch Alpha');
      await create('Arch Beta');
      expect(await post(`${D}/${a._id}/archive`)).toMatchObject({ status: 200, body: { success: true } });
      const one = await get(`${D}/${a._id}`);
      expect(one.body.department).toMatchObject({ _id: a._id, archived: true, enabled: false });
      expect(names(await get(`${D}?text=Arch`))).toEqual(['Arch Beta']);
      expect(names(await get(`${D}?text=Arch&showArchived=true`))).toEqual(['Arch Alpha', 'Arch Beta']);
      const archived = await get('/api/v1/livechat/departments/archived?text=Arch');
      expect(archived.body).toMatchObject({ count: 1, offset: 0, total: 1, success: true });
      expect(names(archived)).toEqual(['Arch Alpha']);
      // Rocket.Chat's saveDepartment: an archived department cannot be enabled
      rejects(
        await put(`${D}/${a._id}`, { department: dep('Arch Alpha') }),
        'error-archived-department-cant-be-enabled',
      );
      expect((await put(`${D}/${a._id}`, { department: dep('Arch Alpha', { enabled: false }) })).status).toBe(200);

      expect((await post(`${D}/${a._id}/unarchive`)).body).toEqual({ success: true });
      expect((await get(`${D}/${a._id}`)).body.department).toMatchObject({ archived: false, enabled: false });
      expect(names(await get('/api/v1/livechat/departments/archived?text=Arch'))).toEqual([]);
      expect(names(await get(`${D}?text=Arch&excludeDepartmentId=${a._id}`))).toEqual(['Arch Beta']);

      rejects(await post(`${D}/nope/archive`), 'department-not-found');
      rejects(await post(`${D}/nope/unarchive`), 'department-not-found');
      const agent = await createStaff(t, 'arch-agent', ['livechat-agent']);
      rejects(await post(`${D}/${a._id}/archive`, {}, agent), 'error-unauthorized', 403);
    });

    it('department.autocomplete: { items: [{ _id, name }] } by name; selector required and JSON', async () => {
      const x = await create('Auto Xray');
      const y = await create('auto yankee');
      const z = await create('Auto Zulu');
      await post(`${D}/${z._id}/archive`);
      const sel = (s: unknown) => encodeURIComponent(JSON.stringify(s));
      const r = await get(`${D}.autocomplete?selector=${sel({ term: 'AUTO' })}`);
      expect(r.body).toEqual({
        items: [
          { _id: x._id, name: 'Auto Xray' },
          { _id: y._id, name: 'auto yankee' },
        ],
        success: true,
      });
      const except = await get(
        `${D}.autocomplete?selector=${sel({ term: 'auto', exceptions: [x._id] })}&showArchived=true`,
      );
      expect((except.body.items as Dep[]).map((i) => i.name)).toEqual(['auto yankee', 'Auto Zulu']);
      const missing = await get(`${D}.autocomplete`);
      rejects(missing, 'invalid-params');
      expect(missing.body.error).toContain("The 'selector' param is required");
      rejects(await get(`${D}.autocomplete?selector=not-json`), 'invalid-params');
      rejects(
        await get(`${D}.autocomplete?selector=${sel({ term: 'a' })}`, await createStaff(t, 'ac-user', ['user'])),
        'error-unauthorized',
        403,
      );
    });

    it('department.listByIds: { departments } for the ids given, a fields projection; ids required', async () => {
      const a = await create('Ids One');
      const b = await create('Ids Two');
      const r = await get(`${D}.listByIds?ids[]=${b._id}&ids[]=${a._id}&ids[]=unknown`);
      expect(r.status).toBe(200);
      expect((r.body.departments as Dep[]).map((d) => d._id)).toEqual([a._id, b._id]);
      expect((r.body.departments as Dep[])[0]).toMatchObject({ name: 'Ids One', enabled: true, numAgents: 0 });
      const repeated = await get(`${D}.listByIds?ids=${a._id}&ids=${b._id}&fields=${encodeURIComponent('{"name":1}')}`);
      expect(repeated.body).toEqual({
        departments: [
          { _id: a._id, name: 'Ids One' },
          { _id: b._id, name: 'Ids Two' },
        ],
        success: true,
      });
      const missing = await get(`${D}.listByIds`);
      rejects(missing, 'invalid-params');
      expect(missing.body.error).toContain("The 'ids' param is required");
    });

    it('DELETE obeys Omnichannel_enable_department_removal; removal unsets fallbacks that named it', async () => {
      const gone = await create('Del Gone');
      const pointing = await create('Del Pointing', { fallbackForwardDepartment: gone._id });
      await setSetting(t, 'Omnichannel_enable_department_removal', false);
      const r = await call(t, { method: 'DELETE', url: `${D}/${gone._id}`, as: t.admin });
      rejects(r, 'error-department-removal-disabled');
      await setSetting(t, 'Omnichannel_enable_department_removal', true);
      expect((await call(t, { method: 'DELETE', url: `${D}/${gone._id}`, as: t.admin })).status).toBe(200);
      const after = (await get(`${D}/${pointing._id}`)).body.department as Dep;
      expect(after.fallbackForwardDepartment).toBeUndefined();
      rejects(await call(t, { method: 'DELETE', url: `${D}/${gone._id}`, as: t.admin }), 'error-department-not-found');
    });

    it('saves the forwarding rules and checks the fallback as Rocket.Chat does', async () => {
      const target = await create('Fw Target');
      const d = await create('Fw Rules', {
        fallbackForwardDepartment: target._id,
        departmentsAllowedToForward: [target._id],
        allowReceiveForwardOffline: true,
      });
      expect(d).toMatchObject({
        fallbackForwardDepartment: target._id,
        departmentsAllowedToForward: [target._id],
        allowReceiveForwardOffline: true,
        archived: false,
      });
      // omitted: kept; '' clears the fallback
      const kept = await put(`${D}/${d._id}`, { department: dep('Fw Rules') });
      expect(kept.body.department).toMatchObject({
        fallbackForwardDepartment: target._id,
        allowReceiveForwardOffline: true,
      });
      const cleared = await put(`${D}/${d._id}`, { department: dep('Fw Rules', { fallbackForwardDepartment: '' }) });
      expect((cleared.body.department as Dep).fallbackForwardDepartment).toBeUndefined();
      rejects(
        await put(`${D}/${d._id}`, { department: dep('Fw Rules', { fallbackForwardDepartment: d._id }) }),
        'error-fallback-department-circular',
      );
      rejects(
        await put(`${D}/${d._id}`, { department: dep('Fw Rules', { fallbackForwardDepartment: 'missing' }) }),
        'error-fallback-department-not-found',
      );
      rejects(
        await post(D, { department: dep('Fw New', { fallbackForwardDepartment: 'missing' }) }),
        'error-fallback-department-not-found',
      );
      rejects(await put(`${D}/nope`, { department: dep('X') }), 'error-department-not-found');
      rejects(await post(D, { department: dep('Fw Bad', { allowReceiveForwardOffline: 'yes' }) }), 'invalid-params');
      // Rocket.Chat's findDepartmentAgents does not look the department up
      expect((await get(`${D}/nope/agents`)).body).toEqual({
        agents: [],
        count: 0,
        offset: 0,
        total: 0,
        success: true,
      });
    });

    describe('forwarding to a department', () => {
      let alice: Session & { username: string };
      let bob: Session & { username: string };
      let carol: Session & { username: string };
      let sales: Dep;
      let support: Dep;
      let backup: Dep;
      let n = 0;
      beforeAll(async () => {
        alice = await availableAgent(t, 'fw-alice');
        carol = await availableAgent(t, 'fw-carol');
        // bob is an agent of support but has no console open: nobody there can take a chat
        bob = await createStaff(t, 'fw-bob', ['livechat-agent']);
        sales = await create('Fw Sales', {}, [alice.userId]);
        support = await create('Fw Support', {}, [bob.userId]);
        backup = await create('Fw Backup', {}, [carol.userId]);
      });
      async function servedRoom() {
        const token = `fw-v${++n}-${dialect}`;
        await newVisitor(t, token, { department: sales._id });
        const { room } = await openRoom(t, token);
        expect(room.servedBy?._id).toBe(alice.userId);
        return room._id;
      }
      const info = async (rid: string) =>
        (await get(`/api/v1/rooms.info?roomId=${rid}`)).body.room as {
          departmentId?: string;
          servedBy?: { _id: string };
        };
      const forward = (roomId: string, departmentId: string) =>
        post('/api/v1/livechat/room.forward', { roomId, departmentId, comment: 'please' });

      it('nobody online there: error-no-agents-online-in-department, the chat stays', async () => {
        const rid = await servedRoom();
        rejects(await forward(rid, support._id), 'error-no-agents-online-in-department');
        expect(await info(rid)).toMatchObject({ departmentId: sales._id, servedBy: { _id: alice.userId } });
      });

      it('allowReceiveForwardOffline: the chat waits in that department instead', async () => {
        await put(`${D}/${support._id}`, { department: dep('Fw Support', { allowReceiveForwardOffline: true }) });
        const rid = await servedRoom();
        expect((await forward(rid, support._id)).body).toEqual({ success: true });
        const room = await info(rid);
        expect(room.departmentId).toBe(support._id);
        expect(room.servedBy).toBeUndefined();
        await put(`${D}/${support._id}`, { department: dep('Fw Support', { allowReceiveForwardOffline: false }) });
      });

      it('fallbackForwardDepartment: the chat goes on to the fallback and its agent', async () => {
        await put(`${D}/${support._id}`, { department: dep('Fw Support', { fallbackForwardDepartment: backup._id }) });
        const rid = await servedRoom();
        expect((await forward(rid, support._id)).status).toBe(200);
        expect(await info(rid)).toMatchObject({ departmentId: backup._id, servedBy: { _id: carol.userId } });
        await put(`${D}/${support._id}`, { department: dep('Fw Support', { fallbackForwardDepartment: '' }) });
      });

      it('departmentsAllowedToForward: other targets are refused; [] allows any', async () => {
        await put(`${D}/${sales._id}`, { department: dep('Fw Sales', { departmentsAllowedToForward: [backup._id] }) });
        const rid = await servedRoom();
        const r = await forward(rid, support._id);
        rejects(r, 'error-forwarding-department-target-not-allowed');
        expect(r.body.error).toContain('The forwarding to the target department is not allowed.');
        expect((await forward(rid, backup._id)).status).toBe(200);
        expect(await info(rid)).toMatchObject({ departmentId: backup._id, servedBy: { _id: carol.userId } });
        await put(`${D}/${sales._id}`, { department: dep('Fw Sales', { departmentsAllowedToForward: [] }) });
      });

      it('manual routing: the chat waits in the new department, no error', async () => {
        await setSetting(t, 'Livechat_Routing_Method', 'Manual_Selection');
        try {
          const token = `fw-manual-${dialect}`;
          await newVisitor(t, token, { department: sales._id });
          const { room } = await openRoom(t, token);
          expect((await forward(room._id, support._id)).status).toBe(200);
          const moved = await info(room._id);
          expect(moved.departmentId).toBe(support._id);
          expect(moved.servedBy).toBeUndefined();
        } finally {
          await setSetting(t, 'Livechat_Routing_Method', 'Auto_Selection');
        }
      });
    });
  });
}
