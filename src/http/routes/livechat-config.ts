/**
 * `livechat/config`: what a widget needs to start. Always the full object (settings, departments
 * and messages present), `guest` for a known token, `room` only while it is open, and `agent`
 * when that room is served (docs/rocketchat-widget.md, 'livechat/config').
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, VisitorToken } from '../schemas.ts';
import type { Services } from '../../services/container.ts';
import { fail } from '../../domain/errors.ts';
import { widgetAgent } from '../../services/livechat/agent-info.ts';
import { SURVEY_CONFIG } from '../../domain/survey.ts';
import { SOUND_PATH, appearanceTheme, registrationFields, visitorMessageLimit } from '../../services/appearance.ts';

async function agentInfo(s: Services, agentId: string) {
  return widgetAgent(s, agentId);
}

export const livechatConfigRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/livechat/config',
    {
      schema: {
        tags: ['livechat visitor'],
        querystring: Type.Object({
          token: Type.Optional(VisitorToken),
          department: Type.Optional(Type.String({ maxLength: 256 })),
          businessUnit: Type.Optional(Id),
        }),
      },
    },
    async (request) => {
      const st = s.settings;
      const { token } = request.query;
      const departments = await s.departments.forWidget();
      const guest = token ? await s.livechat.visitors.find(token) : undefined;
      const openRoom = token ? await s.livechat.openRoomOf(token) : undefined;
      const agent = openRoom?.servedBy ? await agentInfo(s, openRoom.servedBy._id) : undefined;
      // Rocket.Chat's queueInfo ({ spot, estimatedWaitTimeSeconds }) while the room waits for an agent
      const queueInfo = openRoom && !openRoom.servedBy ? await s.queue.info(openRoom._id) : undefined;
      // Online only when some agent is available AND connected (of the department asked for, or
      // of the visitor's), so both widgets offer the offline form instead of a chat nobody reads.
      const department = request.query.department ?? guest?.department;
      const online = await s.presence.online(department);
      const config = {
        enabled: st.get('Livechat_enabled'),
        online,
        settings: {
          registrationForm: st.get('Livechat_registration_form'),
          nameFieldRegistrationForm: st.get('Livechat_name_field_registration_form'),
          emailFieldRegistrationForm: st.get('Livechat_email_field_registration_form'),
          displayOfflineForm: st.get('Livechat_display_offline_form'),
          fileUpload: st.get('FileUpload_Enabled') && st.get('Livechat_fileupload_enabled'),
          allowSwitchingDepartments: true,
          showConnecting: false,
          forceAcceptDataProcessingConsent: false,
          // Rocket.Chat's rule: off unless the limit is enabled; 0 means Message_MaxAllowedSize
          limitTextLength: visitorMessageLimit(st),
          // ours: each registration field off, optional or required (Omnihook's widget)
          registrationFields: registrationFields(st),
          transcript: st.get('Livechat_enable_transcript'),
          // Rocket.Chat's: whether the widget offers "Finish this chat" (room.close answers the same)
          visitorsCanCloseChat: st.get('Omnichannel_allow_visitors_to_close_conversation'),
          agentHiddenInfo: false,
          clearLocalStorageWhenChatEnded: false,
          language: st.get('Language'),
        },
        theme: {
          title: st.get('Livechat_title'),
          color: st.get('Livechat_title_color'),
          offlineTitle: st.get('Livechat_offline_title'),
          offlineColor: st.get('Livechat_offline_title_color'),
          ...appearanceTheme(st),
        },
        messages: {
          offlineMessage: st.get('Livechat_offline_message'),
          offlineSuccessMessage: st.get('Livechat_offline_success_message'),
          offlineUnavailableMessage: st.get('Livechat_offline_form_unavailable'),
          conversationFinishedMessage: st.get('Livechat_conversation_finished_message'),
          conversationFinishedText: st.get('Livechat_conversation_finished_text'),
          transcriptMessage: st.get('Livechat_transcript_message'),
          registrationFormMessage: st.get('Livechat_registration_form_message'),
          welcomeMessage: st.get('Livechat_welcome_message'),
          dataProcessingConsentText: '',
        },
        // Rocket.Chat's survey items and values, always announced (it has no setting for them)
        survey: SURVEY_CONFIG,
        departments,
        // the registration form's extra fields: public, visible visitor-scope custom fields
        customFields: await s.customFields.forWidget(),
        // the enabled triggers in Rocket.Chat's pick, run by both widgets (domain/triggers.ts)
        triggers: await s.triggers.forWidget(),
        // Rocket.Chat's widget plays this URL as an <audio src> (docs/rocketchat-widget.md, 'livechat/config')
        resources: { sound: `${request.protocol}://${request.host}${SOUND_PATH}` },
        ...(guest ? { guest } : {}),
        ...(openRoom ? { room: openRoom } : {}),
        ...(agent ? { agent } : {}),
        ...(queueInfo ? { queueInfo } : {}),
      };
      return { config, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/agent.info/:rid/:token',
    { schema: { tags: ['livechat visitor'], params: Type.Object({ rid: Id, token: VisitorToken }) } },
    async (request) => {
      const room = await s.livechat.visitorRoom(request.params.rid, request.params.token);
      const agent = room.servedBy ? await agentInfo(s, room.servedBy._id) : undefined;
      if (!agent) fail('error-not-allowed', 'No agent serves this room');
      return { agent, success: true };
    },
  );
};
