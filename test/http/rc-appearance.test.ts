/**
 * Rocket.Chat's `livechat/appearance` (issue 15), written from
 * apps/meteor/app/livechat/server/api/v1/appearance.ts, api/lib/appearance.ts and rest-typings'
 * isPOSTLivechatAppearanceParams: the GET list and its shape, POST's coercions and rejections, who
 * may call it, livechat/config reflecting the settings for both widgets, the notification sound,
 * and the visitor message limit enforced on livechat/message, on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createStaff, makeApp } from '../helpers/app.ts';
import type { Session, TestApp } from '../helpers/app.ts';
import { newVisitor, openRoom } from '../helpers/livechat.ts';
import { dialects } from '../helpers/db.ts';
import { RC_APPEARANCE_IDS } from '../../src/services/appearance.ts';

type Entry = { _id: string; value: unknown; type: string; packageValue: unknown; public: boolean };

for (const dialect of await dialects()) {
  describe(`Rocket.Chat livechat/appearance (${dialect})`, () => {
    let t: TestApp;
    let manager: Session & { username: string };
    let agent: Session & { username: string };
    beforeAll(async () => {
      t = await makeApp({ dialect });
      manager = await createStaff(t, 'look-manager', ['livechat-manager']);
      agent = await createStaff(t, 'look-agent', ['livechat-agent']);
    });
    afterAll(async () => t.close());

    const get = async (as: Session = manager) => call(t, { method: 'GET', url: '/api/v1/livechat/appearance', as });
    const post = (payload: unknown, as: Session = manager) =>
      call(t, { method: 'POST', url: '/api/v1/livechat/appearance', as, payload: payload as object });
    const value = async (id: string) => ((await get()).body.appearance as Entry[]).find((s) => s._id === id)?.value;
    const config = async (token?: string) =>
      (await call(t, { method: 'GET', url: '/api/v1/livechat/config', query: token ? { token } : {} })).body
        .config as Record<string, Record<string, unknown>>;

    it("GET: Rocket.Chat's ids in its order, then ours, each { _id, value, type, packageValue, public }", async () => {
      const r = await get();
      expect([r.status, r.body.success]).toEqual([200, true]);
      const list = r.body.appearance as Entry[];
      expect(list.slice(0, RC_APPEARANCE_IDS.length).map((s) => s._id)).toEqual([...RC_APPEARANCE_IDS]);
      expect(list.map((s) => s._id)).toEqual(
        expect.arrayContaining(['Livechat_button_color', 'Livechat_phone_field_registration_form']),
      );
      expect(list.find((s) => s._id === 'Livechat_title_color')).toEqual(
        expect.objectContaining({ value: '#C1272D', type: 'color', packageValue: '#C1272D', public: true }),
      );
      expect(list.find((s) => s._id === 'Livechat_message_character_limit')).toEqual(
        expect.objectContaining({ value: 0, type: 'int' }),
      );
    });

    it('needs a login and view-livechat-manager (an agent is refused)', async () => {
      const anon = await call(t, { method: 'GET', url: '/api/v1/livechat/appearance' });
      expect(anon.status).toBe(401);
      const byAgent = await get(agent);
      expect([byAgent.status, byAgent.body.errorType]).toEqual([403, 'error-unauthorized']);
      const postByAgent = await post([{ _id: 'Livechat_title', value: 'x' }], agent);
      expect(postByAgent.status).toBe(403);
      expect(await value('Livechat_title')).toBe('Omnihook');
    });

    it("POST saves and coerces as Rocket.Chat does ('true' is true, '120' is 120)", async () => {
      const r = await post([
        { _id: 'Livechat_title', value: 'Acme Support' },
        { _id: 'Livechat_title_color', value: '#0A7B45' },
        { _id: 'Livechat_enable_message_character_limit', value: 'true' },
        { _id: 'Livechat_message_character_limit', value: '120' },
        { _id: 'Livechat_button_color', value: '#ffcc00' },
      ]);
      expect([r.status, r.body]).toEqual([200, { success: true }]);
      expect(await value('Livechat_title')).toBe('Acme Support');
      expect(await value('Livechat_enable_message_character_limit')).toBe(true);
      expect(await value('Livechat_message_character_limit')).toBe(120);
      // and through Rocket.Chat's settings API too: the same store
      const s = await call(t, { method: 'GET', url: '/api/v1/settings/Livechat_title_color', as: t.admin });
      expect(s.body.value).toBe('#0A7B45');
    });

    it('refuses an id outside the list (nothing saved), a bad body and a bad value', async () => {
      const outside = await post([
        { _id: 'Livechat_title', value: 'Should not stick' },
        { _id: 'Livechat_webhookUrl', value: 'http://example.com/' },
      ]);
      expect([outside.status, outside.body.success, outside.body.errorType]).toEqual([400, false, 'invalid-setting']);
      expect(await value('Livechat_title')).toBe('Acme Support');

      const empty = await post([]);
      expect([empty.status, empty.body.errorType]).toEqual([400, 'invalid-params']);
      const notArray = await post({ _id: 'Livechat_title', value: 'x' });
      expect([notArray.status, notArray.body.errorType]).toEqual([400, 'invalid-params']);
      const extraKey = await post([{ _id: 'Livechat_title', value: 'x', other: 1 }]);
      expect(extraKey.status).toBe(400);

      const colour = await post([{ _id: 'Livechat_title_color', value: 'red; background: url(x)' }]);
      expect([colour.status, colour.body.errorType]).toEqual([400, 'error-invalid-setting']);
      const mode = await post([{ _id: 'Livechat_phone_field_registration_form', value: 'sometimes' }]);
      expect([mode.status, mode.body.errorType]).toEqual([400, 'error-invalid-setting']);
      const side = await post([{ _id: 'Livechat_widget_position', value: 'middle' }]);
      expect([side.status, side.body.errorType]).toEqual([400, 'error-invalid-setting']);
      expect(await value('Livechat_title_color')).toBe('#0A7B45');
    });

    it('Livechat_widget_position moves the launcher (theme.position)', async () => {
      await post([{ _id: 'Livechat_widget_position', value: 'left' }]);
      expect((await config()).theme!.position).toBe('left');
      await post([{ _id: 'Livechat_widget_position', value: 'right' }]);
      expect((await config()).theme!.position).toBe('right');
    });

    it('livechat/config carries the appearance for both widgets, and the sound', async () => {
      const saved = await post([
        { _id: 'Livechat_registration_form_message', value: 'Tell us who you are' },
        { _id: 'Livechat_welcome_message', value: 'Welcome to Acme!' },
        { _id: 'Livechat_name_field_required', value: false },
        { _id: 'Livechat_email_field_registration_form', value: false },
        { _id: 'Livechat_phone_field_registration_form', value: 'required' },
        { _id: 'Livechat_agent_bubble_color', value: '#222222' },
      ]);
      expect(saved.status).toBe(200);
      const c = await config();
      expect(c.theme).toEqual(
        expect.objectContaining({
          title: 'Acme Support',
          color: '#0A7B45',
          buttonColor: '#ffcc00',
          agentBubbleColor: '#222222',
          visitorBubbleColor: '',
          position: 'right',
        }),
      );
      expect(c.settings).toEqual(
        expect.objectContaining({
          limitTextLength: 120,
          nameFieldRegistrationForm: true,
          emailFieldRegistrationForm: false,
          registrationFields: { name: 'optional', email: 'off', phone: 'required', department: 'optional' },
        }),
      );
      expect(c.messages).toEqual(
        expect.objectContaining({ registrationFormMessage: 'Tell us who you are', welcomeMessage: 'Welcome to Acme!' }),
      );
      // Rocket.Chat's widget reads resources.sound as a URL string: our WAV, served here
      const sound = c.resources!.sound as string;
      expect(sound).toMatch(/^http:\/\/[^/]+\/widget\/notification\.wav$/);
    });

    it('a limit of 0 means Message_MaxAllowedSize; off means no limit (false), as Rocket.Chat computes it', async () => {
      await post([{ _id: 'Livechat_message_character_limit', value: 0 }]);
      expect((await config()).settings!.limitTextLength).toBe(5000);
      await post([{ _id: 'Livechat_enable_message_character_limit', value: false }]);
      expect((await config()).settings!.limitTextLength).toBe(false);
    });

    it("livechat/message over the limit: Rocket.Chat's message-length-exceeds-character-limit", async () => {
      await post([
        { _id: 'Livechat_enable_message_character_limit', value: true },
        { _id: 'Livechat_message_character_limit', value: 10 },
      ]);
      await newVisitor(t, 'look-visitor');
      const { room } = await openRoom(t, 'look-visitor');
      const send = (msg: string) =>
        call(t, {
          method: 'POST',
          url: '/api/v1/livechat/message',
          payload: { token: 'look-visitor', rid: room._id, msg },
        });
      const long = await send('x'.repeat(11));
      expect([long.status, long.body.success, long.body.errorType]).toEqual([
        400,
        false,
        'message-length-exceeds-character-limit',
      ]);
      const ok = await send('x'.repeat(10));
      expect(ok.status).toBe(200);
      await post([{ _id: 'Livechat_enable_message_character_limit', value: false }]);
      expect((await send('y'.repeat(11))).status).toBe(200);
    });
  });
}
