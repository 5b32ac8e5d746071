import { describe, expect, it } from 'vitest';
import { buildRoomPayload, buildOfflinePayload, renderBody, parseUserAgent } from '../../src/domain/payloads.ts';
import type { RoomEventType } from '../../src/domain/payloads.ts';
import type { Message, Room, User, Visitor } from '../../src/domain/models.ts';

const t0 = new Date('2024-05-01T10:00:00.000Z');
const visitor: Visitor = {
  _id: 'vid',
  token: 'tok',
  username: 'guest-1',
  name: 'Vera',
  livechatData: { customerId: '42' },
  visitorEmails: [{ address: 'vera@example.com' }],
  phone: [{ phoneNumber: '555' }],
  ip: '203.0.113.9',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  status: 'online',
  ts: t0,
  _updatedAt: t0,
};
const agent: User = {
  _id: 'aid',
  username: 'ann',
  name: 'Ann Agent',
  emails: [{ address: 'ann@example.com', verified: false }],
  roles: ['livechat-agent'],
  statusLivechat: 'available',
  status: 'online',
  active: true,
  createdAt: t0,
  _updatedAt: t0,
};
const room: Room = {
  _id: 'rid',
  t: 'l',
  fname: 'Vera',
  msgs: 3,
  open: false,
  ts: t0,
  lm: t0,
  departmentId: 'dep',
  v: { _id: 'vid', username: 'guest-1', token: 'tok' },
  servedBy: { _id: 'aid', username: 'ann', ts: t0 },
  closedAt: t0,
  closedBy: { _id: 'aid', username: 'ann' },
  closer: 'user',
  tags: ['x'],
  livechatData: { productId: '7' },
  crmData: '{"crm":"id-1"}',
  source: { type: 'widget' },
  _updatedAt: t0,
};
const msg = (over: Partial<Message>): Message => ({
  _id: 'm',
  rid: 'rid',
  msg: 'hi',
  ts: t0,
  u: { _id: 'vid', username: 'guest-1', name: 'Vera' },
  _updatedAt: t0,
  ...over,
});
const messages: Message[] = [
  msg({ _id: 'm1', token: 'tok' }),
  msg({ _id: 'm2', u: { _id: 'aid', username: 'ann', name: 'Ann Agent' }, msg: 'hello', editedAt: t0 }),
  msg({ _id: 'm3', t: 'livechat_transfer_history', msg: '' }),
  msg({ _id: 'm4', t: 'livechat-close', u: { _id: 'aid', username: 'ann', name: 'Ann Agent' }, msg: 'bye' }),
];

const BASE = [
  '_id',
  'label',
  'createdAt',
  'lastMessageAt',
  'tags',
  'customFields',
  'visitor',
  'agent',
  'crmData',
  'type',
];
const EXTRA: Record<RoomEventType, string[]> = {
  LivechatSessionStart: ['departmentId'],
  LivechatSessionQueued: ['departmentId'],
  LivechatSessionTaken: ['departmentId', 'servedBy'],
  LivechatSessionForwarded: ['departmentId', 'servedBy', 'oldDepartmentId', 'oldServedBy'],
  LivechatSession: ['departmentId', 'servedBy', 'closedAt', 'closedBy', 'closer'],
  Message: [],
  LeadCapture: [],
  LivechatEdit: [],
};

describe('Rocket.Chat payloads', () => {
  for (const [type, extra] of Object.entries(EXTRA) as [RoomEventType, string[]][]) {
    it(`${type} has exactly Rocket.Chat's fields`, () => {
      const body = JSON.parse(
        renderBody(
          buildRoomPayload({
            type,
            room,
            visitor,
            agent,
            messages,
            oldServedBy: { _id: 'old', username: 'o', ts: t0 },
            oldDepartmentId: 'od',
          }),
        ),
      ) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual([...BASE, ...extra, 'messages'].sort());
      expect(body.type).toBe(type);
    });
  }

  it("leaves customFields out when the room or visitor has none, as Rocket.Chat's unset livechatData", () => {
    const body = JSON.parse(
      renderBody(
        buildRoomPayload({
          type: 'LivechatSession',
          room: { ...room, livechatData: {} },
          visitor: { ...visitor, livechatData: {} },
          agent,
          messages,
        }),
      ),
    ) as Record<string, unknown> & { visitor: Record<string, unknown> };
    expect(body).not.toHaveProperty('customFields');
    expect(body.visitor).not.toHaveProperty('customFields');
    expect(body.visitor).toMatchObject({ _id: 'vid', token: 'tok' });
  });

  it('renders visitor, agent and messages field by field', () => {
    const body = JSON.parse(
      renderBody(buildRoomPayload({ type: 'LivechatSession', room, visitor, agent, messages })),
    ) as {
      visitor: Record<string, unknown>;
      agent: Record<string, unknown>;
      messages: Record<string, unknown>[];
      createdAt: string;
    };
    expect(body.visitor).toEqual({
      _id: 'vid',
      token: 'tok',
      name: 'Vera',
      username: 'guest-1',
      ip: '203.0.113.9',
      os: 'Linux',
      browser: 'Chrome 120.0.0.0',
      customFields: { customerId: '42' },
      email: [{ address: 'vera@example.com' }],
      phone: [{ phoneNumber: '555' }],
    });
    expect(body.agent).toEqual({ _id: 'aid', username: 'ann', name: 'Ann Agent', email: 'ann@example.com' });
    expect(body.createdAt).toBe('2024-05-01T10:00:00.000Z');
    // system messages are left out except the closing message
    expect(body.messages.map((m) => m._id)).toEqual(['m1', 'm2', 'm4']);
    expect(body.messages[0]).toEqual({
      u: { _id: 'vid', username: 'guest-1', name: 'Vera' },
      _id: 'm1',
      username: 'guest-1',
      msg: 'hi',
      ts: '2024-05-01T10:00:00.000Z',
      rid: 'rid',
      _updatedAt: '2024-05-01T10:00:00.000Z',
    });
    expect(body.messages[1]).toMatchObject({ agentId: 'aid', editedAt: '2024-05-01T10:00:00.000Z' });
    expect(body.messages[2]).toMatchObject({ closingMessage: true, agentId: 'aid', msg: 'bye' });
  });

  it('omits undefined fields (no agent, no crmData, no department)', () => {
    const open: Room = {
      ...room,
      servedBy: undefined,
      departmentId: undefined,
      crmData: undefined,
      closedAt: undefined,
      closedBy: undefined,
      closer: undefined,
      tags: undefined,
    };
    const body = JSON.parse(
      renderBody(
        buildRoomPayload({
          type: 'LivechatSessionStart',
          room: open,
          visitor: { ...visitor, visitorEmails: undefined, phone: undefined },
          messages: [],
        }),
      ),
    ) as Record<string, unknown>;
    expect(body).not.toHaveProperty('agent');
    expect(body).not.toHaveProperty('crmData');
    expect(body).not.toHaveProperty('departmentId');
    expect(body.visitor).not.toHaveProperty('email');
    expect(body.messages).toEqual([]);
  });

  it('offline message payload', () => {
    const body = JSON.parse(renderBody(buildOfflinePayload({ name: 'n', email: 'e@x.io', message: 'm', sentAt: t0 })));
    expect(body).toEqual({
      type: 'LivechatOfflineMessage',
      sentAt: '2024-05-01T10:00:00.000Z',
      visitor: { name: 'n', email: 'e@x.io' },
      message: 'm',
    });
  });

  it('parses user agents', () => {
    expect(parseUserAgent(undefined)).toEqual({});
    expect(parseUserAgent('curl/8.0')).toEqual({ os: undefined, browser: undefined });
  });
});
