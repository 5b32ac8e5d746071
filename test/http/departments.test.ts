import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';

const URL = '/api/v1/livechat/department';
const dep = (name: string, extra: Record<string, unknown> = {}) => ({
  enabled: true,
  name,
  showOnRegistration: true,
  showOnOfflineForm: false,
  ...extra,
});

describe('livechat/department', () => {
  let t: TestApp;
  let manager: Session;
  let ann: Session & { username: string };
  let bob: Session & { username: string };
  beforeAll(async () => {
    t = await makeApp();
    manager = await createStaff(t, 'boss', ['livechat-manager']);
    ann = await createStaff(t, 'ann', ['livechat-agent']);
    bob = await createStaff(t, 'bob', ['livechat-agent']);
  });
  afterAll(async () => t.close());

  async function create(name: string, agents?: unknown[]): Promise<string> {
    const r = await call(t, {
      method: 'POST',
      url: URL,
      as: manager,
      payload: { department: dep(name), ...(agents ? { agents } : {}) },
    });
    expect(r.status).toBe(200);
    return (r.body.department as { _id: string })._id;
  }

  it('creates with agents and reads back in Rocket.Chat shape', async () => {
    const r = await call(t, {
      method: 'POST',
      url: URL,
      as: manager,
      payload: {
        department: dep('Sales', {
          description: 'deals',
          email: 'sales@example.com',
          requestTagBeforeClosingChat: false,
        }),
        agents: [{ agentId: ann.userId, username: 'whatever', count: 0, order: 1 }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      success: true,
      department: {
        name: 'Sales',
        enabled: true,
        description: 'deals',
        email: 'sales@example.com',
        numAgents: 1,
        showOnOfflineForm: false,
      },
      agents: [{ agentId: ann.userId, username: 'ann', count: 0, order: 1 }],
    });
    const id = (r.body.department as { _id: string })._id;
    expect(typeof (r.body.department as { _updatedAt: string })._updatedAt).toBe('string');

    const one = await call(t, { method: 'GET', url: `${URL}/${id}`, as: ann });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      success: true,
      department: { _id: id, name: 'Sales' },
      agents: [{ agentId: ann.userId, departmentId: id }],
    });
    const noAgents = await call(t, { method: 'GET', url: `${URL}/${id}?includeAgents=false`, as: ann });
    expect(noAgents.body).not.toHaveProperty('agents');
  });

  it('lists with text, enabled and paging', async () => {
    await create('Support');
    const off = await call(t, {
      method: 'POST',
      url: URL,
      as: manager,
      payload: { department: dep('Support night', { enabled: false }) },
    });
    expect(off.status).toBe(200);
    const all = await call(t, { method: 'GET', url: `${URL}?text=support`, as: ann });
    expect(all.body).toMatchObject({ success: true, count: 2, offset: 0, total: 2 });
    const enabled = await call(t, { method: 'GET', url: `${URL}?text=support&enabled=true`, as: ann });
    expect((enabled.body.departments as { name: string }[]).map((d) => d.name)).toEqual(['Support']);
    const page = await call(t, { method: 'GET', url: `${URL}?count=1&offset=1`, as: ann });
    expect(page.body).toMatchObject({ count: 1, offset: 1, total: 3 });
  });

  it('updates fields, upserts agents, and keeps existing ones', async () => {
    const id = await create('Ops', [{ agentId: ann.userId }]);
    const r = await call(t, {
      method: 'PUT',
      url: `${URL}/${id}`,
      as: manager,
      payload: { department: dep('Operations', { enabled: false }), agents: [{ agentId: bob.userId, order: 2 }] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      success: true,
      department: { _id: id, name: 'Operations', enabled: false, numAgents: 2 },
    });
    expect((r.body.agents as { username: string }[]).map((a) => a.username)).toEqual(['ann', 'bob']);
  });

  it('saves agent changes with upsert/remove and pages the agent list', async () => {
    const id = await create('Billing', [{ agentId: ann.userId }]);
    const save = await call(t, {
      method: 'POST',
      url: `${URL}/${id}/agents`,
      as: manager,
      payload: {
        upsert: [{ agentId: bob.userId, username: 'bob', count: 1, order: 0 }],
        remove: [{ agentId: ann.userId, username: 'ann' }],
      },
    });
    expect(save.status).toBe(200);
    expect(save.body).toEqual({ success: true });
    const list = await call(t, { method: 'GET', url: `${URL}/${id}/agents`, as: ann });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      success: true,
      count: 1,
      offset: 0,
      total: 1,
      agents: [{ agentId: bob.userId, count: 1 }],
    });
  });

  it("keeps Rocket.Chat's maxNumberSimultaneousChat: set, kept when omitted, refused out of range", async () => {
    const r = await call(t, {
      method: 'POST',
      url: URL,
      as: manager,
      payload: { department: dep('Limited', { maxNumberSimultaneousChat: 2 }) },
    });
    expect(r.status).toBe(200);
    const id = (r.body.department as { _id: string; maxNumberSimultaneousChat: number })._id;
    expect((r.body.department as { maxNumberSimultaneousChat: number }).maxNumberSimultaneousChat).toBe(2);
    const renamed = await call(t, {
      method: 'PUT',
      url: `${URL}/${id}`,
      as: manager,
      payload: { department: dep('Limited 2') },
    });
    expect(renamed.status).toBe(200);
    const read = await call(t, { method: 'GET', url: `${URL}/${id}`, as: manager });
    expect(read.body.department).toMatchObject({ name: 'Limited 2', maxNumberSimultaneousChat: 2 });
    for (const bad of [-1, 1.5, 'two', 100_000]) {
      const res = await call(t, {
        method: 'PUT',
        url: `${URL}/${id}`,
        as: manager,
        payload: { department: dep('Limited 2', { maxNumberSimultaneousChat: bad }) },
      });
      expect(res.status, String(bad)).toBe(400);
    }
    expect((await call(t, { method: 'GET', url: `${URL}/${id}`, as: manager })).body.department).toMatchObject({
      maxNumberSimultaneousChat: 2,
    });
  });

  it('deletes; the id then reads as department: null', async () => {
    const id = await create('Temp', [{ agentId: ann.userId }]);
    const del = await call(t, { method: 'DELETE', url: `${URL}/${id}`, as: manager });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true });
    const gone = await call(t, { method: 'GET', url: `${URL}/${id}`, as: manager });
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ department: null, success: true });
  });

  it('rejects bad input with stable codes, never 500', async () => {
    const id = await create('Target');
    const user = await t.services.users.create({ username: 'notagent', password: 'password-123' });
    const cases: [Parameters<typeof call>[1], number, string][] = [
      [
        { method: 'POST', url: URL, headers: { 'content-type': 'application/json' }, payload: '{"department":' },
        400,
        'error-invalid-json',
      ],
      [{ method: 'POST', url: URL, payload: {} }, 400, 'invalid-params'],
      [{ method: 'POST', url: URL, payload: { department: dep('X', { enabled: 'yes' }) } }, 400, 'invalid-params'],
      [{ method: 'POST', url: URL, payload: { department: dep('') } }, 400, 'invalid-params'],
      [{ method: 'POST', url: URL, payload: { department: dep('   ') } }, 400, 'invalid-params'],
      [{ method: 'POST', url: URL, payload: { department: dep('x'.repeat(257)) } }, 400, 'invalid-params'],
      [
        { method: 'POST', url: URL, payload: { department: dep('X', { description: 'd'.repeat(5000) }) } },
        400,
        'invalid-params',
      ],
      [{ method: 'POST', url: URL, payload: { department: dep('X', { email: 'nope' }) } }, 400, 'invalid-params'],
      [
        { method: 'POST', url: URL, payload: { department: dep('X'), agents: [{ agentId: 'ghost' }] } },
        400,
        'error-invalid-agent',
      ],
      [
        { method: 'POST', url: URL, payload: { department: dep('X'), agents: [{ agentId: user._id }] } },
        400,
        'error-invalid-agent',
      ],
      [
        { method: 'POST', url: URL, payload: { department: dep('X'), agents: [{ agentId: ann.userId, count: -1 }] } },
        400,
        'invalid-params',
      ],
      [{ method: 'POST', url: URL, payload: { department: dep('X'), agents: 'ann' } }, 400, 'invalid-params'],
      [{ method: 'GET', url: `${URL}?count=-1` }, 400, 'invalid-params'],
      [{ method: 'GET', url: `${URL}?enabled=maybe` }, 400, 'invalid-params'],
      [{ method: 'GET', url: `${URL}/bad%20id` }, 400, 'invalid-params'],
      [{ method: 'GET', url: `${URL}/${'a'.repeat(65)}` }, 400, 'invalid-params'],
      // Rocket.Chat's ids for an unknown department (an unknown id's agent list is empty: rc-departments.test.ts)
      [{ method: 'PUT', url: `${URL}/nope`, payload: { department: dep('X') } }, 400, 'error-department-not-found'],
      [{ method: 'PUT', url: `${URL}/${id}`, payload: { department: { name: 'X' } } }, 400, 'invalid-params'],
      [
        { method: 'PUT', url: `${URL}/${id}`, payload: { department: dep('X'), agents: [{ agentId: 'ghost' }] } },
        400,
        'error-invalid-agent',
      ],
      [{ method: 'DELETE', url: `${URL}/nope` }, 400, 'error-department-not-found'],
      [
        { method: 'POST', url: `${URL}/nope/agents`, payload: { upsert: [], remove: [] } },
        400,
        'error-department-not-found',
      ],
      [
        { method: 'POST', url: `${URL}/${id}/agents`, payload: { upsert: [{ agentId: 'ghost' }] } },
        400,
        'error-invalid-agent',
      ],
      [{ method: 'POST', url: `${URL}/${id}/agents`, payload: { upsert: {} } }, 400, 'invalid-params'],
    ];
    for (const [req, status, errorType] of cases) {
      const r = await call(t, { ...req, as: t.admin });
      expect([req.method, req.url, r.status, r.body.errorType]).toEqual([req.method, req.url, status, errorType]);
    }
    // the failed PUT changed nothing
    const still = await call(t, { method: 'GET', url: `${URL}/${id}`, as: t.admin });
    expect(still.body).toMatchObject({ department: { name: 'Target', numAgents: 0 } });
  });
});
