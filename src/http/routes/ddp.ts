/**
 * The DDP endpoint `/websocket` (Meteor's raw websocket path, which the widget's SDK uses).
 * Frame size is capped by the websocket server (maxPayload, see http/app.ts): an oversized frame
 * closes that connection with 1009, logged once at warn (a client's doing, not our failure). Server pings keep proxies and the widget's 40 s liveness
 * check happy; a client silent for too long is dropped.
 */
import type { WebSocket } from 'ws';
import type { FastifyRequest } from 'fastify';
import type { RouteRegistrar } from '../schemas.ts';
import { widgetAgent } from '../../services/livechat/agent-info.ts';
import { DdpSession } from '../../realtime/ddp/session.ts';
import type { DdpLimits, DdpRooms } from '../../realtime/ddp/session.ts';
import { frames } from '../../realtime/ddp/protocol.ts';

export const DDP_MAX_FRAME_BYTES = 64 * 1024;

export interface DdpOptions {
  limits: DdpLimits;
  pingIntervalMs: number;
  /** no frame from the client for this long: the connection is dead */
  idleTimeoutMs: number;
  /** a client that reads slower than this much queued output is cut off */
  maxBufferedBytes: number;
}

export const DEFAULT_DDP_OPTIONS: DdpOptions = {
  limits: { maxSubscriptions: 50, burst: 60, perSecond: 20 },
  pingIntervalMs: 25_000,
  idleTimeoutMs: 60_000,
  maxBufferedBytes: 4 * 1024 * 1024,
};

export function ddpRoutes(opts: DdpOptions = DEFAULT_DDP_OPTIONS): RouteRegistrar {
  return (app, s) => {
    // The session's only window on the store: the livechat service's look-ups.
    const rooms: DdpRooms = {
      roomForToken: (rid, token) => s.livechat.roomAccess(rid, token),
      queueInfo: (rid) => s.queue.info(rid),
      agent: (id) => widgetAgent(s, id),
    };
    app.get('/websocket', { websocket: true, schema: { hide: true } }, (socket: WebSocket, request: FastifyRequest) => {
      // @fastify/websocket's own 'error' listener logs every socket error at error level with its
      // stack; a frame over the cap (or a broken one) is the client's input, so it is replaced by
      // one warn line with the reason and ws's code. ws has already sent the close frame (1009).
      socket.removeAllListeners('error');
      socket.on('error', (err: Error & { code?: string }) => {
        request.log.warn({ code: err.code, reason: err.message }, 'websocket closed on a bad frame');
        socket.terminate();
      });
      const session = new DdpSession(
        { rooms, hub: s.hub, limits: opts.limits },
        {
          send: (text) => {
            if (socket.readyState !== socket.OPEN) return;
            if (socket.bufferedAmount > opts.maxBufferedBytes) return socket.terminate();
            socket.send(text);
          },
          close: (code, reason) => socket.close(code, reason),
        },
      );
      socket.send(JSON.stringify({ server_id: '0' }));
      const timer = setInterval(() => {
        if (Date.now() - session.lastReceivedAt > opts.idleTimeoutMs) return socket.terminate();
        if (socket.readyState === socket.OPEN) socket.send(frames.ping());
      }, opts.pingIntervalMs);
      socket.on('message', (data, isBinary) => {
        // DDP is JSON text; a binary frame is as malformed as bad JSON.
        session.receive(isBinary ? '' : data.toString());
      });
      socket.on('close', () => {
        clearInterval(timer);
        session.close();
      });
    });
  };
}
