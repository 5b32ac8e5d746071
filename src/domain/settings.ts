/**
 * Every runtime setting (stored in the database, changed through the API), with Rocket.Chat's id
 * where Rocket.Chat has the setting. Process configuration (port, database) lives in config/.
 *
 * SETTINGS are the ones Omnihook acts on (typed reads through SettingsService.get). The other
 * Rocket.Chat Omnichannel ids (domain/rc-settings.ts) are known too: typed, checked and stored, so
 * a Rocket.Chat script that sets them keeps working. An id in neither is refused.
 */
import { RC_SETTINGS, allowsEmpty } from './rc-settings.ts';
import type { RcSetting, RcSettingStatus } from './rc-settings.ts';

export type SettingType = 'boolean' | 'string' | 'int' | 'select' | 'multiSelect';

export interface SettingDef {
  readonly type: SettingType;
  readonly default: boolean | string | number;
  /** Secret values are never returned to anyone without the manage permission, nor logged. */
  readonly secret?: boolean;
  /** Public settings are readable without login (the widget needs some). */
  readonly public?: boolean;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** For strings: must be '' or an http(s) URL. */
  readonly url?: boolean;
  /** For strings: must compile as a regular expression. */
  readonly regex?: boolean;
  /** For strings: must match this pattern (e.g. a CSS colour the widget puts in a style). */
  readonly pattern?: string;
  readonly group: 'Omnichannel' | 'Webhooks' | 'General' | 'SMS';
}

// Rocket.Chat's defaults for lead capture, so a visitor message with an email or phone number
// matches exactly as it would there.
export const DEFAULT_EMAIL_REGEX = '\\b[A-Z0-9._%+-]+@(?:[A-Z0-9-]+\\.)+[A-Z]{2,4}\\b';
export const DEFAULT_PHONE_REGEX =
  '((?:\\([0-9]{1,3}\\)|[0-9]{2})[ \\-]*?[0-9]{4,5}(?:[\\-\\s\\_]{1,2})?[0-9]{4}(?:(?=[^0-9])|$)|[0-9]{4,5}(?:[\\-\\s\\_]{1,2})?[0-9]{4}(?:(?=[^0-9])|$))';

const COLOUR = '^#[0-9A-Fa-f]{3,8}$';
/** A colour, or '' for "follow the header colour" (the appearance page's extra colours). */
const COLOUR_OR_EMPTY = '^(#[0-9A-Fa-f]{3,8})?$';
const FIELD_MODES = ['off', 'optional', 'required'] as const;

export const SETTINGS = {
  Livechat_enabled: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_Routing_Method: {
    type: 'select',
    default: 'Auto_Selection',
    values: ['Auto_Selection', 'Manual_Selection'],
    group: 'Omnichannel',
  },
  // business hours (services/business-hours.ts) and whether a chat may wait when nobody can take it
  Livechat_enable_business_hours: { type: 'boolean', default: false, public: true, group: 'Omnichannel' },
  Livechat_accept_chats_with_no_agents: { type: 'boolean', default: false, group: 'Omnichannel' },
  // seconds of visitor silence after which an agent's close counts as an abandoned chat (analytics)
  Livechat_visitor_inactivity_timeout: { type: 'int', default: 3600, min: 0, group: 'Omnichannel' },
  Livechat_title: { type: 'string', default: 'Omnihook', public: true, group: 'Omnichannel' },
  Livechat_title_color: { type: 'string', default: '#C1272D', pattern: COLOUR, public: true, group: 'Omnichannel' },
  Livechat_registration_form: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_name_field_registration_form: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_email_field_registration_form: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_display_offline_form: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  // Rocket.Chat's default is true; ours is false because the MX lookup is DNS traffic on a visitor's
  // request, which an operator should turn on knowingly (docs/decisions.md).
  Livechat_validate_offline_email: { type: 'boolean', default: false, public: true, group: 'Omnichannel' },
  Livechat_offline_title: { type: 'string', default: 'Leave a message', public: true, group: 'Omnichannel' },
  Livechat_offline_title_color: {
    type: 'string',
    default: '#666666',
    pattern: COLOUR,
    public: true,
    group: 'Omnichannel',
  },
  Livechat_offline_message: {
    type: 'string',
    default: 'We are not online right now. Please leave us a message:',
    public: true,
    group: 'Omnichannel',
  },
  Livechat_offline_success_message: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  Livechat_offline_form_unavailable: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  // Issue 13: where offline messages are emailed (a department's own email wins); not public.
  Livechat_offline_email: { type: 'string', default: '', group: 'Omnichannel' },
  Livechat_conversation_finished_message: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  Livechat_conversation_finished_text: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  // Closing (issue 14): Rocket.Chat's ids. livechat/room.close refuses when visitors may not close;
  // room.closeByUser refuses an empty comment when one is required. Rocket.Chat requires one by
  // default; ours does not, since the console and existing integrations close without one.
  Omnichannel_allow_visitors_to_close_conversation: {
    type: 'boolean',
    default: true,
    public: true,
    group: 'Omnichannel',
  },
  Livechat_request_comment_when_closing_conversation: {
    type: 'boolean',
    default: false,
    public: true,
    group: 'Omnichannel',
  },
  // Departments (issue 14): DELETE livechat/department/:_id answers error-department-removal-disabled
  // while this is off. Rocket.Chat's default is false; ours is true because deleting was always
  // possible here and archiving is the new, gentler way (docs/decisions.md).
  Omnichannel_enable_department_removal: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_show_agent_email: { type: 'boolean', default: false, public: true, group: 'Omnichannel' },
  // Appearance (issue 15): Rocket.Chat's ids, read by both widgets through livechat/config.
  Livechat_enable_message_character_limit: { type: 'boolean', default: false, public: true, group: 'Omnichannel' },
  Livechat_message_character_limit: {
    type: 'int',
    default: 0,
    min: 0,
    max: 1_000_000,
    public: true,
    group: 'Omnichannel',
  },
  Livechat_registration_form_message: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  // Ours (issue 15): what Rocket.Chat has no setting for. The name and email fields are shown per
  // Rocket.Chat's booleans above; these say whether a shown one may be left empty (Rocket.Chat's
  // widget always requires it). Phone and department are off, optional or required.
  Livechat_name_field_required: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_email_field_required: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_phone_field_registration_form: {
    type: 'select',
    default: 'off',
    values: FIELD_MODES,
    public: true,
    group: 'Omnichannel',
  },
  Livechat_department_field_registration_form: {
    type: 'select',
    default: 'optional',
    values: FIELD_MODES,
    public: true,
    group: 'Omnichannel',
  },
  // Rocket.Chat Enterprise's id: which corner Omnihook's launcher sits in.
  Livechat_widget_position: {
    type: 'select',
    default: 'right',
    values: ['left', 'right'],
    public: true,
    group: 'Omnichannel',
  },
  /** The greeting above an empty chat in Omnihook's widget. */
  Livechat_welcome_message: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  // Colours beyond Rocket.Chat's title colour; '' follows the header colour.
  Livechat_button_color: { type: 'string', default: '', pattern: COLOUR_OR_EMPTY, public: true, group: 'Omnichannel' },
  Livechat_agent_bubble_color: {
    type: 'string',
    default: '',
    pattern: COLOUR_OR_EMPTY,
    public: true,
    group: 'Omnichannel',
  },
  Livechat_visitor_bubble_color: {
    type: 'string',
    default: '',
    pattern: COLOUR_OR_EMPTY,
    public: true,
    group: 'Omnichannel',
  },
  Livechat_guest_count: { type: 'int', default: 1, min: 1, max: 1_000_000_000, group: 'Omnichannel' },
  // Rocket.Chat's default UI language: the widget and the console use it when none of the
  // browser's languages is shipped (web/src/i18n).
  Language: { type: 'string', default: 'en', pattern: '^[a-z]{2,3}(-[A-Za-z]{2,8})?$', public: true, group: 'General' },
  Message_MaxAllowedSize: { type: 'int', default: 5000, min: 1, max: 1_000_000, public: true, group: 'General' },
  // Rocket.Chat Livechat widget (issue 6): framing, uploads, transcripts.
  /** Comma-separated domains allowed to frame /livechat (CSP frame-ancestors); '' = any site. */
  Livechat_AllowedDomainsList: { type: 'string', default: '', group: 'Omnichannel' },
  Livechat_fileupload_enabled: { type: 'boolean', default: true, public: true, group: 'Omnichannel' },
  Livechat_enable_transcript: { type: 'boolean', default: false, public: true, group: 'Omnichannel' },
  Livechat_transcript_message: { type: 'string', default: '', public: true, group: 'Omnichannel' },
  FileUpload_Enabled: { type: 'boolean', default: true, public: true, group: 'General' },
  // Uploads are stored in the database, so the default stays modest (Rocket.Chat's is 100 MB).
  FileUpload_MaxFileSize: {
    type: 'int',
    default: 10 * 1024 * 1024,
    min: 1,
    max: 100 * 1024 * 1024,
    public: true,
    group: 'General',
  },
  /** Comma-separated MIME types, `type/*` wildcards allowed; '' accepts any type. */
  FileUpload_MediaTypeWhiteList: {
    type: 'string',
    default: 'image/*,audio/*,video/*,application/pdf,text/plain',
    public: true,
    group: 'General',
  },
  SMTP_Host: { type: 'string', default: '', group: 'General' },
  SMTP_Port: { type: 'int', default: 587, min: 1, max: 65535, group: 'General' },
  SMTP_Username: { type: 'string', default: '', group: 'General' },
  SMTP_Password: { type: 'string', default: '', secret: true, group: 'General' },
  SMTP_From: { type: 'string', default: 'omnihook@localhost', group: 'General' },
  // Presence and routing (issue 11): Rocket.Chat's ids, types and defaults.
  Livechat_agent_leave_action: {
    type: 'select',
    default: 'none',
    values: ['none', 'forward', 'close'],
    group: 'Omnichannel',
  },
  Livechat_agent_leave_action_timeout: { type: 'int', default: 60, min: 0, max: 86_400, group: 'Omnichannel' },
  Livechat_agent_leave_comment: { type: 'string', default: '', group: 'Omnichannel' },
  Livechat_auto_transfer_chat_timeout: { type: 'int', default: 0, min: 0, max: 86_400, group: 'Omnichannel' },
  Livechat_maximum_chats_per_agent: { type: 'int', default: 0, min: 0, max: 10_000, group: 'Omnichannel' },
  // Ours: how long an agent's last live connection may stay closed (a tab reload, a flaky network)
  // before routing stops sending them chats. At least the presence heartbeat (5 s).
  Livechat_agent_disconnect_grace: { type: 'int', default: 30, min: 5, max: 3600, group: 'Omnichannel' },
  // Webhooks page (Rocket.Chat ids and defaults)
  Livechat_webhookUrl: { type: 'string', default: '', url: true, group: 'Webhooks' },
  Livechat_secret_token: { type: 'string', default: '', secret: true, group: 'Webhooks' },
  Livechat_http_timeout: { type: 'int', default: 5000, min: 100, max: 120_000, group: 'Webhooks' },
  Livechat_webhook_on_start: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_close: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_chat_taken: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_chat_queued: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_forward: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_offline_msg: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_visitor_message: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_agent_message: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_webhook_on_capture: { type: 'boolean', default: false, group: 'Webhooks' },
  Livechat_lead_email_regex: { type: 'string', default: DEFAULT_EMAIL_REGEX, regex: true, group: 'Webhooks' },
  Livechat_lead_phone_regex: { type: 'string', default: DEFAULT_PHONE_REGEX, regex: true, group: 'Webhooks' },
  // Ours: Rocket.Chat's managers guide promises 10 retries, 10 s apart (docs/rocketchat-compat.md, 'Retries'); tests shorten the delay.
  Livechat_webhook_retry_count: { type: 'int', default: 10, min: 0, max: 100, group: 'Webhooks' },
  Livechat_webhook_retry_delay_ms: { type: 'int', default: 10_000, min: 0, max: 86_400_000, group: 'Webhooks' },
} as const satisfies Record<string, SettingDef>;

export type SettingId = keyof typeof SETTINGS;
export type SettingValue = boolean | string | number | readonly string[];

export function isSettingId(id: string): id is SettingId {
  return Object.prototype.hasOwnProperty.call(SETTINGS, id);
}

export function settingDef(id: SettingId): SettingDef {
  return SETTINGS[id];
}

type StoredDef = Omit<SettingDef, 'default'> & { readonly default: SettingValue };

/** A Rocket.Chat setting we accept and store without acting on it, typed as Rocket.Chat types it. */
function storedOnlyDef(s: RcSetting): StoredDef {
  const group = s.group === 'SMS' ? 'SMS' : s.section === 'CRM_Integration' ? 'Webhooks' : 'Omnichannel';
  const base = { default: s.default as SettingValue, group, public: s.public, secret: s.secret } as const;
  switch (s.type) {
    case 'boolean':
    case 'int':
    case 'multiSelect':
      return { ...base, type: s.type, values: s.values };
    case 'select':
      return { ...base, type: 'select', values: allowsEmpty(s) ? ['', ...(s.values ?? [])] : s.values };
    case 'color':
      return { ...base, type: 'string', pattern: COLOUR };
    case 'password':
      return { ...base, type: 'string', secret: true };
    case 'string':
      return { ...base, type: 'string' };
  }
}

/** Rocket.Chat ids we know but do not act on: id -> definition. */
const STORED_ONLY: ReadonlyMap<string, StoredDef> = new Map(
  RC_SETTINGS.filter((s) => !isSettingId(s.id)).map((s) => [s.id, storedOnlyDef(s)]),
);

/** Every id the settings API accepts: SETTINGS first, then the stored-only Rocket.Chat ids. */
export const KNOWN_SETTING_IDS: readonly string[] = [...Object.keys(SETTINGS), ...STORED_ONLY.keys()];

export function isKnownSettingId(id: string): boolean {
  return isSettingId(id) || STORED_ONLY.has(id);
}

/** The definition of any known id (undefined when unknown). */
export function knownSettingDef(id: string): StoredDef | undefined {
  return isSettingId(id) ? SETTINGS[id] : STORED_ONLY.get(id);
}

/** What Omnihook does with a known id: implemented for SETTINGS, else the catalogue's status. */
export function settingStatus(id: string): RcSettingStatus | undefined {
  if (isSettingId(id)) return 'implemented';
  return RC_SETTINGS.find((s) => s.id === id)?.status;
}

/** Validates a value for a known setting; returns the normalised value or an error message. */
export function checkSettingValue(
  id: string,
  value: unknown,
): { ok: true; value: SettingValue } | { ok: false; error: string } {
  const def = knownSettingDef(id);
  if (!def) return { ok: false, error: `Unknown setting ${id}` };
  switch (def.type) {
    case 'boolean':
      if (typeof value !== 'boolean') return { ok: false, error: `${id} must be a boolean` };
      return { ok: true, value };
    case 'int': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        return { ok: false, error: `${id} must be an integer` };
      if (def.min !== undefined && value < def.min) return { ok: false, error: `${id} must be at least ${def.min}` };
      if (def.max !== undefined && value > def.max) return { ok: false, error: `${id} must be at most ${def.max}` };
      return { ok: true, value };
    }
    case 'multiSelect': {
      const allowed = def.values ?? [];
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !allowed.includes(v))) {
        return { ok: false, error: `${id} must be a list of ${allowed.join(', ')}` };
      }
      return { ok: true, value: [...new Set(value as string[])] };
    }
    case 'select':
      if (typeof value !== 'string' || !def.values?.includes(value)) {
        return { ok: false, error: `${id} must be one of ${def.values?.join(', ')}` };
      }
      return { ok: true, value };
    case 'string': {
      if (typeof value !== 'string') return { ok: false, error: `${id} must be a string` };
      if (value.length > 4096) return { ok: false, error: `${id} is too long (4096 characters at most)` };
      if (def.url && value !== '') {
        const err = checkHttpUrl(value);
        if (err) return { ok: false, error: `${id}: ${err}` };
      }
      if (def.pattern && !new RegExp(def.pattern).test(value))
        return { ok: false, error: `${id} must match ${def.pattern}` };
      if (def.regex) {
        try {
          new RegExp(value);
        } catch {
          return { ok: false, error: `${id} is not a valid regular expression` };
        }
      }
      return { ok: true, value };
    }
  }
}

/** '' when the URL is an acceptable webhook target, else the reason. */
export function checkHttpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs are allowed';
  if (url.username || url.password) return 'credentials in the URL are not allowed; use the secret token';
  if (/[\r\n\s]/.test(value)) return 'the URL contains white space';
  return '';
}
