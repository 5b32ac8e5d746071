/**
 * Small Rocket.Chat endpoints (issue 14), written from its handlers:
 * ee/app/api-enterprise/server/canned-responses.ts (+ lib/canned-responses.ts),
 * app/livechat/server/api/v1/visitor.ts, agent.ts and department.ts. Each: its success shape and
 * each rejection Rocket.Chat makes, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat small endpoints (${dialect})`, () => {
    let t: TestApp;
    let manager: Session;
    let ann: Session;
    let bob: Session;
    let plain: Session;
    let sales: string;
    let closed: string;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'boss', ['livechat-manager']);
      ann = await createStaff(t, 'ann', ['livechat-agent']);
      bob = await createStaff(t, 'bob', ['livechat-agent']);
      plain = await createStaff(t, 'pat', ['user']);
      const dep = async (name: string, enabled: boolean) => {
        const r = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/department',
          as: manager,
          payload: {
            department: { enabled, name, showOnRegistration: true, showOnOfflineForm: true },
            agents: [{ agentId: ann.userId, count: 2, order: 1 }],
          },
        });
        if (r.status !== 200) throw new Error(`department ${name}: ${r.res.body}`);
        return (r.body.department as { _id: string })._id;
      };
      sales = await dep('Sales', true);
      closed = await dep('Closed shop', false);
    });
    afterAll(async () => t.close());

    const get = (url: string, as?: Session) => call(t, { method: 'GET', url: `/api/v1/${url}`, as });
    const forbidden = (r: { status: number; body: Record<string, unknown> }) =>
      expect([r.status, r.body.success, r.body.errorType]).toEqual([403, false, 'error-unauthorized']);

    describe('canned responses', () => {
      let globalId: string;
      let salesId: string;
      beforeAll(async () => {
        const save = async (payload: Record<string, unknown>) => {
          const r = await call(t, { method: 'POST', url: '/api/v1/canned-responses', as: manager, payload });
          return (r.body.cannedResponse as { _id: string })._id;
        };
        globalId = await save({ shortcut: 'hello', text: 'Hello!', scope: 'global', tags: ['greet'] });
        salesId = await save({ shortcut: 'price', text: 'It costs 5', scope: 'department', departmentId: sales });
      });

      it('canned-responses/:_id: the response, in Rocket.Chat shape', async () => {
        const r = await get(`canned-responses/${globalId}`, ann);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({
          success: true,
          cannedResponse: {
            _id: globalId,
            shortcut: 'hello',
            text: 'Hello!',
            scope: 'global',
            tags: ['greet'],
            createdBy: { _id: manager.userId, username: 'boss' },
            _createdAt: expect.any(String),
            _updatedAt: expect.any(String),
          },
        });
        const dep = await get(`canned-responses/${salesId}`, ann);
        expect(dep.body.cannedResponse).toMatchObject({ scope: 'department', departmentId: sales });
      });

      it("canned-responses/:_id: 404 Resource not found, unknown or out of the agent's departments", async () => {
        for (const r of [await get('canned-responses/NoSuchId', ann), await get(`canned-responses/${salesId}`, bob)])
          expect([r.status, r.body]).toEqual([
            404,
            expect.objectContaining({ success: false, error: 'Resource not found' }),
          ]);
        // a manager sees every response (Rocket.Chat's view-all-canned-responses)
        expect((await get(`canned-responses/${salesId}`, manager)).status).toBe(200);
      });

      it('canned-responses.get: every response in reach as `responses`, unpaged', async () => {
        const shortcuts = async (as: Session) => {
          const r = await get('canned-responses.get', as);
          expect([r.status, r.body.success]).toEqual([200, true]);
          return (r.body.responses as { shortcut: string }[]).map((c) => c.shortcut);
        };
        expect(await shortcuts(ann)).toEqual(['hello', 'price']);
        expect(await shortcuts(bob)).toEqual(['hello']);
        expect(await shortcuts(manager)).toEqual(['hello', 'price']);
      });

      it('both need view-canned-responses, and a login', async () => {
        forbidden(await get('canned-responses.get', plain));
        forbidden(await get(`canned-responses/${globalId}`, plain));
        expect((await get('canned-responses.get')).status).toBe(401);
      });
    });

    describe('livechat/visitor/:token/room', () => {
      it("the visitor's open room as { _id, t, cl }; none once closed; none for an unknown token", async () => {
        await newVisitor(t, 'vr-a');
        const { room } = (await openRoom(t, 'vr-a')) as { room: { _id: string } };
        const r = await get('livechat/visitor/vr-a/room', manager);
        expect([r.status, r.body]).toEqual([200, { rooms: [{ _id: room._id, t: 'l', cl: false }], success: true }]);
        const close = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/room.close',
          payload: { rid: room._id, token: 'vr-a' },
        });
        expect(close.status).toBe(200);
        expect((await get('livechat/visitor/vr-a/room', manager)).body).toEqual({ rooms: [], success: true });
        expect((await get('livechat/visitor/nobody-here/room', manager)).body).toEqual({ rooms: [], success: true });
      });

      it('a served room carries servedBy', async () => {
        const amy = await availableAgent(t, 'amy');
        await newVisitor(t, 'vr-b');
        const { room } = (await openRoom(t, 'vr-b')) as { room: { _id: string } };
        const r = await get('livechat/visitor/vr-b/room', manager);
        expect(r.body.rooms).toEqual([
          { _id: room._id, t: 'l', cl: false, servedBy: { _id: amy.userId, username: 'amy', ts: expect.any(String) } },
        ]);
      });

      it('needs view-livechat-manager: an agent is refused', async () => {
        forbidden(await get('livechat/visitor/vr-a/room', ann));
        expect((await get('livechat/visitor/vr-a/room')).status).toBe(401);
      });
    });

    describe('livechat/agents/:agentId/departments', () => {
      it("the agent's links with departmentName and departmentEnabled", async () => {
        const r = await get(`livechat/agents/${ann.userId}/departments`, bob);
        expect(r.status).toBe(200);
        expect(r.body).toEqual({
          success: true,
          departments: [
            {
              _id: expect.any(String),
              agentId: ann.userId,
              departmentId: closed,
              departmentName: 'Closed shop',
              departmentEnabled: false,
              username: 'ann',
              count: 2,
              order: 1,
            },
            expect.objectContaining({ departmentId: sales, departmentName: 'Sales', departmentEnabled: true }),
          ],
        });
      });

      it('enabledDepartmentsOnly=true keeps the enabled ones; any other text keeps all', async () => {
        const only = await get(`livechat/agents/${ann.userId}/departments?enabledDepartmentsOnly=true`, ann);
        expect((only.body.departments as { departmentId: string }[]).map((d) => d.departmentId)).toEqual([sales]);
        const all = await get(`livechat/agents/${ann.userId}/departments?enabledDepartmentsOnly=yes`, ann);
        expect(all.body.departments).toHaveLength(2);
      });

      it('an unknown agent has no departments; unknown query parameters are refused', async () => {
        expect((await get('livechat/agents/invalid-id/departments', ann)).body).toEqual({
          departments: [],
          success: true,
        });
        const r = await get(`livechat/agents/${ann.userId}/departments?count=5`, ann);
        expect([r.status, r.body.success]).toEqual([400, false]);
      });

      it('needs view-l-room', async () => {
        forbidden(await get(`livechat/agents/${ann.userId}/departments`, plain));
        expect((await get(`livechat/agents/${ann.userId}/departments`)).status).toBe(401);
      });
    });

    describe('livechat/department/isDepartmentCreationAvailable', () => {
      it('always true, for anyone with view- or manage-livechat-departments', async () => {
        for (const as of [ann, manager]) {
          const r = await get('livechat/department/isDepartmentCreationAvailable', as);
          expect([r.status, r.body]).toEqual([200, { isDepartmentCreationAvailable: true, success: true }]);
        }
        forbidden(await get('livechat/department/isDepartmentCreationAvailable', plain));
        expect((await get('livechat/department/isDepartmentCreationAvailable')).status).toBe(401);
      });
    });
  });
}
