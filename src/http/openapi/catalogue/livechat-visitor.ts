/** The widget's routes: a visitor identified by their token (Rocket.Chat's livechat API). */
import { Type } from '@sinclair/typebox';
import type { Catalogue } from '../types.ts';
import { Message, Room, ok, ref } from '../models.ts';

const RC = "Rocket.Chat's livechat API, same body and answer; ";

export const livechatVisitorCatalogue: Catalogue = {
  'POST /api/v1/livechat/visitor': {
    description: `${RC}creates the visitor of this token or updates their name, e-mail, phone, department and custom fields.`,
  },
  'GET /api/v1/livechat/visitor/:token': {
    summary: 'The visitor of a token',
    description: `${RC}the visitor record, or an error when the token is unknown.`,
    errors: { 400: 'The token is unknown (invalid-token)' },
  },
  'DELETE /api/v1/livechat/visitor/:token': {
    description: `${RC}refused while the visitor has an open room (visitor-has-open-rooms).`,
  },
  'GET /api/v1/livechat/room': {
    description: `${RC}returns the open room of the token, or opens one (routing picks an agent or queues the inquiry).`,
    ok: ok({ room: ref(Room), newRoom: Type.Boolean() }),
    errors: { 400: 'Unknown token (invalid-token), or livechat is off (error-livechat-disabled)' },
  },
  'POST /api/v1/livechat/room.close': {
    summary: 'The visitor closes their room',
    description: `${RC}closes the room when visitors may close conversations (Omnichannel_allow_visitors_to_close_conversation).`,
  },
  'POST /api/v1/livechat/message': {
    summary: 'The visitor sends a message',
    description: `${RC}adds the message to the visitor's open room; its CRM webhook is queued in the same transaction.`,
    ok: ok({ message: ref(Message) }),
  },
  'PUT /api/v1/livechat/message/:_id': {
    summary: 'The visitor edits their message',
    description: `${RC}changes the text of one of the visitor's own messages.`,
  },
  'DELETE /api/v1/livechat/message/:_id': {
    summary: 'The visitor deletes their message',
    description: `${RC}removes one of the visitor's own messages.`,
  },
  'GET /api/v1/livechat/messages.history/:rid': {
    description: `${RC}pages back with end (a date) and limit; ls marks the last seen message.`,
    ok: ok({ messages: Type.Array(ref(Message)) }),
  },
  'POST /api/v1/livechat/offline.message': {
    summary: 'Leave a message while no agent is online',
    description: `${RC}stores the offline form, e-mails it when configured and queues its webhook (LivechatOfflineMessage).`,
    ok: ok({ message: Type.String() }),
  },
  'POST /api/v1/livechat/custom.field': {
    summary: "Set one of the visitor's custom fields",
    description: `${RC}sets a custom field on the visitor and, for room-scoped fields, on their open room.`,
  },
  'POST /api/v1/livechat/custom.fields': {
    summary: "Set several of the visitor's custom fields",
    description: `${RC}the same as custom.field for a list of fields.`,
  },
  'POST /api/v1/livechat/page.visited': {
    summary: 'Report a page the visitor opened',
    description: `${RC}records the page for the agent's view of the visitor's navigation.`,
  },
  'POST /api/v1/livechat/visitor.status': {
    summary: "Set the visitor's status",
    description: `${RC}online, away or offline, as the widget reports it.`,
  },
  'GET /api/v1/livechat/config': {
    summary: "The widget's configuration",
    description: `${RC}whether livechat is on, online agents, departments, theme, messages and triggers; with a token also the visitor and their room.`,
  },
  'GET /api/v1/livechat/agent.info/:rid/:token': {
    summary: 'The agent serving a room, for its visitor',
    description: `${RC}the serving agent's public fields (name, username, e-mail, phone).`,
  },
  'POST /api/v1/livechat/room.survey': {
    description: `${RC}stores the answers the widget's survey form gives after a chat.`,
  },
  'POST /api/v1/livechat/upload/:rid': {
    description: `${RC}a multipart upload into the visitor's open room, within FileUpload_MaxFileSize and FileUpload_MediaTypeWhiteList.`,
    errors: { 413: 'The file is larger than the request limit (error-payload-too-large)' },
  },
  'GET /file-upload/:id/:name': {
    description:
      "Serves an uploaded file to the room's visitor (token in the query) or a staff user who may see the room.",
    content: { 'application/octet-stream': Type.String({ format: 'binary' }) },
  },
  'POST /api/v1/livechat/room.transfer': {
    description: `${RC}moves the visitor's open room to another department, when the setting allows it.`,
  },
  'GET /api/v1/livechat/agent.next/:token': {
    description: `${RC}the agent who would answer, for the widget's header before the first message.`,
  },
  'GET /api/v1/livechat/message/:tmid': {
    summary: "One message of the visitor's room",
    description: `${RC}the message with that id in the room of the token.`,
  },
  'POST /api/v1/livechat/transcript': {
    description: `${RC}sends the conversation to the e-mail given, through the SMTP settings.`,
    rateLimited: true,
    errors: { 502: 'The SMTP server refused the mail or could not be reached (error-sending-transcript)' },
  },
  'POST /api/v1/livechat/visitor.typing': {
    description: 'Shows the agent that the visitor is typing; nothing is stored.',
  },
  'GET /api/v1/stream': {
    description:
      'Server-Sent Events: each live change the caller may see (new messages, room and inquiry changes, delivery updates). Staff may pass userId and authToken in the query because EventSource cannot send headers.',
    content: { 'text/event-stream': Type.String() },
  },
};
