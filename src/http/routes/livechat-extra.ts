/**
 * The rest of the widget's REST calls (docs/rocketchat-widget.md, 'REST'): room.transfer, agent.next, message/:tmid
 * and transcript; plus the typing signals: the agent's (the widget shows "agent is typing") and our
 * widget's visitor's (the console shows "Visitor is typing...").
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { Email, Id, VisitorToken, staffSecurity } from '../schemas.ts';
import { can, currentUser, needPermission } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { transferByVisitor } from '../../services/livechat/transfer.ts';
import { TranscriptService } from '../../services/livechat/transcript.ts';
import { widgetAgent } from '../../services/livechat/agent-info.ts';

const tags = ['livechat visitor'];

export const livechatExtraRoutes: RouteRegistrar = (app, s) => {
  const deps = s.livechat.deps;
  const transcripts = new TranscriptService(deps);

  app.post(
    '/api/v1/livechat/room.transfer',
    {
      schema: {
        tags,
        summary: 'The visitor moves their room to another department',
        body: Type.Object({ rid: Id, token: VisitorToken, department: Type.String({ minLength: 1, maxLength: 256 }) }),
      },
    },
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
      const agentId = await s.livechat.nextAgentId(request.params.token, request.query.department);
      const agent = agentId ? await widgetAgent(s, agentId) : undefined;
      if (!agent) fail('agent-not-found', 'No agent is available');
      return { agent, success: true };
    },
  );

  app.get(
    '/api/v1/livechat/message/:tmid',
    { schema: { tags, params: Type.Object({ tmid: Id }), querystring: Type.Object({ token: VisitorToken, rid: Id }) } },
    async (request) => {
      const { token: _token, ...message } = await s.livechat.messages.visitorMessage(
        request.query.rid,
        request.query.token,
        request.params.tmid,
      );
      return { message, success: true };
    },
  );

  app.post(
    '/api/v1/livechat/transcript',
    {
      schema: {
        tags,
        summary: 'Email the conversation to the visitor (SMTP settings)',
        body: Type.Object({ token: VisitorToken, rid: Id, email: Email }),
      },
    },
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
      await s.livechat.agentTyping(user, request.body.rid, request.body.typing, can(user, 'view-livechat-rooms'));
      return { success: true };
    },
  );

  // Ours: Rocket.Chat's widget signals visitor typing over DDP only; our widget speaks REST and SSE.
  // Named like Rocket.Chat's `livechat/visitor.status`: the visitor token in the body is the credential.
  app.post(
    '/api/v1/livechat/visitor.typing',
    {
      schema: {
        tags,
        summary: "The visitor is typing (or stopped) in their room; the room's agent sees it live",
        body: Type.Object({ token: VisitorToken, rid: Id, typing: Type.Boolean() }),
      },
    },
    async (request) => {
      await s.livechat.visitorTyping(request.body.rid, request.body.token, request.body.typing);
      return { success: true };
    },
  );
};
