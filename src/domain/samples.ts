/**
 * Realistic sample payloads for "send test" per event type: built by the same builders as real
 * events, from a made-up conversation, so a receiver sees exactly the shape it will get.
 */
import { buildOfflinePayload, buildRoomPayload } from './payloads.ts';
import type { EventType, Message, Room, User, Visitor } from './models.ts';

export function samplePayload(type: EventType, now = new Date()): Record<string, unknown> {
  if (type === 'LivechatOfflineMessage') {
    return buildOfflinePayload({
      name: 'Sam Sample',
      email: 'sam.sample@example.com',
      message: 'Please call me back tomorrow.',
      sentAt: now,
    });
  }
  const started = new Date(now.getTime() - 5 * 60_000);
  const visitor: Visitor = {
    _id: 'sampleVisitor00001',
    token: 'sample-visitor-token',
    username: 'guest-1',
    name: 'Sam Sample',
    livechatData: { customerId: 'C-1001' },
    visitorEmails: [{ address: 'sam.sample@example.com' }],
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    status: 'online',
    ts: started,
    _updatedAt: started,
  };
  const agent: User = {
    _id: 'sampleAgent0000001',
    username: 'agent.sample',
    name: 'Alex Agent',
    emails: [{ address: 'alex.agent@example.com', verified: true }],
    roles: ['livechat-agent'],
    statusLivechat: 'available',
    status: 'online',
    active: true,
    createdAt: started,
    _updatedAt: started,
  };
  const served = type !== 'LivechatSessionStart' && type !== 'LivechatSessionQueued';
  const closed = type === 'LivechatSession' || type === 'LivechatEdit';
  const room: Room = {
    _id: 'sampleRoom00000001',
    t: 'l',
    fname: 'Sam Sample',
    msgs: 2,
    open: !closed,
    ts: started,
    lm: now,
    departmentId: 'sampleDepartment01',
    v: { _id: visitor._id, username: visitor.username, token: visitor.token },
    servedBy: served ? { _id: agent._id, username: agent.username, ts: started } : undefined,
    closedAt: closed ? now : undefined,
    closedBy: closed ? { _id: agent._id, username: agent.username } : undefined,
    closer: closed ? 'user' : undefined,
    tags: closed ? ['sample'] : undefined,
    livechatData: { productId: 'P-42' },
    source: { type: 'widget' },
    _updatedAt: now,
  };
  const visitorMsg: Message = {
    _id: 'sampleMessage00001',
    rid: room._id,
    msg: 'Hi, I need help with my order.',
    ts: started,
    u: { _id: visitor._id, username: visitor.username, name: visitor.name },
    token: visitor.token,
    _updatedAt: started,
  };
  const agentMsg: Message = {
    _id: 'sampleMessage00002',
    rid: room._id,
    msg: 'Sure, what is the order number?',
    ts: now,
    u: { _id: agent._id, username: agent.username, name: agent.name },
    _updatedAt: now,
  };
  const messages: Message[] =
    type === 'Message' ? [visitorMsg] : type === 'LeadCapture' ? [] : served ? [visitorMsg, agentMsg] : [visitorMsg];
  return buildRoomPayload({
    type,
    room,
    visitor,
    agent: served ? agent : undefined,
    messages,
    ...(type === 'LivechatSessionForwarded'
      ? {
          oldServedBy: { _id: 'sampleAgent0000002', username: 'agent.previous', ts: started },
          oldDepartmentId: 'sampleDepartment00',
        }
      : {}),
  });
}
