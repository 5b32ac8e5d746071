/** The agents' and managers' livechat routes (Rocket.Chat's, unless marked ours). */
import { Type } from '@sinclair/typebox';
import type { Catalogue } from '../types.ts';
import { Agent, Department, Inquiry, Message, Room, Transcript, ok, page, ref } from '../models.ts';

const RC = "Rocket.Chat's route, same body and answer; ";

export const livechatStaffCatalogue: Catalogue = {
  'POST /api/v1/livechat/agent.status': {
    summary: 'Set an agent available or not',
    description: `${RC}toggles or sets statusLivechat; managers may set another agent's.`,
  },
  'GET /api/v1/livechat/inquiries.queued': {
    summary: 'The queue the caller may take from',
    description: `${RC}queued inquiries, filtered by department, oldest first.`,
    ok: page('inquiries', Inquiry),
  },
  'POST /api/v1/livechat/inquiries.take': {
    summary: 'Take a queued inquiry',
    description: `${RC}the caller (or userId, for managers) becomes the room's agent; a concurrent take loses with error-inquiry-taken.`,
  },
  'GET /api/v1/rooms.info': {
    summary: 'One room, for staff',
    description: `${RC}the room record, when the caller may see it.`,
    ok: ok({ room: ref(Room) }),
  },
  'POST /api/v1/chat.sendMessage': {
    summary: 'An agent sends a message to a room',
    description: `${RC}message.rid and message.msg; the room's visitor sees it live and its webhook is queued.`,
    ok: ok({ message: ref(Message) }),
  },
  'POST /api/v1/livechat/room.forward': {
    summary: 'Forward a chat to an agent or a department',
    description: `${RC}moves the chat, records the transfer and queues LivechatSessionForwarded.`,
  },
  'POST /api/v1/livechat/room.closeByUser': {
    summary: 'An agent closes a chat',
    description: `${RC}closes with an optional comment and tags, as the department requires.`,
  },
  'POST /api/v1/livechat/room.saveInfo': {
    summary: "Save a chat's and its visitor's details",
    description: `${RC}topic, tags and custom fields of the room, name, e-mail and phone of the visitor.`,
  },
  'GET /api/v1/livechat/rooms': {
    description: `${RC}filtered by state, agents, department, dates, tags and custom fields; sorted and paged.`,
    ok: page('rooms', Room),
  },
  'GET /api/v1/livechat/room.join': { description: `${RC}a manager joins a chat as its agent.` },
  'GET /api/v1/livechat/transfer.history/:rid': { description: `${RC}each forward of the chat, newest first.` },
  'POST /api/v1/rooms.upload/:rid': {
    description: `${RC}multipart, within the upload settings; the visitor sees the file live.`,
  },
  'POST /api/v1/livechat/typing': { description: 'Ours: a typing signal for the visitor; nothing is stored.' },
  'POST /api/v1/livechat/room.note': { description: 'Ours: a note staff see in the chat; the visitor never does.' },
  'GET /api/v1/livechat/visitors.info': { description: `${RC}the visitor record by id.` },
  'GET /api/v1/livechat/visitors.pagesVisited/:roomId': { description: `${RC}paged navigation history.` },
  'GET /api/v1/livechat/visitors.chatHistory/room/:roomId/visitor/:visitorId': {
    description: `${RC}the visitor's other chats, paged.`,
  },
  'POST /api/v1/livechat/transcript/:rid': {
    description: `${RC}stores a transcript request on the open chat; it is mailed on close.`,
  },
  'DELETE /api/v1/livechat/transcript/:rid': { description: `${RC}removes the pending transcript request.` },
  'GET /api/v1/livechat/transcript/:rid': {
    description: 'The transcript as the staff console shows it, and the pending or sent e-mail request.',
    ok: ok({ transcript: ref(Transcript) }),
  },
  'GET /api/v1/livechat/transcript/:rid/download': {
    description: 'The transcript as an attachment: format=txt (default) or html.',
    content: { 'text/plain': Type.String(), 'text/html': Type.String() },
  },
  'POST /api/v1/livechat/transcript/:rid/email': {
    description: 'Sends the transcript to the address given at once, through the SMTP settings.',
    rateLimited: true,
    errors: { 502: 'The SMTP server refused the mail or could not be reached (error-sending-transcript)' },
  },
  'GET /api/v1/livechat/visitors.search': { description: `${RC}paged.` },
  'GET /api/v1/livechat/visitors.autocomplete': { description: `${RC}for pickers.` },
  'GET /api/v1/livechat/visitors.searchChats/room/:roomId/visitor/:visitorId': { description: `${RC}paged.` },
  'GET /api/v1/livechat/:rid/messages': { description: `${RC}searchTerm filters the text; paged.` },
  'GET /api/v1/livechat/queue': { description: `${RC}the load of each agent, for the queue page.` },
  'GET /api/v1/livechat/inquiries.list': { description: `${RC}paged.` },
  'GET /api/v1/livechat/inquiries.queuedForUser': { description: `${RC}paged.` },
  'GET /api/v1/livechat/inquiries.getOne': { description: `${RC}the inquiry of a room, queued or taken.` },
  'GET /api/v1/livechat/rooms/filters': { description: `${RC}the distinct room sources.` },
  'POST /api/v1/livechat/messages': {
    description: `${RC}imports visitor messages (e.g. from another channel) into the token's room.`,
  },
  'GET /api/v1/livechat/visitor/:token/room': { description: `${RC}for staff, by visitor token.` },
  'GET /api/v1/livechat/agents/:agentId/departments': { description: `${RC}the agent's departments.` },
  'GET /api/v1/livechat/department/isDepartmentCreationAvailable': {
    description: "Rocket.Chat's route (limited in its community edition); here always true.",
  },
  'GET /api/v1/livechat/offline-messages': {
    description: 'Ours: the offline form submissions, for the staff console.',
  },
  'POST /api/v1/livechat/offline-messages/:_id/handled': {
    description: 'Ours: marks who handled the offline message and when.',
    errors: { 404: 'No offline message with that id (error-invalid-offline-message)' },
  },
  'GET /api/v1/livechat/dashboard': { description: "Ours: the Dashboard page's numbers in one answer." },
  'GET /api/v1/livechat/analytics/dashboards/charts/chats': { description: `${RC}open, closed, queued, on hold.` },
  'GET /api/v1/livechat/analytics/dashboards/charts/agents-status': {
    description: `${RC}available, away, busy, offline.`,
  },
  'GET /api/v1/livechat/analytics/dashboards/charts/timings': { description: `${RC}averages and longest, in seconds.` },
  'GET /api/v1/livechat/custom-fields': { description: `${RC}paged.` },
  'GET /api/v1/livechat/custom-fields/:_id': { description: `${RC}by id.` },
  'POST /api/v1/livechat/custom-fields.save': {
    description: `${RC}a field's label, scope, visibility, regexp and options.`,
  },
  'POST /api/v1/livechat/custom-fields.delete': { description: `${RC}by id.` },
  // departments and the livechat/users routes
  'GET /api/v1/livechat/department': { description: `${RC}paged.`, ok: page('departments', Department) },
  'POST /api/v1/livechat/department': { description: `${RC}the department and its agents.` },
  'GET /api/v1/livechat/departments/archived': { description: `${RC}paged.` },
  'GET /api/v1/livechat/department.autocomplete': { description: `${RC}for pickers.` },
  'GET /api/v1/livechat/department.listByIds': { description: `${RC}for showing names of ids held.` },
  'POST /api/v1/livechat/department/:_id/archive': { description: `${RC}archived departments take no new chats.` },
  'POST /api/v1/livechat/department/:_id/unarchive': { description: `${RC}enable it again with PUT.` },
  'GET /api/v1/livechat/department/:_id': { description: `${RC}includeAgents=false leaves the agents out.` },
  'PUT /api/v1/livechat/department/:_id': { description: `${RC}the whole department record.` },
  'DELETE /api/v1/livechat/department/:_id': { description: `${RC}open chats keep their department id.` },
  'GET /api/v1/livechat/department/:_id/agents': { description: `${RC}paged.` },
  'POST /api/v1/livechat/department/:_id/agents': { description: `${RC}upsert and remove lists.` },
  'GET /api/v1/livechat/users/:type': {
    description: `${RC}type is agent or manager; paged.`,
    ok: page('users', Agent),
  },
  'POST /api/v1/livechat/users/:type': { description: `${RC}by username.` },
  'GET /api/v1/livechat/users/:type/:_id': { description: `${RC}by user id.` },
  'DELETE /api/v1/livechat/users/:type/:_id': { description: `${RC}by user id.` },
  // canned responses and tags
  'GET /api/v1/canned-responses': { description: `${RC}the caller's, their departments' and the global ones; paged.` },
  'POST /api/v1/canned-responses': { description: `${RC}shortcut, text, scope, tags and department.` },
  'DELETE /api/v1/canned-responses': { description: `${RC}by _id in the body.` },
  'GET /api/v1/canned-responses.get': { description: `${RC}for the composer's picker.` },
  'GET /api/v1/canned-responses/:_id': { description: `${RC}by id.` },
  'GET /api/v1/livechat/tags': { description: `${RC}paged.` },
  'GET /api/v1/livechat/tags/:tagId': { description: `${RC}by id.` },
  'POST /api/v1/livechat/tags.save': { description: "A tag's name, description and departments." },
  'POST /api/v1/livechat/tags.delete': { description: `${RC}by id.` },
  // contacts (Rocket.Chat 7's model)
  'POST /api/v1/omnichannel/contacts': { description: `${RC}name, e-mails, phones, manager and custom fields.` },
  'POST /api/v1/omnichannel/contacts.update': { description: `${RC}the fields sent change.` },
  'POST /api/v1/omnichannel/contacts.conflicts': {
    description: `${RC}picks the value to keep for each conflicting field.`,
  },
  'GET /api/v1/omnichannel/contacts.get': { description: `${RC}by contactId.` },
  'GET /api/v1/omnichannel/contacts.search': { description: `${RC}paged.` },
  'GET /api/v1/omnichannel/contacts.checkExistence': { description: `${RC}exists: true or false.` },
  'GET /api/v1/omnichannel/contacts.history': { description: `${RC}paged.` },
  'GET /api/v1/omnichannel/contacts.channels': { description: `${RC}with their blocked and verified flags.` },
  'POST /api/v1/omnichannel/contacts.block': { description: `${RC}a blocked channel cannot start chats.` },
  'POST /api/v1/omnichannel/contacts.unblock': { description: `${RC}the channel may chat again.` },
  'POST /api/v1/omnichannel/contacts.delete': { description: `${RC}refused while the contact has chats.` },
  'POST /api/v1/omnichannel/contacts.verifyChannel': { description: 'Marks the channel verified.' },
};
