import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';

const URL = '/api/v1/canned-responses';

for (const dialect of await dialects())
  describe(`canned-responses (${dialect})`, () => {
    let t: TestApp;
    let manager: Session;
    let ann: Session;
    let bob: Session;
    let sales: string;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'boss', ['livechat-manager']);
      ann = await createStaff(t, 'ann', ['livechat-agent']);
      bob = await createStaff(t, 'bob', ['livechat-agent']);
      const d = await call(t, {
        method: 'POST',
        url: '/api/v1/livechat/department',
        as: manager,
        payload: {
          department: { enabled: true, name: 'Sales', showOnRegistration: true, showOnOfflineForm: true },
          agents: [{ agentId: ann.userId }],
        },
      });
      sales = (d.body.department as { _id: string })._id;
    });
    afterAll(async () => t.close());

    const shortcuts = async (as: Session) =>
      ((await call(t, { method: 'GET', url: URL, as })).body.cannedResponses as { shortcut: string }[]).map(
        (c) => c.shortcut,
      );

    it('managers create global and department responses; agents see global + their departments', async () => {
      const g = await call(t, {
        method: 'POST',
        url: URL,
        as: manager,
        payload: { shortcut: 'hi', text: 'Hello!', scope: 'global' },
      });
      expect(g.status).toBe(200);
      expect(g.body.cannedResponse).toMatchObject({
        shortcut: 'hi',
        text: 'Hello!',
        scope: 'global',
        createdBy: { username: 'boss' },
      });
      const d = await call(t, {
        method: 'POST',
        url: URL,
        as: t.admin,
        payload: { shortcut: 'price', text: 'It costs 5', scope: 'department', departmentId: sales, tags: ['x'] },
      });
      expect(d.status).toBe(200);
      expect(d.body.cannedResponse).toMatchObject({ scope: 'department', departmentId: sales });
      expect(await shortcuts(manager)).toEqual(['hi', 'price']);
      expect(await shortcuts(ann)).toEqual(['hi', 'price']);
      expect(await shortcuts(bob)).toEqual(['hi']);
      const filtered = await call(t, { method: 'GET', url: `${URL}?shortcut=PR`, as: ann });
      expect(filtered.body).toMatchObject({ total: 1, count: 1, offset: 0, success: true });
    });

    it('updates with _id and deletes by _id', async () => {
      const c = await call(t, {
        method: 'POST',
        url: URL,
        as: manager,
        payload: { shortcut: 'bye', text: 'Bye', scope: 'global' },
      });
      const id = (c.body.cannedResponse as { _id: string })._id;
      const u = await call(t, {
        method: 'POST',
        url: URL,
        as: manager,
        payload: { _id: id, shortcut: 'bye', text: 'Goodbye', scope: 'global' },
      });
      expect(u.body.cannedResponse).toMatchObject({ _id: id, text: 'Goodbye' });
      const del = await call(t, { method: 'DELETE', url: URL, as: manager, payload: { _id: id } });
      expect(del.status).toBe(200);
      expect(await shortcuts(manager)).not.toContain('bye');
      const again = await call(t, { method: 'DELETE', url: URL, as: manager, payload: { _id: id } });
      expect(again.body.errorType).toBe('error-canned-response-not-found');
    });

    it('permission matrix: agents read only, anonymous nothing', async () => {
      const body = { shortcut: 'nope', text: 'x', scope: 'global' };
      expect((await call(t, { method: 'POST', url: URL, as: ann, payload: body })).status).toBe(403);
      expect((await call(t, { method: 'DELETE', url: URL, as: ann, payload: { _id: 'abc' } })).status).toBe(403);
      expect((await call(t, { method: 'GET', url: URL })).status).toBe(401);
      expect((await call(t, { method: 'POST', url: URL, payload: body })).status).toBe(401);
      expect(await shortcuts(manager)).not.toContain('nope');
    });

    it('bad input answers 4xx with stable codes and changes nothing', async () => {
      const before = await shortcuts(manager);
      const cases: [Record<string, unknown>, string][] = [
        [{ shortcut: 'hi', text: 'dup', scope: 'global' }, 'error-invalid-shortcut'],
        [{ shortcut: 'd1', text: 'x', scope: 'department' }, 'error-invalid-department'],
        [{ shortcut: 'd2', text: 'x', scope: 'department', departmentId: 'nope' }, 'error-invalid-department'],
        [{ shortcut: 'has space', text: 'x', scope: 'global' }, 'invalid-params'],
        [{ shortcut: 'x', text: '   ', scope: 'global' }, 'invalid-params'],
        [{ shortcut: 'x', text: 'x', scope: 'user' }, 'invalid-params'],
        [{ shortcut: 'x', scope: 'global' }, 'invalid-params'],
        [{ _id: 'missing', shortcut: 'x', text: 'x', scope: 'global' }, 'error-canned-response-not-found'],
        [{ shortcut: 't1', text: 'x', scope: 'global', tags: ['say "hi"'] }, 'invalid-params'],
        [{ shortcut: 't2', text: 'x', scope: 'global', tags: ['x'.repeat(51)] }, 'invalid-params'],
        [{ shortcut: 't3', text: 'x', scope: 'global', tags: 'billing' }, 'invalid-params'],
      ];
      for (const [payload, code] of cases) {
        const r = await call(t, { method: 'POST', url: URL, as: manager, payload });
        expect([r.status, r.body.errorType]).toEqual([400, code]);
      }
      expect(await shortcuts(manager)).toEqual(before);
    });

    it('stores tags, filters the list by any of them, keeps them on an update that omits them', async () => {
      const save = (payload: Record<string, unknown>) => call(t, { method: 'POST', url: URL, as: manager, payload });
      const refund = await save({
        shortcut: 'refund',
        text: 'Refunds take 5 days',
        scope: 'global',
        tags: [' billing ', 'Refunds', 'billing', ''],
      });
      expect(refund.status).toBe(200);
      expect(refund.body.cannedResponse).toMatchObject({ shortcut: 'refund', tags: ['billing', 'Refunds'] });
      const id = (refund.body.cannedResponse as { _id: string })._id;
      await save({ shortcut: 'vip', text: 'Welcome back', scope: 'department', departmentId: sales, tags: ['vip'] });
      await save({ shortcut: 'follow', text: 'Following up', scope: 'global', tags: ['follow_up'] });

      const byTags = async (query: string, as: Session = manager) => {
        const r = await call(t, { method: 'GET', url: `${URL}?${query}`, as });
        expect(r.status).toBe(200);
        return (r.body.cannedResponses as { shortcut: string }[]).map((c) => c.shortcut);
      };
      expect(await byTags('tags=billing')).toEqual(['refund']);
      expect(await byTags('tags=BILLING')).toEqual(['refund']);
      expect(await byTags('tags=billing&tags=vip')).toEqual(['refund', 'vip']);
      expect(await byTags('tags[]=vip&tags[]=refunds')).toEqual(['refund', 'vip']);
      // a tag matches whole: no prefix match, and LIKE's wildcards are literal
      expect(await byTags('tags=bill')).toEqual([]);
      expect(await byTags('tags=follow-up')).toEqual([]);
      expect(await byTags('tags=follow_up')).toEqual(['follow']);
      // the tag filter narrows, it does not widen: bob is not in Sales
      expect(await byTags('tags=vip', bob)).toEqual([]);
      expect(await byTags('tags=vip', ann)).toEqual(['vip']);
      // every response carries a tags list, empty when it has none
      const all = await call(t, { method: 'GET', url: URL, as: manager });
      const hi = (all.body.cannedResponses as { shortcut: string; tags: string[] }[]).find((c) => c.shortcut === 'hi');
      expect(hi?.tags).toEqual([]);

      const kept = await save({ _id: id, shortcut: 'refund', text: 'Refunds take 3 days', scope: 'global' });
      expect(kept.body.cannedResponse).toMatchObject({ text: 'Refunds take 3 days', tags: ['billing', 'Refunds'] });
      const cleared = await save({
        _id: id,
        shortcut: 'refund',
        text: 'Refunds take 3 days',
        scope: 'global',
        tags: [],
      });
      expect(cleared.body.cannedResponse).toMatchObject({ tags: [] });
      expect(await byTags('tags=billing')).toEqual([]);
    });
  });
