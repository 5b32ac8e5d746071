import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { availableAgent, newVisitor, openRoom } from '../helpers/livechat.ts';

const SAVE = '/api/v1/livechat/tags.save';

describe('livechat/tags', () => {
  let t: TestApp;
  let manager: Session;
  let agent: Session;
  let sales: string;
  beforeAll(async () => {
    t = await makeApp();
    manager = await createStaff(t, 'boss', ['livechat-manager']);
    agent = await availableAgent(t, 'ann');
    const d = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/department',
      as: manager,
      payload: {
        department: {
          enabled: true,
          name: 'Sales',
          showOnRegistration: true,
          showOnOfflineForm: true,
          requestTagBeforeClosingChat: true,
        },
        agents: [{ agentId: agent.userId }],
      },
    });
    expect(d.body.department).toMatchObject({ requestTagBeforeClosingChat: true });
    sales = (d.body.department as { _id: string })._id;
  });
  afterAll(async () => t.close());

  const names = async (query = '') =>
    (
      (await call(t, { method: 'GET', url: `/api/v1/livechat/tags${query}`, as: agent })).body.tags as {
        name: string;
      }[]
    ).map((x) => x.name);

  it('managers save global and department tags; the list narrows by department', async () => {
    const g = await call(t, { method: 'POST', url: SAVE, as: manager, payload: { tagData: { name: 'billing' } } });
    expect(g.status).toBe(200);
    const d = await call(t, {
      method: 'POST',
      url: SAVE,
      as: t.admin,
      payload: { tagData: { name: 'upsell', description: 'sold more' }, tagDepartments: [sales] },
    });
    const id = (d.body.tag as { _id: string })._id;
    expect(d.body.tag).toMatchObject({ name: 'upsell', description: 'sold more', departments: [sales] });
    expect(await names()).toEqual(['billing', 'upsell']);
    expect(await names(`?department=${sales}`)).toEqual(['billing', 'upsell']);
    expect(await names('?department=other')).toEqual(['billing']);
    const one = await call(t, { method: 'GET', url: `/api/v1/livechat/tags/${id}`, as: agent });
    expect(one.body).toMatchObject({ _id: id, name: 'upsell' });
    const renamed = await call(t, {
      method: 'POST',
      url: SAVE,
      as: manager,
      payload: { _id: id, tagData: { name: 'upsold' }, tagDepartments: [sales] },
    });
    expect(renamed.body.tag).toMatchObject({ _id: id, name: 'upsold' });
    expect(
      (await call(t, { method: 'POST', url: '/api/v1/livechat/tags.delete', as: manager, payload: { id } })).status,
    ).toBe(200);
    expect(await names()).toEqual(['billing']);
  });

  it('permission matrix: agents list, only managers write, anonymous nothing', async () => {
    expect((await call(t, { method: 'POST', url: SAVE, as: agent, payload: { tagData: { name: 'x' } } })).status).toBe(
      403,
    );
    expect(
      (await call(t, { method: 'POST', url: '/api/v1/livechat/tags.delete', as: agent, payload: { id: 'x' } })).status,
    ).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/v1/livechat/tags' })).status).toBe(401);
    expect(await names()).toEqual(['billing']);
  });

  it('bad input answers 4xx with stable codes and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ tagData: { name: 'billing' } }, 'error-invalid-tag'],
      [{ tagData: { name: '  ' } }, 'invalid-params'],
      [{ tagData: {} }, 'invalid-params'],
      [{ tagData: { name: 'y' }, tagDepartments: ['missing'] }, 'error-invalid-department'],
      [{ _id: 'missing', tagData: { name: 'z' } }, 'error-invalid-tag'],
    ];
    for (const [payload, code] of cases) {
      const r = await call(t, { method: 'POST', url: SAVE, as: manager, payload });
      expect([r.status, r.body.errorType]).toEqual([400, code]);
    }
    const del = await call(t, {
      method: 'POST',
      url: '/api/v1/livechat/tags.delete',
      as: manager,
      payload: { id: 'missing' },
    });
    expect(del.body.errorType).toBe('error-invalid-tag');
    expect(await names()).toEqual(['billing']);
  });

  it('a department that requires a tag refuses to close without one', async () => {
    await newVisitor(t, 'v-tag', { department: sales });
    const { room } = await openRoom(t, 'v-tag');
    expect(room.servedBy?._id).toBe(agent.userId);
    const close = (tags?: string[]) =>
      call(t, {
        method: 'POST',
        url: '/api/v1/livechat/room.closeByUser',
        as: agent,
        payload: { rid: room._id, ...(tags ? { tags } : {}) },
      });
    for (const tags of [undefined, []]) {
      const r = await close(tags);
      expect([r.status, r.body.errorType]).toEqual([400, 'error-tags-must-be-assigned-before-closing-chat']);
    }
    const info = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: agent });
    expect(info.body.room).toMatchObject({ open: true });
    expect((await close(['billing'])).status).toBe(200);
    const closed = await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${room._id}`, as: agent });
    expect(closed.body.room).toMatchObject({ open: false, tags: ['billing'] });
  });
});
