import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestStore } from '../helpers/db.ts';
import type { TestStore } from '../helpers/db.ts';
import { DepartmentsService } from '../../src/services/departments.ts';
import { containsPattern } from '../../src/store/text.ts';
import { newVisitorRow } from '../../src/store/rows.ts';
import { UsersService } from '../../src/services/users.ts';
import type { User } from '../../src/domain/models.ts';

const base = { enabled: true, showOnRegistration: true, showOnOfflineForm: false };

for (const dialect of await dialects()) {
  describe(`DepartmentsService on ${dialect}`, () => {
    let ts: TestStore;
    let deps: DepartmentsService;
    let users: UsersService;
    let ann: User;
    let bob: User;
    let plain: User;

    beforeAll(async () => {
      ts = await openTestStore(dialect);
      let clock = 1_700_000_000_000;
      deps = new DepartmentsService(ts.store.db, () => ++clock);
      users = new UsersService(ts.store.db);
      ann = await users.create({ username: 'ann', password: 'password-123', roles: ['livechat-agent'] });
      bob = await users.create({ username: 'bob', password: 'password-123', roles: ['livechat-agent'] });
      plain = await users.create({ username: 'plain', password: 'password-123' });
    });
    afterAll(async () => ts.cleanup());

    it('creates a department with agents and counts them', async () => {
      const { department, agents } = await deps.create(
        { ...base, name: '  Sales ', description: 'deals', email: 'sales@example.com' },
        [{ agentId: ann._id, count: 2, order: 1 }, { agentId: bob._id }],
      );
      expect(department).toMatchObject({
        name: 'Sales',
        enabled: true,
        description: 'deals',
        email: 'sales@example.com',
        numAgents: 2,
      });
      expect(department.showOnOfflineForm).toBe(false);
      expect(agents.map((a) => [a.username, a.count, a.order])).toEqual([
        ['bob', 0, 0],
        ['ann', 2, 1],
      ]);
      expect(agents[0]!.departmentId).toBe(department._id);
      expect(await deps.get(department._id)).toEqual(department);
    });

    it('rejects agents that are unknown or lack the agent role, writing nothing', async () => {
      for (const agentId of ['nobody', plain._id]) {
        await expect(
          deps.create({ ...base, name: 'Broken' }, [{ agentId: ann._id }, { agentId }]),
        ).rejects.toMatchObject({
          code: 'error-invalid-agent',
        });
      }
      const { departments } = await deps.list({ text: 'Broken', count: 10, offset: 0 });
      expect(departments).toEqual([]);
    });

    it('rejects an empty name and a bad email', async () => {
      await expect(deps.create({ ...base, name: '   ' })).rejects.toMatchObject({ code: 'invalid-params' });
      await expect(deps.create({ ...base, name: 'X', email: 'not-an-email' })).rejects.toMatchObject({
        code: 'error-invalid-email',
      });
    });

    it('lists with text (wildcards literal, case-insensitive), enabled and paging', async () => {
      await deps.create({ ...base, name: 'Support 100%' });
      await deps.create({ ...base, name: 'support_b', enabled: false });
      await deps.create({ ...base, name: 'Supportxb' });
      const all = await deps.list({ text: 'SUPPORT', count: 10, offset: 0 });
      expect(all.departments.map((d) => d.name)).toEqual(['Support 100%', 'support_b', 'Supportxb']);
      expect((await deps.list({ text: '0%', count: 10, offset: 0 })).departments.map((d) => d.name)).toEqual([
        'Support 100%',
      ]);
      expect((await deps.list({ text: 't_b', count: 10, offset: 0 })).departments.map((d) => d.name)).toEqual([
        'support_b',
      ]);
      const enabled = await deps.list({ text: 'support', enabled: true, count: 10, offset: 0 });
      expect(enabled.total).toBe(2);
      const page = await deps.list({ text: 'support', count: 1, offset: 1 });
      expect(page).toMatchObject({ total: 3, departments: [{ name: 'support_b' }] });
      expect(containsPattern('a%b_c\\')).toBe('%a\\%b\\_c\\\\%');
    });

    it('updates fields, upserts agents on update, and saves agent changes', async () => {
      const { department } = await deps.create({ ...base, name: 'Ops' }, [{ agentId: ann._id }]);
      const upd = await deps.update(department._id, { ...base, name: 'Operations', enabled: false }, [
        { agentId: bob._id, order: 3 },
      ]);
      expect(upd.department).toMatchObject({ name: 'Operations', enabled: false, numAgents: 2 });
      expect(upd.department.description).toBeUndefined();
      expect(upd.department._updatedAt.getTime()).toBeGreaterThan(department._updatedAt.getTime());
      await deps.saveAgents(department._id, {
        upsert: [{ agentId: ann._id, count: 5 }],
        remove: [{ agentId: bob._id }],
      });
      const { agents, total } = await deps.agents(department._id);
      expect(total).toBe(1);
      expect(agents[0]).toMatchObject({ agentId: ann._id, count: 5, username: 'ann' });
      const paged = await deps.agents(department._id, { count: 1, offset: 1 });
      expect(paged).toEqual({ agents: [], total: 1 });
      const map = await deps.departmentIdsByAgent([ann._id, bob._id, 'ghost']);
      expect(map.get(ann._id)).toContain(department._id);
      expect(map.get(bob._id)).not.toContain(department._id);
      expect(map.get('ghost')).toEqual([]);
    });

    it("unknown ids fail with Rocket.Chat's error-department-not-found", async () => {
      expect(await deps.get('nope')).toBeUndefined();
      await expect(deps.update('nope', { ...base, name: 'X' })).rejects.toMatchObject({
        code: 'error-department-not-found',
      });
      await expect(deps.saveAgents('nope', { upsert: [] })).rejects.toMatchObject({
        code: 'error-department-not-found',
      });
      await expect(deps.remove('nope')).rejects.toMatchObject({ code: 'error-department-not-found' });
    });

    it('remove drops links and clears references; removing the agent role drops links', async () => {
      const { department } = await deps.create({ ...base, name: 'Temp' }, [{ agentId: ann._id }]);
      const now = Date.now();
      await ts.store.db
        .insertInto('visitors')
        .values(newVisitorRow({ _id: 'v1', token: 'tok-1', username: 'guest-1', department: department._id }, now))
        .execute();
      await deps.remove(department._id);
      expect(await deps.get(department._id)).toBeUndefined();
      expect((await deps.agents(department._id)).total).toBe(0);
      const v = await ts.store.db
        .selectFrom('visitors')
        .select('department')
        .where('_id', '=', 'v1')
        .executeTakeFirstOrThrow();
      expect(v.department).toBeNull();

      const { department: d2 } = await deps.create({ ...base, name: 'Keep' }, [{ agentId: bob._id }]);
      await users.removeRole(bob._id, 'livechat-agent');
      expect((await deps.get(d2._id))!.numAgents).toBe(0);
      expect((await deps.departmentIdsByAgent([bob._id])).get(bob._id)).toEqual([]);
    });
  });
}
