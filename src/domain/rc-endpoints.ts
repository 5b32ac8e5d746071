/**
 * Every Rocket.Chat Omnichannel/Livechat REST endpoint, and what Omnihook does with it. Together
 * with rc-settings.ts this is the promise "a script written against Rocket.Chat's livechat API
 * works unchanged" made checkable: docs/rocketchat-compat.md's endpoint table is generated from
 * this list, and test/http/rc-endpoints-docs.test.ts holds it against the routes the app really
 * registers (its OpenAPI document), so neither can drift.
 *
 * Sources (read in Rocket.Chat's repository): packages/rest-typings/src/v1/omnichannel.ts
 * (`OmnichannelEndpoints`), apps/meteor/app/livechat/server/api/v1/*.ts,
 * apps/meteor/app/livechat/imports/server/rest/*.ts and
 * apps/meteor/ee/app/livechat-enterprise/server/api/*.ts (Enterprise). Paths are written as
 * Rocket.Chat writes them, under /api/v1/, with `:param` placeholders.
 *
 * Status:
 * - implemented: Omnihook registers the route and answers it;
 * - inert: registered and accepted, but it changes nothing (`why` says why);
 * - not-offered: not registered; `why` says why (Enterprise, Apps-Engine, SMS, video, or not built
 *   yet);
 * - ours: an Omnihook route under livechat/ or omnichannel/ that Rocket.Chat does not have.
 */

export type RcEndpointStatus = 'implemented' | 'inert' | 'not-offered' | 'ours';
export type RcMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RcEndpoint {
  readonly method: RcMethod;
  /** As Rocket.Chat writes it, without /api/v1/: `livechat/visitor/:token`. */
  readonly path: string;
  readonly status: RcEndpointStatus;
  /** One line: why it is inert or not offered, what an 'ours' route is for, or a difference. */
  readonly why?: string;
  /** Rocket.Chat serves it only with an Enterprise licence (livechat-enterprise). */
  readonly enterprise?: boolean;
  /** The group the table shows it under. */
  readonly area: string;
}

type Def = Omit<RcEndpoint, 'method' | 'path' | 'area'>;

const impl = (why?: string): Def => (why ? { status: 'implemented', why } : { status: 'implemented' });
const implEe = (why?: string): Def => ({ ...impl(why), enterprise: true });
const no = (why: string): Def => ({ status: 'not-offered', why });
const ee = (why: string): Def => ({ status: 'not-offered', why: `Enterprise: ${why}`, enterprise: true });
const ours = (why: string): Def => ({ status: 'ours', why });

// Reasons shared by several rows.
const VIDEO = 'video calls are outside Omnihook';
const UNITS = 'business units';
const MONITORS = 'monitors';
const PRIORITIES = 'room priorities';
const SLA = 'service-level agreements';
const EE_ANALYTICS = 'the Enterprise analytics reports';
const OUTBOUND = 'outbound messages go through Apps-Engine providers';

/** 'METHOD path' -> what Omnihook does; grouped by area, in the order the docs table shows. */
const AREAS: Record<string, Record<string, Def>> = {
  'Visitor (widget)': {
    'GET livechat/config': impl(),
    'POST livechat/visitor': impl(),
    'GET livechat/visitor/:token': impl(),
    'DELETE livechat/visitor/:token': impl(),
    'POST livechat/visitor.status': impl(),
    'POST livechat/visitor.callStatus': no(VIDEO),
    'GET livechat/room': impl(),
    'POST livechat/room.close': impl(),
    'POST livechat/room.transfer': impl('deprecated by Rocket.Chat in favour of room.forward; kept for old widgets'),
    'POST livechat/room.survey': impl(),
    'POST livechat/message': impl(),
    'GET livechat/message/:_id': impl(),
    'PUT livechat/message/:_id': impl(),
    'DELETE livechat/message/:_id': impl(),
    'GET livechat/messages.history/:rid': impl(),
    'POST livechat/offline.message': impl(),
    'POST livechat/page.visited': impl(),
    'POST livechat/custom.field': impl(),
    'POST livechat/custom.fields': impl(),
    'GET livechat/agent.info/:rid/:token': impl(),
    'GET livechat/agent.next/:token': impl(),
    'POST livechat/transcript': impl(),
    'POST livechat/upload/:rid': impl(),
    'POST livechat/visitor.typing': ours("Rocket.Chat's widget signals typing over DDP only; ours speaks REST and SSE"),
    'POST livechat/triggers/:_id/external-service/call': ee('triggers that call an external service'),
  },
  'Rooms (staff)': {
    'GET livechat/rooms': impl(),
    'GET livechat/rooms/filters': impl(),
    'GET livechat/room.join': impl(),
    'POST livechat/room.forward': impl(),
    'POST livechat/room.saveInfo': impl(),
    'POST livechat/room.closeByUser': impl(),
    'PUT livechat/room.visitor': no('deprecated by Rocket.Chat (announced for removal in 6.0)'),
    'GET livechat/transfer.history/:rid': impl(),
    'POST livechat/transcript/:rid': impl(),
    'DELETE livechat/transcript/:rid': impl(),
    'GET livechat/:rid/messages': impl(),
    'POST livechat/messages': impl(),
    'POST livechat/typing': ours("the agent's typing signal, over REST (Rocket.Chat uses DDP)"),
    'POST livechat/room.note': ours('a private staff note in a room'),
    'GET livechat/transcript/:rid': ours("a room's transcript as JSON, for the console"),
    'GET livechat/transcript/:rid/download': ours("a room's transcript as a text or HTML file"),
    'POST livechat/transcript/:rid/email': ours("e-mail a room's transcript now (Rocket.Chat only mails on close)"),
    'POST livechat/room.onHold': ee('on-hold rooms'),
    'POST livechat/room.resumeOnHold': ee('on-hold rooms'),
    'POST livechat/room/:rid/priority': ee(PRIORITIES),
    'DELETE livechat/room/:rid/priority': ee(PRIORITIES),
    'PUT livechat/room.verificationStatus': no("Rocket.Chat's bot-driven visitor verification is outside Omnihook"),
    'POST livechat/visitor.verify': no("Rocket.Chat's bot-driven visitor verification is outside Omnihook"),
    'POST omnichannel/:rid/request-transcript': ee('PDF transcripts'),
  },
  'Queue and inquiries': {
    'GET livechat/queue': impl(),
    'GET livechat/inquiries.list': impl(),
    'POST livechat/inquiries.take': impl(),
    'GET livechat/inquiries.queued': impl("Rocket.Chat's older name; newer versions serve inquiries.queuedForUser"),
    'GET livechat/inquiries.queuedForUser': impl(),
    'GET livechat/inquiries.getOne': impl(),
    'PUT livechat/inquiry.setSLA': ee(SLA),
  },
  'Visitor directory': {
    'GET livechat/visitors.info': impl(),
    'GET livechat/visitors.pagesVisited/:roomId': impl(),
    'GET livechat/visitors.chatHistory/room/:roomId/visitor/:visitorId': impl(),
    'GET livechat/visitors.searchChats/room/:roomId/visitor/:visitorId': impl(),
    'GET livechat/visitors.autocomplete': impl(),
    'GET livechat/visitors.search': impl(),
    'GET livechat/visitor/:token/room': impl(),
  },
  Contacts: {
    'POST omnichannel/contacts': impl(),
    'POST omnichannel/contacts.update': impl(),
    'POST omnichannel/contacts.conflicts': impl(),
    'GET omnichannel/contacts.get': impl(),
    'GET omnichannel/contacts.search': impl(),
    'GET omnichannel/contacts.checkExistence': impl(),
    'GET omnichannel/contacts.history': impl(),
    'GET omnichannel/contacts.channels': impl(),
    'POST omnichannel/contacts.block': implEe(),
    'POST omnichannel/contacts.unblock': implEe(),
    'POST omnichannel/contacts.delete': impl(),
    'POST omnichannel/contacts.verifyChannel': ours('Rocket.Chat verifies channels through the Enterprise Apps-Engine'),
    'GET omnichannel/contact': no('the pre-7 visitor-as-contact API; Omnihook serves omnichannel/contacts.*'),
    'POST omnichannel/contact': no('the pre-7 visitor-as-contact API; Omnihook serves omnichannel/contacts.*'),
    'GET omnichannel/contact.search': no('the pre-7 visitor-as-contact API; Omnihook serves omnichannel/contacts.*'),
  },
  'Agents and managers': {
    'GET livechat/users/:type': impl(),
    'POST livechat/users/:type': impl(),
    'GET livechat/users/:type/:_id': impl(),
    'DELETE livechat/users/:type/:_id': impl(),
    'POST livechat/agent.status': impl(),
    'GET livechat/agents/:agentId/departments': impl(),
  },
  Departments: {
    'GET livechat/department': impl(),
    'POST livechat/department': impl(),
    'GET livechat/department/:_id': impl(),
    'PUT livechat/department/:_id': impl(),
    'DELETE livechat/department/:_id': impl(),
    'GET livechat/departments/archived': impl(),
    'POST livechat/department/:_id/archive': impl(),
    'POST livechat/department/:_id/unarchive': impl(),
    'GET livechat/department.autocomplete': impl(),
    'GET livechat/department.listByIds': impl(),
    'GET livechat/department/:_id/agents': impl(),
    'POST livechat/department/:_id/agents': impl(),
    'GET livechat/department/isDepartmentCreationAvailable': impl('answers true: Omnihook has no department cap'),
    'GET livechat/departments.by-unit/': ee(UNITS),
    'GET livechat/units/:unitId/departments': ee(UNITS),
    'GET livechat/units/:unitId/departments/available': ee(UNITS),
  },
  'Tags, custom fields, canned responses': {
    'GET livechat/tags': implEe(),
    'GET livechat/tags/:tagId': implEe(),
    'POST livechat/tags.save': implEe(),
    'POST livechat/tags.delete': implEe(),
    'GET livechat/custom-fields': impl(),
    'GET livechat/custom-fields/:_id': impl(),
    'POST livechat/custom-fields.save': impl(),
    'POST livechat/custom-fields.delete': impl(),
    'GET canned-responses': implEe(),
    'POST canned-responses': implEe(),
    'DELETE canned-responses': implEe(),
    'GET canned-responses/:_id': implEe(),
    'GET canned-responses.get': implEe(),
  },
  'Triggers, appearance, business hours': {
    'GET livechat/triggers': impl(),
    'POST livechat/triggers': impl('also refuses a page-url pattern or time-on-site value no widget can run'),
    'GET livechat/triggers/:_id': impl(),
    'DELETE livechat/triggers/:_id': impl(),
    'POST livechat/triggers/external-service/test': ee('triggers that call an external service'),
    'GET livechat/appearance': impl(),
    'POST livechat/appearance': impl('each value is also checked against its setting'),
    'GET livechat/business-hour': impl(),
    'POST livechat/business-hours.save': impl('answers the saved business hour besides success'),
    'POST livechat/business-hours.remove': impl(),
    'GET livechat/business-hours': implEe(),
    'GET livechat/office-hours': no('removed by Rocket.Chat in 5.0; livechat/business-hour replaced it'),
  },
  'Integrations and webhooks': {
    'GET livechat/integrations.settings': impl(),
    'POST omnichannel/integrations': impl(),
    'POST livechat/webhook.test': impl(),
    'GET livechat/offline-messages': ours('the offline-message inbox of the staff console'),
    'POST livechat/offline-messages/:_id/handled': ours('mark an offline message handled'),
  },
  'Dashboards and analytics': {
    'GET livechat/dashboard': ours('everything the console Dashboard shows, in one answer'),
    'GET livechat/analytics/dashboards/charts/chats': impl(),
    'GET livechat/analytics/dashboards/charts/agents-status': impl(),
    'GET livechat/analytics/dashboards/charts/timings': impl(),
    'GET livechat/analytics/dashboards/charts/chats-per-agent': impl(),
    'GET livechat/analytics/dashboards/charts/chats-per-department': impl(),
    'GET livechat/analytics/dashboards/conversation-totalizers': impl(),
    'GET livechat/analytics/dashboards/agents-productivity-totalizers': impl(),
    'GET livechat/analytics/dashboards/chats-totalizers': impl(),
    'GET livechat/analytics/dashboards/productivity-totalizers': impl(),
    'GET livechat/analytics/agent-overview': impl(),
    'GET livechat/analytics/overview': impl(),
    'GET livechat/analytics/agents/average-service-time': ee(EE_ANALYTICS),
    'GET livechat/analytics/agents/total-service-time': ee(EE_ANALYTICS),
    'GET livechat/analytics/agents/available-for-service-history': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/amount-of-chats': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/average-service-time': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/average-chat-duration-time': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/total-service-time': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/average-waiting-time': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/total-transferred-chats': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/total-abandoned-chats': ee(EE_ANALYTICS),
    'GET livechat/analytics/departments/percentage-abandoned-chats': ee(EE_ANALYTICS),
    'GET livechat/analytics/dashboards/conversations-by-source': ee(EE_ANALYTICS),
    'GET livechat/analytics/dashboards/conversations-by-status': ee(EE_ANALYTICS),
    'GET livechat/analytics/dashboards/conversations-by-department': ee(EE_ANALYTICS),
    'GET livechat/analytics/dashboards/conversations-by-tags': ee(EE_ANALYTICS),
    'GET livechat/analytics/dashboards/conversations-by-agent': ee(EE_ANALYTICS),
  },
  'Monitors, units, priorities, SLAs': {
    'GET livechat/monitors': ee(MONITORS),
    'GET livechat/monitors/:username': ee(MONITORS),
    'POST livechat/monitors.create': ee(MONITORS),
    'POST livechat/monitors.delete': ee(MONITORS),
    'GET livechat/units': ee(UNITS),
    'POST livechat/units': ee(UNITS),
    'GET livechat/units/:id': ee(UNITS),
    'POST livechat/units/:id': ee(UNITS),
    'DELETE livechat/units/:id': ee(UNITS),
    'GET livechat/units/:unitId/monitors': ee(UNITS),
    'GET livechat/priorities': ee(PRIORITIES),
    'GET livechat/priorities/:priorityId': ee(PRIORITIES),
    'PUT livechat/priorities/:priorityId': ee(PRIORITIES),
    'GET livechat/priorities.reset': ee(PRIORITIES),
    'POST livechat/priorities.reset': ee(PRIORITIES),
    'GET livechat/sla': ee(SLA),
    'POST livechat/sla': ee(SLA),
    'GET livechat/sla/:slaId': ee(SLA),
    'PUT livechat/sla/:slaId': ee(SLA),
    'DELETE livechat/sla/:slaId': ee(SLA),
  },
  'Other channels': {
    'GET livechat/webrtc.call': no(VIDEO),
    'PUT livechat/webrtc.call/:callId': no(VIDEO),
    'POST livechat/sms-incoming/:service': no('SMS gateways are outside Omnihook'),
    'POST livechat/facebook': no('the Facebook gateway is outside Omnihook'),
    'GET omnichannel/outbound/providers': ee(OUTBOUND),
    'GET omnichannel/outbound/providers/:id/metadata': ee(OUTBOUND),
    'POST omnichannel/outbound/providers/:id/message': ee(OUTBOUND),
    'GET omnichannel/mac/check': no("Rocket.Chat's monthly-active-contacts licence limit does not apply"),
  },
  // Rocket.Chat core routes that Omnichannel clients and scripts call, served in its shapes.
  'Core routes Omnichannel clients use': {
    'POST login': impl(),
    'POST logout': impl(),
    'GET me': impl(),
    'POST users.create': impl(),
    'POST users.update': impl(),
    'GET users.info': impl(),
    'GET users.list': impl(),
    'POST users.setActiveStatus': impl(),
    'POST users.delete': impl(),
    'POST users.updateOwnBasicInfo': impl(),
    'POST users.setStatus': impl(),
    'GET users.getStatus': impl(),
    'GET settings.public': impl(),
    'GET settings': impl(),
    'GET settings/:_id': impl(),
    'POST settings/:_id': impl(),
    'GET permissions.listAll': impl(),
    'POST permissions.update': impl(),
    'GET rooms.info': impl(),
    'POST rooms.upload/:rid': impl(),
    'POST chat.sendMessage': impl(),
  },
};

export const RC_ENDPOINTS: readonly RcEndpoint[] = Object.entries(AREAS).flatMap(([area, rows]) =>
  Object.entries(rows).map(([route, def]) => {
    const [method, path] = route.split(' ') as [RcMethod, string];
    return { method, path, area, ...def };
  }),
);
