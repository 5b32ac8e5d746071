/**
 * Rocket.Chat conformance: livechat/triggers (apps/meteor/app/livechat/server/api/v1/triggers.ts,
 * lib findTriggers / findTriggerById / deleteTrigger, validators isGETLivechatTriggersParams and
 * isPOSTLivechatTriggersParams in packages/rest-typings/src/v1/omnichannel.ts) and the enabled
 * triggers livechat/config hands the widgets (lib/livechat config findTriggers: _id, actions,
 * conditions, runOnce; a trigger with only the Enterprise use-external-service action left out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';

const URL_ = '/api/v1/livechat/triggers';

type Trigger = Record<string, unknown> & { _id: string; name: string };

const body = (extra: Record<string, unknown> = {}) => ({
  name: 'Welcome',
  description: 'Greets pricing visitors',
  enabled: true,
  runOnce: false,
  conditions: [{ name: 'page-url', value: '/pricing' }],
  actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Ana', msg: 'Need help with prices?' } }],
  ...extra,
});

for (const dialect of await dialects()) {
  describe(`livechat triggers (${dialect})`, () => {
    let t: TestApp;
    let manager: Session;
    let agent: Session;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'trg-boss', ['livechat-manager']);
      agent = await createStaff(t, 'trg-agent', ['livechat-agent']);
    });
    afterAll(async () => t.close());

    const save = (payload: object, as: Session = manager) => call(t, { method: 'POST', url: URL_, as, payload });
    const list = async (query = '') => (await call(t, { method: 'GET', url: `${URL_}${query}`, as: manager })).body;
    const byName = async (name: string) =>
      ((await list('?count=1000')).triggers as Trigger[]).find((x) => x.name === name);

    it('401 without a login, 403 without view-livechat-manager, on every route', async () => {
      for (const [method, url] of [
        ['GET', URL_],
        ['POST', URL_],
        ['GET', `${URL_}/x1`],
        ['DELETE', `${URL_}/x1`],
      ] as const) {
        const anon = await call(t, { method, url, payload: method === 'POST' ? body() : undefined });
        expect(anon.status, `${method} ${url}`).toBe(401);
        const r = await call(t, { method, url, as: agent, payload: method === 'POST' ? body() : undefined });
        expect([r.status, r.body.errorType], `${method} ${url}`).toEqual([403, 'error-unauthorized']);
      }
    });

    it('POST creates and answers only { success }, the list shows it with _updatedAt', async () => {
      const r = await save(body({ name: 'Create me' }));
      expect(r.status, r.res.body).toBe(200);
      expect(r.body).toEqual({ success: true });
      const created = await byName('Create me');
      expect(created).toMatchObject({
        name: 'Create me',
        description: 'Greets pricing visitors',
        enabled: true,
        runOnce: false,
        conditions: [{ name: 'page-url', value: '/pricing' }],
        actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Ana', msg: 'Need help with prices?' } }],
      });
      expect(typeof created?._id).toBe('string');
      expect(Number.isNaN(Date.parse(String(created?._updatedAt)))).toBe(false);
    });

    it('POST with _id updates in place; an unknown _id changes nothing and still succeeds', async () => {
      await save(body({ name: 'Update me' }));
      const before = (await byName('Update me'))!;
      const r = await save(body({ _id: before._id, name: 'Updated', enabled: false, runOnce: true }));
      expect(r.body).toEqual({ success: true });
      const one = await call(t, { method: 'GET', url: `${URL_}/${before._id}`, as: manager });
      expect(one.body).toMatchObject({ success: true, trigger: { _id: before._id, name: 'Updated', enabled: false } });
      expect((one.body.trigger as Trigger).runOnce).toBe(true);
      const total = (await list()).total;
      expect((await save(body({ _id: 'no-such-trigger', name: 'Ghost' }))).body).toEqual({ success: true });
      expect((await list()).total).toBe(total);
      expect(await byName('Ghost')).toBeUndefined();
    });

    it('GET /:_id answers { trigger: null } for an unknown id; DELETE removes, and succeeds when unknown', async () => {
      const none = await call(t, { method: 'GET', url: `${URL_}/nope`, as: manager });
      expect([none.status, none.body]).toEqual([200, { trigger: null, success: true }]);
      await save(body({ name: 'Delete me' }));
      const d = (await byName('Delete me'))!;
      const del = await call(t, { method: 'DELETE', url: `${URL_}/${d._id}`, as: manager });
      expect([del.status, del.body]).toEqual([200, { success: true }]);
      expect(await byName('Delete me')).toBeUndefined();
      const again = await call(t, { method: 'DELETE', url: `${URL_}/${d._id}`, as: manager });
      expect([again.status, again.body]).toEqual([200, { success: true }]);
    });

    it('the list is paged and sorted by name; sort={"name":-1} reverses it', async () => {
      for (const n of ['Sort b', 'Sort a', 'Sort c']) await save(body({ name: n }));
      const all = await list('?count=1000');
      const names = (all.triggers as Trigger[]).map((x) => x.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(all).toMatchObject({ offset: 0, count: names.length, total: names.length, success: true });
      const page = await list('?count=1&offset=1');
      expect([page.count, (page.triggers as Trigger[])[0]?.name]).toEqual([1, names[1]]);
      const desc = ((await list(`?count=1000&sort=${encodeURIComponent('{"name":-1}')}`)).triggers as Trigger[]).map(
        (x) => x.name,
      );
      expect(desc).toEqual([...names].reverse());
      const bad = await call(t, { method: 'GET', url: `${URL_}?sort=${encodeURIComponent('{"ts":1}')}`, as: manager });
      expect([bad.status, bad.body.errorType]).toEqual([400, 'invalid-params']);
      const notJson = await call(t, { method: 'GET', url: `${URL_}?sort=name`, as: manager });
      expect([notJson.status, notJson.body.errorType]).toEqual([400, 'invalid-params']);
    });

    it('POST refuses what Rocket.Chat’s validator refuses, with invalid-params', async () => {
      const { name: _n, ...noName } = body();
      const { description: _d, ...noDescription } = body();
      const cases: object[] = [
        noName,
        noDescription,
        body({ enabled: 'yes' }),
        body({ conditions: [] }),
        body({ actions: [] }),
        body({ conditions: [{ name: 'on-hover', value: 'x' }] }),
        body({ conditions: [{ name: 'page-url' }] }), // value is required (null allowed)
        body({ conditions: [{ name: 'page-url', value: 'x', extra: 1 }] }),
        body({ actions: [{ name: 'send-message', params: { sender: 'robot', msg: 'hi' } }] }),
        body({ actions: [{ name: 'send-message', params: { sender: 'queue' } }] }),
        body({ actions: [{ name: 'do-something' }] }),
        body({ actions: [{ name: 'use-external-service', params: { serviceUrl: 'http://127.0.0.1' } }] }),
        body({ color: 'red' }),
      ];
      for (const payload of cases) {
        const r = await save(payload);
        expect([r.status, r.body.errorType], JSON.stringify(payload)).toEqual([400, 'invalid-params']);
        expect(r.body.success).toBe(false);
      }
    });

    it('POST refuses what no widget can run, with error-invalid-trigger', async () => {
      const cases = [
        body({ name: '   ' }),
        body({ conditions: [{ name: 'page-url', value: '(' }] }),
        body({ conditions: [{ name: 'page-url', value: '' }] }),
        body({ conditions: [{ name: 'time-on-site', value: 'soon' }] }),
        body({ conditions: [{ name: 'time-on-site', value: '-5' }] }),
        body({ conditions: [{ name: 'time-on-site', value: '999999' }] }),
      ];
      for (const payload of cases) {
        const r = await save(payload);
        expect([r.status, r.body.errorType], JSON.stringify(payload.conditions)).toEqual([
          400,
          'error-invalid-trigger',
        ]);
      }
      // what is fine: a null value where none is needed, a queue sender without a name
      const ok = await save(
        body({
          name: 'Opened',
          conditions: [{ name: 'chat-opened-by-visitor', value: null }],
          actions: [{ name: 'send-message', params: { sender: 'queue', msg: 'Hello!' } }],
        }),
      );
      expect(ok.status, ok.res.body).toBe(200);
    });

    it('no CRM event: saving, listing and deleting triggers writes nothing to the outbox', async () => {
      const events = async () =>
        Number(
          (
            await t.services.db
              .selectFrom('events')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await events();
      await save(body({ name: 'Quiet' }));
      const quiet = (await byName('Quiet'))!;
      await save(body({ _id: quiet._id, name: 'Quiet', enabled: false }));
      await call(t, { method: 'DELETE', url: `${URL_}/${quiet._id}`, as: manager });
      await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
      expect(await events()).toBe(before);
    });

    it('livechat/config carries the enabled triggers in Rocket.Chat’s pick, without Enterprise-only ones', async () => {
      await save(body({ name: 'Cfg on', conditions: [{ name: 'time-on-site', value: '3' }], runOnce: true }));
      await save(body({ name: 'Cfg off', enabled: false }));
      await save(
        body({
          name: 'Cfg external',
          actions: [
            {
              name: 'use-external-service',
              params: { serviceUrl: 'http://127.0.0.1:9/x', serviceTimeout: 1000, serviceFallbackMessage: 'Hi' },
            },
          ],
        }),
      );
      const on = (await byName('Cfg on'))!;
      const config = (await call(t, { method: 'GET', url: '/api/v1/livechat/config' })).body.config as {
        triggers: Trigger[];
      };
      const mine = config.triggers.find((x) => x._id === on._id);
      expect(mine).toEqual({
        _id: on._id,
        runOnce: true,
        conditions: [{ name: 'time-on-site', value: '3' }],
        actions: [{ name: 'send-message', params: { sender: 'custom', name: 'Ana', msg: 'Need help with prices?' } }],
      });
      const ids = config.triggers.map((x) => x._id);
      expect(ids).not.toContain((await byName('Cfg off'))!._id);
      expect(ids).not.toContain((await byName('Cfg external'))!._id);
      // the external-service trigger is kept and listed for managers all the same
      expect((await byName('Cfg external'))!.actions).toHaveLength(1);
    });
  });
}
