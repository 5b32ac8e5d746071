/**
 * The widget's appearance (issue 15): Rocket.Chat's `livechat/appearance` list of settings, read
 * and saved as one form, plus Omnihook's own appearance ids (extra colours, welcome text, the
 * registration fields' modes). Both widgets read the result through livechat/config, so one save
 * changes Omnihook's widget, Rocket.Chat's widget and the launcher alike.
 *
 * Rocket.Chat's rules (apps/meteor/app/livechat/server/api/v1/appearance.ts): an id outside the
 * list refuses the whole save with `invalid-setting`; booleans accept 'true'; ints are coerced
 * with parseInt (anything else becomes 0); an unchanged value is skipped. Ours on top: every value
 * is then checked like any setting (a colour must be a colour), so the widget never receives a
 * value it cannot show.
 */
import { fail } from '../domain/errors.ts';
import { knownSettingDef } from '../domain/settings.ts';
import type { SettingId, SettingValue } from '../domain/settings.ts';
import { rcSetting } from '../domain/rc-settings.ts';
import type { SettingsService } from './settings.ts';

/** Rocket.Chat's list, in its order (apps/meteor/app/livechat/server/api/lib/appearance.ts). */
export const RC_APPEARANCE_IDS = [
  'Livechat_title',
  'Livechat_title_color',
  'Livechat_enable_message_character_limit',
  'Livechat_message_character_limit',
  'Livechat_show_agent_info',
  'Livechat_show_agent_email',
  'Livechat_display_offline_form',
  'Livechat_offline_form_unavailable',
  'Livechat_offline_message',
  'Livechat_offline_success_message',
  'Livechat_offline_title',
  'Livechat_offline_title_color',
  'Livechat_offline_email',
  'Livechat_conversation_finished_message',
  'Livechat_registration_form',
  'Livechat_name_field_registration_form',
  'Livechat_email_field_registration_form',
  'Livechat_registration_form_message',
  'Livechat_conversation_finished_text',
  'Livechat_hide_watermark',
  'Livechat_background',
  'Livechat_widget_position',
  'Livechat_hide_system_messages',
  'Omnichannel_allow_visitors_to_close_conversation',
] as const;

/** Omnihook's appearance ids (domain/settings.ts, 'Appearance'). */
export const OUR_APPEARANCE_IDS = [
  'Livechat_button_color',
  'Livechat_agent_bubble_color',
  'Livechat_visitor_bubble_color',
  'Livechat_welcome_message',
  'Livechat_name_field_required',
  'Livechat_email_field_required',
  'Livechat_phone_field_registration_form',
  'Livechat_department_field_registration_form',
] as const;

export const APPEARANCE_IDS: readonly string[] = [...RC_APPEARANCE_IDS, ...OUR_APPEARANCE_IDS];
const ALLOWED = new Set(APPEARANCE_IDS);

export type FieldMode = 'off' | 'optional' | 'required';

/** The registration form's fields as both widgets apply them. */
export interface RegistrationFields {
  name: FieldMode;
  email: FieldMode;
  phone: FieldMode;
  department: FieldMode;
}

/** One entry of GET livechat/appearance: Rocket.Chat's setting document, the fields a form uses. */
export interface AppearanceSetting {
  _id: string;
  value: SettingValue;
  type: string;
  packageValue: SettingValue;
  public: boolean;
  values?: { key: string; i18nLabel: string }[];
}

type Settings = Pick<SettingsService, 'get' | 'read' | 'setMany'>;

const mode = (v: string): FieldMode => (v === 'optional' || v === 'required' ? v : 'off');

export function registrationFields(st: Pick<SettingsService, 'get'>): RegistrationFields {
  const shown = (on: boolean, required: boolean): FieldMode => (!on ? 'off' : required ? 'required' : 'optional');
  return {
    name: shown(st.get('Livechat_name_field_registration_form'), st.get('Livechat_name_field_required')),
    email: shown(st.get('Livechat_email_field_registration_form'), st.get('Livechat_email_field_required')),
    phone: mode(st.get('Livechat_phone_field_registration_form')),
    department: mode(st.get('Livechat_department_field_registration_form')),
  };
}

/**
 * The visitor's message limit, as Rocket.Chat computes `settings.limitTextLength` for its widget:
 * off unless enabled, and a limit of 0 falls back to Message_MaxAllowedSize.
 */
export function visitorMessageLimit(st: Pick<SettingsService, 'get'>): number | false {
  if (!st.get('Livechat_enable_message_character_limit')) return false;
  return st.get('Livechat_message_character_limit') || st.get('Message_MaxAllowedSize');
}

/** Rocket.Chat's check on livechat/message: a visitor's text over the limit is refused. */
export function checkVisitorMessageLength(st: Pick<SettingsService, 'get'>, msg: string): void {
  const limit = visitorMessageLimit(st);
  if (limit !== false && msg.length > limit)
    fail('message-length-exceeds-character-limit', `The message exceeds ${limit} characters`, { limit });
}

function coerceInt(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const n = parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
}

export class AppearanceService {
  constructor(private readonly settings: Settings) {}

  list(): AppearanceSetting[] {
    return APPEARANCE_IDS.map((id) => {
      const def = knownSettingDef(id)!;
      const rc = rcSetting(id);
      const values = def.values?.filter((v) => v !== '').map((key) => ({ key, i18nLabel: key }));
      return {
        _id: id,
        value: this.settings.read(id) ?? def.default,
        // Rocket.Chat's own type names ('color') where it has the setting
        type: rc?.type ?? def.type,
        packageValue: def.default,
        public: def.public === true,
        ...(values && values.length > 0 ? { values } : {}),
      };
    });
  }

  /** Rocket.Chat's save: all ids first, then coerced values, written in one transaction. */
  async save(entries: readonly { _id: string; value: unknown }[]): Promise<void> {
    if (!entries.every((e) => ALLOWED.has(e._id))) fail('invalid-setting', 'invalid-setting');
    const writes: [string, unknown][] = [];
    for (const { _id, value } of entries) {
      const def = knownSettingDef(_id)!;
      const next =
        def.type === 'boolean' ? value === true || value === 'true' : def.type === 'int' ? coerceInt(value) : value;
      const current = this.settings.read(_id);
      if (JSON.stringify(current) === JSON.stringify(next)) continue;
      writes.push([_id, next]);
    }
    if (writes.length === 0) return;
    // setMany validates any known id (SettingsService.check); its parameter type names SETTINGS
    // ids only, while the Enterprise ids of the list (Livechat_hide_watermark...) are stored-only.
    await this.settings.setMany(writes as [SettingId, unknown][]);
  }
}

/** Where the notification sound is served (http/routes/web.ts), announced as config.resources.sound. */
export const SOUND_PATH = '/widget/notification.wav';

/**
 * Omnihook's additions to config.theme: Rocket.Chat's widget ignores keys it does not know, and
 * Omnihook's widget and launcher read these ('' means "the header colour").
 */
export function appearanceTheme(st: Pick<SettingsService, 'get'>): Record<string, string> {
  return {
    buttonColor: st.get('Livechat_button_color'),
    agentBubbleColor: st.get('Livechat_agent_bubble_color'),
    visitorBubbleColor: st.get('Livechat_visitor_bubble_color'),
    position: st.get('Livechat_widget_position'),
  };
}
