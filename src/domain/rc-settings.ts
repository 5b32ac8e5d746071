/**
 * Every Omnichannel/Livechat setting Rocket.Chat defines, with its type, default and section, and
 * what Omnihook does with it. Scripts written for Rocket.Chat set these ids through
 * `POST /api/v1/settings/:_id`; refusing an id Rocket.Chat knows would break them, so each one is
 * known here and typed. An id in neither this list nor SETTINGS is still refused.
 *
 * Sources (read in Rocket.Chat's repository): apps/meteor/server/settings/omnichannel.ts (core,
 * groups Omnichannel and SMS), apps/meteor/ee/app/livechat-enterprise/server/settings.ts,
 * apps/meteor/ee/server/settings/contact-verification.ts and
 * apps/meteor/ee/app/canned-responses/server/settings.ts (Enterprise).
 *
 * Status:
 * - implemented: the setting is in SETTINGS (domain/settings.ts) and Omnihook acts on it;
 * - inert: accepted, typed and stored, but nothing reads it yet (`why` says why);
 * - enterprise: a Rocket.Chat Enterprise feature Omnihook does not offer; accepted and stored;
 * - not-offered: a Community feature outside Omnihook's scope (SMS gateways, external routing
 *   service, video calls, the external frame); accepted and stored.
 */

export type RcSettingType = 'boolean' | 'int' | 'string' | 'select' | 'multiSelect' | 'color' | 'password';
export type RcSettingStatus = 'implemented' | 'inert' | 'enterprise' | 'not-offered';
export type RcSettingDefault = boolean | number | string | readonly string[];

export interface RcSetting {
  readonly id: string;
  readonly type: RcSettingType;
  /** Rocket.Chat's default. Omnihook's own default (SETTINGS) wins where they differ. */
  readonly default: RcSettingDefault;
  /** Rocket.Chat's admin section ('' when the setting sits at the top of its group). */
  readonly section: string;
  readonly status: RcSettingStatus;
  /** One line: why a setting is inert, or how ours differs. */
  readonly why?: string;
  /** Rocket.Chat's allowed keys for select and multiSelect. */
  readonly values?: readonly string[];
  /** Readable without login, as in Rocket.Chat (`public: true`). */
  readonly public?: boolean;
  /** Rocket.Chat marks it secret (or it is a credential): only edit-privileged-setting reads it. */
  readonly secret?: boolean;
  /** Defined by Rocket.Chat Enterprise (its `enterprise: true`). */
  readonly enterprise?: boolean;
  /** The Rocket.Chat settings group. */
  readonly group: 'Omnichannel' | 'SMS';
}

type Def = Omit<RcSetting, 'id' | 'group'> & { group?: RcSetting['group'] };

const impl = (type: RcSettingType, dflt: RcSettingDefault, section: string, extra: Partial<Def> = {}): Def => ({
  type,
  default: dflt,
  section,
  status: 'implemented',
  ...extra,
});
const inert = (
  type: RcSettingType,
  dflt: RcSettingDefault,
  section: string,
  why: string,
  extra: Partial<Def> = {},
): Def => ({ type, default: dflt, section, status: 'inert', why, ...extra });
const ee = (type: RcSettingType, dflt: RcSettingDefault, section: string, extra: Partial<Def> = {}): Def => ({
  type,
  default: dflt,
  section,
  status: 'enterprise',
  enterprise: true,
  ...extra,
});
const notOffered = (
  type: RcSettingType,
  dflt: RcSettingDefault,
  section: string,
  why: string,
  extra: Partial<Def> = {},
): Def => ({ type, default: dflt, section, status: 'not-offered', why, ...extra });

const pub = { public: true } as const;
const WIDGET = "Omnihook's widget does not offer it yet";
const SMS_TYPES = 'image/*,audio/*,video/*,text/*,application/pdf';

const DEFS: Record<string, Def> = {
  // --- core: apps/meteor/server/settings/omnichannel.ts, in its order ---
  Livechat_enabled: impl('boolean', true, '', pub),
  Livechat_title: impl('string', 'Rocket.Chat', 'Livechat', { ...pub, why: "our default is 'Omnihook'" }),
  Livechat_title_color: impl('color', '#C1272D', 'Livechat', { ...pub, why: 'a hex colour only (#rgb to #rrggbbaa)' }),
  Livechat_enable_message_character_limit: impl('boolean', false, 'Livechat', pub),
  Livechat_message_character_limit: impl('int', 0, 'Livechat', { ...pub, why: '0 means Message_MaxAllowedSize' }),
  Livechat_display_offline_form: impl('boolean', true, 'Livechat', pub),
  Livechat_clear_local_storage_when_chat_ended: inert('boolean', false, 'Livechat', 'a widget-side behaviour', pub),
  Livechat_validate_offline_email: impl('boolean', true, 'Livechat', {
    ...pub,
    why: 'our default is false: the MX lookup is DNS traffic an operator turns on',
  }),
  Livechat_offline_form_unavailable: impl('string', '', 'Livechat', pub),
  Livechat_offline_title: impl('string', 'Leave a message', 'Livechat', pub),
  Livechat_offline_title_color: impl('color', '#666666', 'Livechat', pub),
  Livechat_offline_message: impl('string', '', 'Livechat', { ...pub, why: 'our default is an instruction text' }),
  Livechat_offline_email: impl('string', '', 'Livechat'),
  Livechat_offline_success_message: impl('string', '', 'Livechat', pub),
  Livechat_allow_switching_departments: inert('boolean', true, 'Livechat', WIDGET, pub),
  Livechat_show_agent_info: inert('boolean', true, 'Livechat', 'the widget always shows the agent', pub),
  Livechat_show_agent_email: impl('boolean', true, 'Livechat', { ...pub, why: 'our default is false (privacy)' }),
  Omnichannel_allow_visitors_to_close_conversation: impl('boolean', true, '', pub),
  Livechat_request_comment_when_closing_conversation: impl('boolean', true, '', {
    ...pub,
    why: 'our default is false: the console closes without a comment unless one is typed',
  }),
  Omnichannel_allow_force_close_conversations: inert('boolean', false, 'API', 'there is no force-close route yet', pub),
  Livechat_conversation_finished_message: impl('string', '', 'Livechat', pub),
  Livechat_conversation_finished_text: impl('string', '', 'Livechat', pub),
  Livechat_registration_form: impl('boolean', true, 'Livechat', pub),
  Livechat_name_field_registration_form: impl('boolean', true, 'Livechat', pub),
  Livechat_email_field_registration_form: impl('boolean', true, 'Livechat', pub),
  Livechat_guest_count: impl('int', 1, ''),
  Livechat_Room_Count: inert('int', 1, '', 'hidden counter of older releases; rooms are not numbered'),
  Livechat_enabled_when_agent_idle: inert(
    'boolean',
    true,
    '',
    'there is no idle state; an agent is available or not',
    pub,
  ),
  Livechat_webhookUrl: impl('string', '', 'CRM_Integration'),
  Livechat_secret_token: impl('string', '', 'CRM_Integration', { secret: true }),
  Livechat_webhook_on_start: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_close: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_chat_taken: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_chat_queued: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_forward: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_offline_msg: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_visitor_message: impl('boolean', false, 'CRM_Integration'),
  Livechat_webhook_on_agent_message: impl('boolean', false, 'CRM_Integration'),
  Send_visitor_navigation_history_livechat_webhook_request: inert(
    'boolean',
    false,
    'CRM_Integration',
    'navigation is not posted as messages, so there is no history to add',
  ),
  Livechat_webhook_on_capture: impl('boolean', false, 'CRM_Integration'),
  Livechat_lead_email_regex: impl('string', '\\b[A-Z0-9._%+-]+@(?:[A-Z0-9-]+\\.)+[A-Z]{2,4}\\b', 'CRM_Integration'),
  Livechat_lead_phone_regex: impl(
    'string',
    '((?:\\([0-9]{1,3}\\)|[0-9]{2})[ \\-]*?[0-9]{4,5}(?:[\\-\\s\\_]{1,2})?[0-9]{4}(?:(?=[^0-9])|$)|[0-9]{4,5}(?:[\\-\\s\\_]{1,2})?[0-9]{4}(?:(?=[^0-9])|$))',
    'CRM_Integration',
  ),
  Livechat_history_monitor_type: inert('select', 'url', 'Livechat', 'page changes are stored as sent', {
    values: ['url', 'title'],
  }),
  Livechat_http_timeout: impl('int', 5000, 'CRM_Integration'),
  Livechat_Visitor_navigation_as_a_message: inert(
    'boolean',
    false,
    'Livechat',
    'pages visited are stored, not posted as messages',
    pub,
  ),
  Livechat_enable_business_hours: impl('boolean', false, 'Business_Hours', {
    ...pub,
    why: 'departments with a schedule of their own follow it whatever Livechat_business_hour_type says',
  }),
  Livechat_continuous_sound_notification_new_livechat_room: inert(
    'boolean',
    false,
    '',
    'the console plays no sounds yet',
    pub,
  ),
  Livechat_fileupload_enabled: impl('boolean', true, '', pub),
  Livechat_enable_transcript: impl('boolean', false, '', pub),
  Livechat_transcript_send_always: inert('boolean', false, '', 'transcripts are sent on request only', pub),
  Livechat_transcript_show_system_messages: inert('boolean', false, '', 'the transcript format is fixed', pub),
  Livechat_transcript_message: impl('string', '', '', pub),
  Livechat_transcript_email_subject: inert('string', '', '', 'the transcript mail has a fixed subject', pub),
  Omnichannel_enable_department_removal: impl('boolean', false, '', {
    ...pub,
    why: "Omnihook's default is true: departments could always be deleted here",
  }),
  Livechat_registration_form_message: impl('string', '', 'Livechat', pub),
  Livechat_AllowedDomainsList: impl('string', '', 'Livechat', { ...pub, why: 'not public in Omnihook' }),
  Livechat_OfflineMessageToChannel_enabled: inert(
    'boolean',
    false,
    'Livechat',
    'there are no channels; offline messages are emailed and listed',
    pub,
  ),
  Livechat_OfflineMessageToChannel_channel_name: inert('string', '', 'Livechat', 'there are no channels', pub),
  Livechat_Routing_Method: impl('select', 'Auto_Selection', 'Routing', {
    ...pub,
    values: ['External', 'Auto_Selection', 'Manual_Selection', 'Load_Balancing', 'Load_Rotation'],
    why: 'Omnihook accepts Auto_Selection and Manual_Selection only',
  }),
  Livechat_accept_chats_with_no_agents: impl('boolean', false, 'Routing', {
    why: 'off, a chat is still accepted (and queued) during business hours with nobody online; Rocket.Chat refuses it',
  }),
  Livechat_assign_new_conversation_to_bot: inert('boolean', false, 'Routing', 'there are no bot agents'),
  Livechat_guest_pool_max_number_incoming_livechats_displayed: inert(
    'int',
    0,
    'Routing',
    'the queue list is not capped',
    pub,
  ),
  Livechat_show_queue_list_link: inert('boolean', false, 'Routing', 'every agent sees the queue', pub),
  Livechat_External_Queue_URL: notOffered('string', '', 'Routing', 'External routing is not offered'),
  Livechat_External_Queue_Token: notOffered('string', '', 'Routing', 'External routing is not offered', {
    secret: true,
  }),
  Omnichannel_queue_delay_timeout: inert('int', 5, 'Queue_management', 'routing runs at once, with no delay'),
  Livechat_Allow_collect_and_store_HTTP_header_informations: inert(
    'boolean',
    false,
    'GDPR',
    'HTTP headers of visitors are not stored',
    pub,
  ),
  Livechat_force_accept_data_processing_consent: inert('boolean', false, 'GDPR', WIDGET, pub),
  Livechat_data_processing_consent_text: inert('string', '', 'GDPR', WIDGET, pub),
  Livechat_agent_leave_action: impl('select', 'none', 'Sessions', { values: ['none', 'forward', 'close'] }),
  Livechat_agent_leave_action_timeout: impl('int', 60, 'Sessions'),
  Livechat_agent_leave_comment: impl('string', '', 'Sessions'),
  Livechat_visitor_inactivity_timeout: impl('int', 3600, 'Sessions', {
    why: 'decides which closed chats the analytics count as abandoned',
  }),
  Omnichannel_call_provider: notOffered('select', 'none', 'Video_and_Audio_Call', 'video and audio calls', {
    ...pub,
    values: ['none', 'default-provider'],
  }),
  Omnichannel_Metrics_Ignore_Automatic_Messages: inert(
    'boolean',
    false,
    'Analytics',
    'there are no automatic messages to ignore',
    pub,
  ),

  // --- SMS group (same file): gateways Omnihook does not offer ---
  SMS_Enabled: notOffered('boolean', false, '', 'SMS', { group: 'SMS' }),
  SMS_Service: notOffered('select', 'twilio', '', 'SMS', { group: 'SMS', values: ['twilio', 'voxtelesys', 'mobex'] }),
  SMS_Default_Omnichannel_Department: notOffered('string', '', '', 'SMS', { group: 'SMS' }),
  SMS_Twilio_Account_SID: notOffered('string', '', 'Twilio', 'SMS', { group: 'SMS', secret: true }),
  SMS_Twilio_authToken: notOffered('string', '', 'Twilio', 'SMS', { group: 'SMS', secret: true }),
  SMS_Twilio_FileUpload_Enabled: notOffered('boolean', true, 'Twilio', 'SMS', { group: 'SMS', secret: true }),
  SMS_Twilio_FileUpload_MediaTypeWhiteList: notOffered('string', SMS_TYPES, 'Twilio', 'SMS', {
    group: 'SMS',
    secret: true,
  }),
  SMS_Voxtelesys_authToken: notOffered('string', '', 'Voxtelesys', 'SMS', { group: 'SMS', secret: true }),
  SMS_Voxtelesys_URL: notOffered('string', 'https://smsapi.voxtelesys.net/api/v1/sms', 'Voxtelesys', 'SMS', {
    group: 'SMS',
    secret: true,
  }),
  SMS_Voxtelesys_FileUpload_Enabled: notOffered('boolean', true, 'Voxtelesys', 'SMS', { group: 'SMS', secret: true }),
  SMS_Voxtelesys_FileUpload_MediaTypeWhiteList: notOffered('string', SMS_TYPES, 'Voxtelesys', 'SMS', {
    group: 'SMS',
    secret: true,
  }),
  SMS_Mobex_gateway_address: notOffered('string', '', 'Mobex', 'SMS', { group: 'SMS' }),
  SMS_Mobex_restful_address: notOffered('string', '', 'Mobex', 'SMS', { group: 'SMS' }),
  SMS_Mobex_username: notOffered('string', '', 'Mobex', 'SMS', { group: 'SMS' }),
  SMS_Mobex_password: notOffered('password', '', 'Mobex', 'SMS', { group: 'SMS', secret: true }),
  SMS_Mobex_from_number: notOffered('string', '', 'Mobex', 'SMS', { group: 'SMS' }),
  SMS_Mobex_from_numbers_list: notOffered('string', '', 'Mobex', 'SMS', { group: 'SMS' }),
  Omnichannel_External_Frame_Enabled: notOffered('boolean', false, 'External Frame', 'the external frame', {
    group: 'SMS',
    ...pub,
  }),
  Omnichannel_External_Frame_URL: notOffered('string', '', 'External Frame', 'the external frame', {
    group: 'SMS',
    ...pub,
  }),
  Omnichannel_External_Frame_Encryption_JWK: notOffered('string', '', 'External Frame', 'the external frame', {
    group: 'SMS',
    ...pub,
  }),

  // --- Enterprise: apps/meteor/ee/app/livechat-enterprise/server/settings.ts and siblings ---
  Livechat_abandoned_rooms_action: ee('select', 'none', 'Sessions', { ...pub, values: ['none', 'close', 'on-hold'] }),
  Livechat_abandoned_rooms_closed_custom_message: ee('string', '', 'Sessions'),
  Omnichannel_max_fallback_forward_depth: ee('int', 3, 'Routing'),
  Livechat_last_chatted_agent_routing: ee('boolean', false, 'Routing'),
  Livechat_business_hour_type: ee('select', 'Single', 'Business_Hours', { ...pub, values: ['Single', 'Multiple'] }),
  Livechat_waiting_queue: ee('boolean', false, 'Queue_management'),
  Livechat_waiting_queue_message: ee('string', '', 'Queue_management'),
  Livechat_maximum_chats_per_agent: impl('int', 0, 'Queue_management', {
    enterprise: true,
    why: 'acts without Livechat_waiting_queue',
  }),
  Omnichannel_calculate_dispatch_service_queue_statistics: ee('boolean', true, 'Queue_management'),
  Livechat_number_most_recent_chats_estimate_wait_time: ee('int', 100, 'Queue_management'),
  Livechat_max_queue_wait_time: ee('int', -1, 'Queue_management'),
  Omnichannel_sorting_mechanism: ee('select', 'Timestamp', 'Queue_management', {
    ...pub,
    values: ['Timestamp', 'Priority', 'SLAs'],
  }),
  Livechat_Block_Unknown_Contacts: ee('boolean', false, 'Contact_identification', pub),
  Livechat_Block_Unverified_Contacts: ee('boolean', false, 'Contact_identification', pub),
  // Rocket.Chat's default '' is not among its values: '' stays accepted (see allowsEmpty below).
  Livechat_Contact_Verification_App: ee('select', '', 'Contact_identification', { ...pub, values: ['VerifyChat'] }),
  Livechat_Request_Verification_On_First_Contact_Only: ee('boolean', false, 'Contact_identification', pub),
  Livechat_Require_Contact_Verification: ee('select', 'never', 'Contact_identification', {
    ...pub,
    values: ['never', 'once', 'always'],
  }),
  Livechat_AdditionalWidgetScripts: ee('string', '', 'Livechat'),
  Livechat_WidgetLayoutClasses: ee('string', '', 'Livechat'),
  Livechat_widget_position: impl('select', 'right', 'Livechat', {
    ...pub,
    values: ['left', 'right'],
    enterprise: true,
    why: "Omnihook's launcher; Rocket.Chat's widget 1.13.3 stays on the right",
  }),
  Livechat_background: ee('string', '', 'Livechat', pub),
  Livechat_hide_watermark: ee('boolean', false, 'Livechat'),
  Omnichannel_contact_manager_routing: ee('boolean', true, 'Routing'),
  Livechat_auto_close_on_hold_chats_timeout: ee('int', 3600, 'Sessions'),
  Livechat_auto_close_on_hold_chats_custom_message: ee('string', '', 'Sessions'),
  Livechat_allow_manual_on_hold: ee('boolean', false, 'Sessions', pub),
  Livechat_allow_manual_on_hold_upon_agent_engagement_only: ee('boolean', true, 'Sessions', pub),
  Livechat_auto_transfer_chat_timeout: impl('int', 0, 'Sessions', { enterprise: true }),
  Accounts_Default_User_Preferences_omnichannelTranscriptPDF: ee('boolean', false, '', pub),
  Livechat_hide_system_messages: ee('multiSelect', ['uj', 'ul', 'livechat-close'], 'Livechat', {
    ...pub,
    values: ['uj', 'ul', 'livechat-close', 'livechat-started', 'livechat_transfer_history'],
  }),
  Canned_Responses_Enable: inert(
    'boolean',
    true,
    'Canned_Responses',
    'canned responses are always on; their permissions decide who uses them',
    { ...pub, enterprise: true },
  ),
};

export const RC_SETTINGS: readonly RcSetting[] = Object.entries(DEFS).map(([id, d]) => ({
  ...d,
  id,
  group: d.group ?? 'Omnichannel',
}));

const BY_ID = new Map(RC_SETTINGS.map((s) => [s.id, s]));

export function rcSetting(id: string): RcSetting | undefined {
  return BY_ID.get(id);
}

/** Selects whose Rocket.Chat default is '' although '' is not one of their values. */
export function allowsEmpty(s: RcSetting): boolean {
  return s.default === '';
}
