/**
 * Rocket.Chat conformance: the custom-field admin API (apps/meteor/app/livechat/server/api/v1/
 * customField.ts, custom-fields.save/.delete of Rocket.Chat 7.11) and the registry it feeds
 * (lib/custom-fields.ts, api/v1/visitor.ts, lib/rooms saveRoomInfo / guests saveGuest): which
 * livechatData keys a visitor or a room may carry, and livechat/config's customFields.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { dialects } from '../helpers/db.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';

const SAVE = '/api/v1/livechat/custom-fields.save';
const DELETE = '/api/v1/livechat/custom-fields.delete';
const LIST = '/api/v1/livechat/custom-fields';

type Field = Record<string, unknown> & { _id: string };

for (const dialect of await dialects()) {
  describe(`livechat custom fields (${dialect})`, () => {
    let t: TestApp;
    let manager: Session;
    let agent: Session;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'cf-boss', ['livechat-manager']);
      agent = await createStaff(t, 'cf-agent', ['livechat-agent']);
    });
    afterAll(async () => t.close());

    const save = (customFieldId: string | null, customFieldData: Record<string, unknown>, as: Session = manager) =>
      call(t, { method: 'POST', url: SAVE, as, payload: { customFieldId, customFieldData } });
    const create = async (field: string, extra: Record<string, unknown> = {}) => {
      const r = await save(null, { field, label: `Label ${field}`, scope: 'visitor', visibility: 'visible', ...extra });
      expect(r.status, r.res.body).toBe(200);
      return r.body.customField as Field;
    };
    const remove = (customFieldId: string) =>
      call(t, { method: 'POST', url: DELETE, as: manager, payload: { customFieldId } });
    const visitorData = async (token: string) =>
      ((await call(t, { method: 'GET', url: `/api/v1/livechat/visitor/${token}` })).body.visitor as Field)
        .livechatData ?? {};
    const roomData = async (rid: string) =>
      ((await call(t, { method: 'GET', url: `/api/v1/rooms.info?roomId=${rid}`, as: t.admin })).body.room as Field)
        .livechatData ?? {};

    describe('custom-fields.save', () => {
      it('401 without a login, 403 without view-livechat-manager', async () => {
        const data = { field: 'f1', label: 'F', scope: 'visitor', visibility: 'public' };
        expect(
          (await call(t, { method: 'POST', url: SAVE, payload: { customFieldId: null, customFieldData: data } }))
            .status,
        ).toBe(401);
        const r = await save(null, data, agent);
        expect([r.status, r.body.errorType]).toEqual([403, 'error-unauthorized']);
      });

      it('creates with the minimal fields: field becomes _id, the answer is the record', async () => {
        const r = await save(null, { field: 'minimal_1', label: 'Test Field', scope: 'visitor', visibility: 'public' });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({
          success: true,
          customField: { _id: 'minimal_1', label: 'Test Field', scope: 'visitor', visibility: 'public' },
        });
        // attributes never given are absent, as in Rocket.Chat's document
        expect(r.body.customField).not.toHaveProperty('regexp');
        expect(r.body.customField).not.toHaveProperty('required');
      });

      it('creates a room-scope field, and one with every optional attribute', async () => {
        expect((await create('room_1', { scope: 'room' })).scope).toBe('room');
        const full = await create('full_1', {
          type: 'input',
          regexp: '^[A-Za-z]+$',
          required: true,
          defaultValue: 'default',
          options: 'option1,option2,option3',
          public: true,
          searchable: true,
        });
        expect(full).toMatchObject({
          type: 'input',
          regexp: '^[A-Za-z]+$',
          required: true,
          defaultValue: 'default',
          options: 'option1,option2,option3',
          public: true,
          searchable: true,
        });
      });

      it('refuses a field name that exists, an invalid name, an unknown id and a malformed body', async () => {
        await create('dup_1');
        const dup = await save(null, { field: 'dup_1', label: 'Second', scope: 'visitor', visibility: 'public' });
        expect([dup.status, dup.body.success, dup.body.errorType]).toEqual([
          400,
          false,
          'error-custom-field-name-already-exists',
        ]);
        const name = await save(null, { field: 'bad name!', label: 'x', scope: 'visitor', visibility: 'public' });
        expect([name.status, name.body.errorType]).toEqual([400, 'error-invalid-custom-field-name']);
        expect(name.body.error).toContain('Use only letters, numbers, hyphens and underscores.');
        const unknown = await save('non-existent-id', {
          field: 'test_field',
          label: 'Updated',
          scope: 'visitor',
          visibility: 'public',
        });
        expect([unknown.status, unknown.body.errorType]).toEqual([400, 'error-invalid-custom-field']);
        const noLabel = await save(null, { field: 'x1', scope: 'visitor', visibility: 'public' });
        expect([noLabel.status, noLabel.body.errorType]).toEqual([400, 'invalid-params']);
        const badScope = await save(null, { field: 'x2', label: 'x', scope: 'agent', visibility: 'public' });
        expect([badScope.status, badScope.body.errorType]).toEqual([400, 'invalid-params']);
      });

      it('updates an existing field by id (field is not a rename)', async () => {
        const f = await create('update_1', { searchable: true, defaultValue: 'original_default' });
        const r = await save(f._id, {
          field: 'update_1',
          label: 'Fully Updated Field',
          scope: 'visitor',
          visibility: 'public',
          type: 'select',
          regexp: '^[0-9]+$',
          required: true,
          defaultValue: 'new_default',
          options: 'opt1,opt2,opt3',
          public: true,
          searchable: false,
        });
        expect(r.status).toBe(200);
        expect(r.body.customField).toMatchObject({
          _id: 'update_1',
          label: 'Fully Updated Field',
          type: 'select',
          regexp: '^[0-9]+$',
          required: true,
          defaultValue: 'new_default',
          options: 'opt1,opt2,opt3',
          public: true,
          searchable: false,
        });
      });
    });

    describe('custom-fields list, get, delete', () => {
      it('lists by label with Rocket.Chat’s paging; text matches label or id; view-l-room may read', async () => {
        await create('zeta_list', { label: 'Alpha list' });
        await create('alpha_list', { label: 'Omega list' });
        const r = await call(t, { method: 'GET', url: `${LIST}?text=LIST`, as: agent });
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ success: true, count: 2, offset: 0, total: 2 });
        expect((r.body.customFields as Field[]).map((f) => f._id)).toEqual(['zeta_list', 'alpha_list']);
        const byId = await call(t, { method: 'GET', url: `${LIST}?text=alpha_`, as: agent });
        expect((byId.body.customFields as Field[]).map((f) => f._id)).toEqual(['alpha_list']);
        const page = await call(t, { method: 'GET', url: `${LIST}?text=list&count=1&offset=1`, as: agent });
        expect(page.body).toMatchObject({ count: 1, offset: 1, total: 2 });
        expect((page.body.customFields as Field[])[0]!._id).toBe('alpha_list');
        const sorted = await call(t, { method: 'GET', url: `${LIST}?text=list&sort={"_id":1}`, as: agent });
        expect((sorted.body.customFields as Field[]).map((f) => f._id)).toEqual(['alpha_list', 'zeta_list']);
        expect((await call(t, { method: 'GET', url: LIST })).status).toBe(401);
      });

      it('gets one by id; an unknown id answers customField: null', async () => {
        await create('get_1');
        const r = await call(t, { method: 'GET', url: `${LIST}/get_1`, as: agent });
        expect(r.body).toMatchObject({ success: true, customField: { _id: 'get_1', label: 'Label get_1' } });
        const none = await call(t, { method: 'GET', url: `${LIST}/nope`, as: agent });
        expect([none.status, none.body.customField]).toEqual([200, null]);
      });

      it('deletes; an unknown id is 400 error-invalid-custom-field', async () => {
        await create('del_1');
        expect((await remove('del_1')).body).toEqual({ success: true });
        expect((await call(t, { method: 'GET', url: `${LIST}/del_1`, as: agent })).body.customField).toBeNull();
        const again = await remove('del_1');
        expect([again.status, again.body.errorType]).toEqual([400, 'error-invalid-custom-field']);
        const denied = await call(t, { method: 'POST', url: DELETE, as: agent, payload: { customFieldId: 'x' } });
        expect(denied.status).toBe(403);
      });
    });

    describe('the registry', () => {
      beforeAll(async () => {
        // the admin-API tests left required visitor fields; the registry tests choose their own
        for (const id of ['full_1', 'update_1']) expect((await remove(id)).status).toBe(200);
        await create('reg_plan', { regexp: '^(gold|silver)$' });
        await create('reg_order', { scope: 'room', label: 'Order number', regexp: '^[0-9]+$' });
      });

      it('custom.field: an unregistered key is 400 invalid-custom-field; a value off the regexp is refused', async () => {
        await newVisitor(t, 'reg-v1');
        const unknown = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/custom.field',
          payload: { token: 'reg-v1', key: 'not_registered', value: 'x', overwrite: true },
        });
        expect([unknown.status, unknown.body.errorType]).toEqual([400, 'invalid-custom-field']);
        const bad = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/custom.field',
          payload: { token: 'reg-v1', key: 'reg_plan', value: 'bronze', overwrite: true },
        });
        expect([bad.status, bad.body.errorType]).toEqual([400, 'error-invalid-custom-field-value']);
        expect(bad.body.error).toContain('Invalid value for reg_plan field');
        expect(await visitorData('reg-v1')).toEqual({});
      });

      it('custom.fields: visitor-scope fields land on the visitor, room-scope ones on the open room', async () => {
        await newVisitor(t, 'reg-v2');
        const { room } = await openRoom(t, 'reg-v2');
        const r = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/custom.fields',
          payload: {
            token: 'reg-v2',
            customFields: [
              { key: 'reg_plan', value: 'gold', overwrite: true },
              { key: 'reg_order', value: '42', overwrite: true },
            ],
          },
        });
        expect(r.status).toBe(200);
        // Rocket.Chat's answer: room fields first, then visitor ones, with `Key` capitalised
        expect(r.body.fields).toEqual([
          { Key: 'reg_order', value: '42', overwrite: true },
          { Key: 'reg_plan', value: 'gold', overwrite: true },
        ]);
        expect(await visitorData('reg-v2')).toEqual({ reg_plan: 'gold' });
        expect(await roomData(room._id)).toEqual({ reg_order: '42' });
        // overwrite false keeps a value already there
        await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/custom.field',
          payload: { token: 'reg-v2', key: 'reg_plan', value: 'silver', overwrite: false },
        });
        expect(await visitorData('reg-v2')).toEqual({ reg_plan: 'gold' });
      });

      it('custom.fields: one unregistered key refuses the whole call, nothing stored', async () => {
        await newVisitor(t, 'reg-v3');
        const r = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/custom.fields',
          payload: {
            token: 'reg-v3',
            customFields: [
              { key: 'reg_plan', value: 'gold', overwrite: true },
              { key: 'stray', value: 'x', overwrite: true },
            ],
          },
        });
        expect([r.status, r.body.errorType]).toEqual([400, 'invalid-custom-field']);
        expect(await visitorData('reg-v3')).toEqual({});
      });

      it('livechat/visitor: unregistered keys are dropped silently; a missing required field refuses', async () => {
        const v = await newVisitor(t, 'reg-v4', {
          customFields: [
            { key: 'reg_plan', value: 'gold', overwrite: true },
            { key: 'stray', value: 'x', overwrite: true },
            { key: 'reg_order', value: '7', overwrite: true }, // room scope: not a visitor field
          ],
        });
        expect(v).toBeTruthy();
        expect(await visitorData('reg-v4')).toEqual({ reg_plan: 'gold' });

        await create('reg_required', { required: true });
        const refused = await call(t, {
          method: 'POST',
          url: '/api/v1/livechat/visitor',
          payload: {
            visitor: { token: 'reg-v5', customFields: [{ key: 'reg_plan', value: 'gold', overwrite: true }] },
          },
        });
        expect([refused.status, refused.body.errorType]).toEqual([400, 'invalid-params']);
        expect(refused.body.error).toContain('Missing required custom fields: reg_required');
        // without custom fields the required check does not run (Rocket.Chat's order)
        expect(
          (
            await call(t, {
              method: 'POST',
              url: '/api/v1/livechat/visitor',
              payload: { visitor: { token: 'reg-v5' } },
            })
          ).status,
        ).toBe(200);
        await remove('reg_required');
      });

      it('room.saveInfo: only registered keys of each scope, trimmed; regexp checked; empty removes', async () => {
        const v = await newVisitor(t, 'reg-v6');
        const { room } = await openRoom(t, 'reg-v6');
        const saveInfo = (guestLivechatData: Record<string, string>, roomLivechatData: Record<string, string>) =>
          call(t, {
            method: 'POST',
            url: '/api/v1/livechat/room.saveInfo',
            as: t.admin,
            payload: {
              guestData: { _id: v._id, livechatData: guestLivechatData },
              roomData: { _id: room._id, livechatData: roomLivechatData },
            },
          });
        const ok = await saveInfo(
          { reg_plan: ' silver ', stray: 'x', reg_order: '1' },
          { reg_order: '99', stray: 'y' },
        );
        expect(ok.status, ok.res.body).toBe(200);
        expect(await visitorData('reg-v6')).toEqual({ reg_plan: 'silver' });
        expect(await roomData(room._id)).toEqual({ reg_order: '99' });

        const bad = await saveInfo({}, { reg_order: 'abc' });
        expect([bad.status, bad.body.errorType]).toEqual([400, 'error-invalid-custom-field-value']);
        // the room field's label names it, as in Rocket.Chat
        expect(bad.body.error).toContain('Invalid value for Order number field');
        expect(await roomData(room._id)).toEqual({ reg_order: '99' });

        await saveInfo({ reg_plan: '' }, { reg_order: '' });
        expect(await visitorData('reg-v6')).toEqual({});
        expect(await roomData(room._id)).toEqual({});
      });

      it('livechat/config lists the public, visible visitor fields in the widget’s shape', async () => {
        await create('cfg_public', { public: true, type: 'select', options: 'a, b,c', required: true, label: 'Pick' });
        await create('cfg_hidden', { public: true, visibility: 'hidden' });
        await create('cfg_room', { public: true, scope: 'room' });
        await create('cfg_private', { public: false });
        const r = await call(t, { method: 'GET', url: '/api/v1/livechat/config' });
        const fields = (r.body.config as { customFields: Field[] }).customFields;
        expect(fields.map((f) => f._id)).toContain('cfg_public');
        expect(fields.map((f) => f._id)).not.toContain('cfg_hidden');
        expect(fields.map((f) => f._id)).not.toContain('cfg_room');
        expect(fields.map((f) => f._id)).not.toContain('cfg_private');
        expect(fields.find((f) => f._id === 'cfg_public')).toEqual({
          _id: 'cfg_public',
          label: 'Pick',
          type: 'select',
          required: true,
          options: ['a', 'b', 'c'],
        });
      });
    });
  });
}
