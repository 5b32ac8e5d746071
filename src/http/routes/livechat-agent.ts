/**
 * Agent and manager side of livechat: availability, queue, a room, messages, forward, close.
 * The rooms list, room.join and transfer.history live in livechat-oversight.ts.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Id, Paging, paging, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';

const tags = ['livechat agent'];
const security = staffSecurity;

export const livechatAgentRoutes: RouteRegistrar = (app, s) => {
  const lc = s.livechat;

  app.post(
    '/api/v1/livechat/agent.status',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        body: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('available'), Type.Literal('not-available')])),
          agentId: Type.Optional(Id),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const agentId = request.body.agentId ?? user._id;
      // Rocket.Chat's order: not an agent 404, deactivated 400, someone else's without the permission 403
      const agent = await s.users.get(agentId);
      if (!agent || !agent.roles.includes('livechat-agent')) fail('error-not-found', 'Agent not found');
      if (!agent.active) fail('error-user-deactivated', 'User is deactivated');
      if (agentId !== user._id && !can(user, 'manage-livechat-agents'))
        fail('error-unauthorized', 'Cannot change another agent');
      const status = request.body.status ?? (agent.statusLivechat === 'available' ? 'not-available' : 'available');
      await s.users.setLivechatStatus(agentId, status);
      s.hub.publish({ kind: 'agent-status', agentId, status });
      if (status === 'available') await lc.rooms.processQueue();
      return { status, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/inquiries.queued',
    {
      preValidation: needPermission('view-livechat-queue'),
      schema: { tags, security, querystring: Type.Object({ ...Paging, department: Type.Optional(Id) }) },
    },
    async (request) => {
      const user = currentUser(request);
      const page = paging(request.query);
      const { inquiries, total } = await lc.queuedInquiries(user, can(user, 'view-livechat-rooms'), {
        ...page,
        department: request.query.department,
      });
      return { inquiries, count: inquiries.length, offset: page.offset, total, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/inquiries.take',
    {
      preValidation: needPermission('take-inquiry-from-queue'),
      schema: { tags, security, body: Type.Object({ inquiryId: Id, userId: Type.Optional(Id) }) },
    },
    async (request) => {
      const user = currentUser(request);
      const targetId = request.body.userId ?? user._id;
      if (targetId !== user._id && !can(user, 'manage-livechat-agents'))
        fail('error-unauthorized', 'Cannot assign to another agent');
      const target = targetId === user._id ? user : await s.users.get(targetId);
      if (!target || !target.roles.includes('livechat-agent')) fail('error-invalid-agent', 'Invalid agent');
      const room = await lc.takeInquiry(request.body.inquiryId, { _id: target._id, username: target.username });
      return { inquiry: { _id: request.body.inquiryId, rid: room._id, status: 'taken' }, success: true };
    },
  );

  app.get(
    '/api/v1/rooms.info',
    {
      preValidation: needPermission('view-l-room'),
      schema: { tags, security, querystring: Type.Object({ roomId: Id }) },
    },
    async (request) => {
      const user = currentUser(request);
      const room = await lc.roomForStaff(user, request.query.roomId, can(user, 'view-livechat-rooms'));
      return { room, success: true };
    },
  );

  app.post(
    '/api/v1/chat.sendMessage',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags,
        security,
        body: Type.Object({
          message: Type.Object({ rid: Id, msg: Type.String({ maxLength: 1_000_000 }), _id: Type.Optional(Id) }),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const message = await lc.messages.sendAsAgent(user, request.body.message, can(user, 'view-livechat-rooms'));
      return { message, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/room.forward',
    {
      preValidation: needPermission('transfer-livechat-guest'),
      schema: {
        tags,
        security,
        body: Type.Object({
          roomId: Id,
          userId: Type.Optional(Id),
          departmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
          comment: Type.Optional(Type.String({ maxLength: 10_000 })),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      await lc.rooms.forward(user, request.body, can(user, 'view-livechat-rooms'));
      return { success: true };
    },
  );

  app.post(
    '/api/v1/livechat/room.closeByUser',
    {
      preValidation: needPermission('close-livechat-room'),
      schema: {
        tags,
        security,
        body: Type.Object({
          rid: Id,
          comment: Type.Optional(Type.String({ maxLength: 10_000 })),
          tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
          // Rocket.Chat's: close even a room that reads as closed (repairs a half-closed one)
          forceClose: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      await lc.rooms.closeByAgent(user, request.body, can(user, 'close-others-livechat-room'));
      return { success: true };
    },
  );

  const Fields = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 10_000 }));
  app.post(
    '/api/v1/livechat/room.saveInfo',
    {
      preValidation: needPermission('edit-omnichannel-contact'),
      schema: {
        tags,
        security,
        body: Type.Object({
          guestData: Type.Object({
            _id: Id,
            name: Type.Optional(Type.String({ maxLength: 256 })),
            email: Type.Optional(Type.String({ maxLength: 320 })),
            phone: Type.Optional(Type.String({ maxLength: 64 })),
            livechatData: Type.Optional(Fields),
          }),
          roomData: Type.Object({
            _id: Id,
            topic: Type.Optional(Type.String({ maxLength: 1000 })),
            tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
            livechatData: Type.Optional(Fields),
          }),
        }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const { guestData, roomData } = request.body;
      await lc.roomForStaff(user, roomData._id, can(user, 'view-livechat-rooms'));
      if (guestData.email && !/^[^\s@]+@[^\s@]+$/.test(guestData.email)) fail('error-invalid-email', 'Invalid email');
      await lc.rooms.saveInfo(guestData, roomData);
      return { success: true };
    },
  );
};
