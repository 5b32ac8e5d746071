/**
 * The rest of the widget's REST calls (spec table 2.2): room.transfer, agent.next, message/:tmid
 * and transcript; plus the agent's typing signal, which the widget shows as "agent is typing".
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, Id, VisitorToken, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { toMessage } from '../../store/mappers.ts';
import { audienceOf, visitorRoom } from '../../services/livechat/deps.ts';
import { resolveDepartment } from '../../services/livechat/visitors.ts';
import { pickAgent } from '../../services/livechat/routing.ts';
import { transferByVisitor } from '../../services/livechat/transfer.ts';
import { TranscriptService } from '../../services/livechat/transcript.ts';
import { widgetAgent } from '../../services/livechat/agent-info.ts';

const tags = ['livechat visitor'];

export const livechatExtraRoutes: RouteRegistrar = (app, s) => {
  const deps = s.livechat.deps;
  const transcripts = new TranscriptService(deps);

  app.post(
    '/api/v1/livechat/room.transfer',
    { schema: { tags, summary: 'The visitor moves their room to another department', body: Type.Object({ rid: Id, token: VisitorToken, department: Type.String({ minLength: 1, maxLength: 256 }) }) } },
    async (request) => ({ room: await transferByVisitor(deps, request.body), success: true }),
  );

  app.get(
    '/api/v1/livechat/agent.next/:token',
    {
      schema: {
        tags,
        summary: "The agent serving the token's open room, else the agent routing would pick now",
        params: Type.Object({ token: VisitorToken }),
        querystring: Type.Object({ department: Type.Optional(Type.String({ maxLength: 256 })) }),
      },
    },
    async (request) => {
      const open = await s.db
        .selectFrom('rooms')
        .select('served_by_id')
        .where('visitor_token', '=', request.params.token)
        .where('open', '=', 1)
        .executeTakeFirst();
      let agentId = open?.served_by_id ?? undefined;
      if (!agentId) {
        const dep = request.query.department ? await resolveDepartment(s.db, request.query.department) : null;
        agentId = (await pickAgent(s.db, dep))?._id;
      }
      const agent = agentId ? await widgetAgent(s, agentId) : undefined;
      if (!agent) fail('agent-not-found', 'No agent is available');
      return { agent, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/message/:tmid',
    { schema: { tags, params: Type.Object({ tmid: Id }), querystring: Type.Object({ token: VisitorToken, rid: Id }) } },
    async (request) => {
      const room = await visitorRoom(s.db, request.query.rid, request.query.token);
      const row = await s.db.selectFrom('messages').selectAll().where('_id', '=', request.params.tmid).where('rid', '=', room._id).executeTakeFirst();
      if (!row) fail('error-invalid-message', 'Invalid message');
      const { token: _token, ...message } = toMessage(row);
      return { message, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/transcript',
    { schema: { tags, summary: 'Email the conversation to the visitor (SMTP settings)', body: Type.Object({ token: VisitorToken, rid: Id, email: Email }) } },
    async (request) => {
      await transcripts.send(request.body);
      return { message: 'Livechat transcript sent', success: true };
    },
  );

  app.post(
    '/api/v1/livechat/typing',
    {
      preValidation: needPermission('view-l-room'),
      schema: {
        tags: ['livechat agent'],
        security: staffSecurity,
        summary: 'The agent is typing (or stopped) in a room; the visitor sees it live',
        body: Type.Object({ rid: Id, typing: Type.Boolean() }),
      },
    },
    async (request) => {
      const user = currentUser(request);
      const room = await s.livechat.roomForStaff(user, request.body.rid, can(user, 'view-livechat-rooms'));
      if (room.open !== 1) fail('room-closed', 'Room closed');
      s.hub.publish({ kind: 'typing', audience: audienceOf(room), username: user.username, typing: request.body.typing, from: 'agent' });
      return { success: true };
    },
  );
};
