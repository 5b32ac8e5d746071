/**
 * Live updates over Server-Sent Events: GET /api/v1/stream.
 * - Staff: X-User-Id/X-Auth-Token headers, or ?userId=&authToken= (EventSource cannot set headers).
 *   Agents receive their rooms' messages and changes, queue changes of their departments and
 *   their own status; managers receive everything.
 * - Visitors: ?token=<visitor token>; they receive their own rooms' messages and changes only.
 * Each event is `event: <kind>` with a JSON `data:` line; a comment line every 15 s keeps
 * proxies from closing an idle stream.
 */
import { Type } from '@sinclair/typebox';
import type { RouteRegistrar } from '../schemas.ts';
import { VisitorToken } from '../schemas.ts';
import { can } from '../plugins/auth.ts';
import { fail } from '../../domain/errors.ts';
import { forViewer, visibleTo } from '../../realtime/filter.ts';
import type { Viewer } from '../../realtime/filter.ts';

export const streamRoutes: RouteRegistrar = (app, s) => {
  app.get(
    '/api/v1/stream',
    {
      config: { queryAuth: true },
      schema: {
        tags: ['realtime'],
        summary: 'Server-Sent Events stream of live changes (staff login or visitor token)',
        querystring: Type.Object({
          token: Type.Optional(VisitorToken),
          userId: Type.Optional(Type.String({ maxLength: 64 })),
          authToken: Type.Optional(Type.String({ maxLength: 512 })),
        }),
      },
    },
    async (request, reply) => {
      let viewer: Viewer;
      const user = request.user;
      if (user) {
        if (!can(user, 'view-l-room'))
          fail('error-unauthorized', 'User does not have the permissions required for this action');
        const departments = (await s.departments.departmentIdsByAgent([user._id])).get(user._id) ?? [];
        viewer = {
          kind: 'staff',
          userId: user._id,
          seeAllRooms: can(user, 'view-livechat-rooms'),
          seeDeliveries: can(user, 'view-webhook-deliveries'),
          departments: new Set(departments),
        };
      } else if (request.query.token) {
        const visitor = await s.livechat.visitors.find(request.query.token);
        if (!visitor) fail('invalid-token', 'Invalid visitor token');
        viewer = { kind: 'visitor', token: visitor.token };
      } else {
        fail('unauthorized', 'You must be logged in to do this.');
      }

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // Presence: a staff stream is a live connection of its user (routing needs one); it is
      // counted before `ready`, so whoever waits for ready can rely on it.
      const presence =
        viewer.kind === 'staff' && request.authToken
          ? await s.presence.connect(viewer.userId, request.authToken, () => res.end())
          : undefined;
      if (presence && (!res.socket || res.socket.destroyed)) {
        void presence.close(); // the client left while it was being counted
        return;
      }
      res.write(`event: ready\ndata: {"success":true}\n\n`);
      const unsubscribe = s.hub.subscribe((e) => {
        if (!visibleTo(viewer, e)) return;
        res.write(`event: ${e.kind}\ndata: ${JSON.stringify(forViewer(viewer, e))}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
        void presence?.close();
      };
      request.raw.on('close', end);
      res.on('error', end);
    },
  );
};
