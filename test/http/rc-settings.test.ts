/**
 * Every Rocket.Chat Omnichannel/Livechat setting id is accepted through Rocket.Chat's settings API,
 * typed as Rocket.Chat types it, stored, and read back; an unknown id is still refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, call, createStaff } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { RC_SETTINGS } from '../../src/domain/rc-settings.ts';
import { SETTINGS, isSettingId } from '../../src/domain/settings.ts';
import { dialects } from '../helpers/db.ts';

for (const dialect of await dialects()) {
  describe(`Rocket.Chat setting ids (${dialect})`, () => {
    let t: TestApp;
    let manager: Session;
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'rc-boss', ['livechat-manager']);
    });
    afterAll(async () => t.close());

    const post = (id: string, value: unknown, as: Session = t.admin) =>
      call(t, { method: 'POST', url: `/api/v1/settings/${id}`, as, payload: { value } });
    const read = (id: string, as: Session = t.admin) => call(t, { method: 'GET', url: `/api/v1/settings/${id}`, as });

    it('reads every Rocket.Chat id with its default (ours where Omnihook implements it)', async () => {
      for (const s of RC_SETTINGS) {
        const r = await read(s.id);
        const expected = isSettingId(s.id) ? SETTINGS[s.id].default : s.default;
        expect([s.id, r.status, r.body.value]).toEqual([s.id, 200, expected]);
      }
    });

    it('accepts the ids named in issue 14 and stores them', async () => {
      const writes: [string, unknown][] = [
        ['Omnichannel_enable_department_removal', true],
        ['Livechat_validate_offline_email', true],
        ['Livechat_waiting_queue', true],
        ['Livechat_maximum_chats_per_agent', 3],
        ['Livechat_accept_chats_with_no_agents', true],
        ['Omnichannel_queue_delay_timeout', 10],
        ['Omnichannel_allow_visitors_to_close_conversation', false],
        ['Livechat_message_character_limit', 140],
        ['Livechat_hide_system_messages', ['uj', 'livechat-started']],
        ['Livechat_widget_position', 'left'],
        ['SMS_Service', 'mobex'],
      ];
      for (const [id, value] of writes) {
        const w = await post(id, value);
        expect([id, w.status, w.body]).toEqual([id, 200, { success: true }]);
        expect((await read(id)).body).toEqual({ _id: id, value, success: true });
      }
      // stored, not just cached: a fresh load from the database returns them
      await t.services.settings.load();
      expect(t.services.settings.read('Omnichannel_queue_delay_timeout')).toBe(10);
      const list = await call(t, { method: 'GET', url: '/api/v1/settings?count=1000', as: t.admin });
      const byId = new Map((list.body.settings as { _id: string; value: unknown }[]).map((x) => [x._id, x.value]));
      expect(byId.get('Livechat_waiting_queue')).toBe(true);
      expect(list.body.total).toBe(new Set([...Object.keys(SETTINGS), ...RC_SETTINGS.map((s) => s.id)]).size);
    });

    it("enforces Rocket.Chat's types and values on write", async () => {
      const bad: [string, unknown][] = [
        ['Omnichannel_enable_department_removal', 'yes'],
        ['Livechat_accept_chats_with_no_agents', 1],
        ['Omnichannel_queue_delay_timeout', '5'],
        ['Omnichannel_queue_delay_timeout', 2.5],
        ['Livechat_history_monitor_type', 'hash'],
        ['Livechat_widget_position', 'top'],
        ['Livechat_hide_system_messages', ['uj', 'nope']],
        ['Livechat_hide_system_messages', 'uj'],
        ['Livechat_Require_Contact_Verification', 'sometimes'],
        ['Livechat_registration_form_message', true],
        ['Livechat_registration_form_message', ['a']],
        ['Livechat_title', ['a']],
        ['Nope_setting', true],
        ['Livechat_unknown_thing', 'x'],
      ];
      for (const [id, value] of bad) {
        const r = await post(id, value);
        expect([id, value, r.status, r.body.errorType]).toEqual([id, value, 400, 'error-invalid-setting']);
      }
      expect((await read('Livechat_history_monitor_type')).body.value).toBe('url');
      // Rocket.Chat's own '' default stays accepted even where '' is not among its values
      expect((await post('Livechat_Contact_Verification_App', 'VerifyChat')).status).toBe(200);
      expect((await post('Livechat_Contact_Verification_App', '')).status).toBe(200);
    });

    it('keeps read rules: public ids without login, secrets for admins only', async () => {
      const open = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_widget_position' });
      expect(open.status).toBe(200);
      const pubList = await call(t, { method: 'GET', url: '/api/v1/settings.public?count=1000' });
      const pubIds = (pubList.body.settings as { _id: string }[]).map((x) => x._id);
      expect(pubIds).toContain('Omnichannel_allow_visitors_to_close_conversation');
      expect(pubIds).not.toContain('Livechat_waiting_queue');
      expect(pubIds).not.toContain('SMS_Twilio_authToken');
      expect((await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_waiting_queue' })).status).toBe(401);
      expect((await read('Livechat_waiting_queue', manager)).status).toBe(200);
      expect((await post('SMS_Twilio_authToken', 'tw-secret-1')).status).toBe(200);
      const denied = await read('SMS_Twilio_authToken', manager);
      expect(denied.status).toBe(403);
      const list = await call(t, { method: 'GET', url: '/api/v1/settings?count=1000', as: manager });
      expect(JSON.stringify(list.body)).not.toContain('tw-secret-1');
      expect((await read('SMS_Twilio_authToken')).body.value).toBe('tw-secret-1');
      // only edit-privileged-setting writes, stored-only ids included
      expect((await post('Livechat_waiting_queue', false, manager)).status).toBe(403);
    });
  });
}
