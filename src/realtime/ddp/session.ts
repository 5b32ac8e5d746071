/**
 * One DDP connection of a Rocket.Chat widget. It reads the same Hub as the SSE stream and turns
 * its room events into Meteor Streamer frames (one source of truth, two protocols).
 * - Every subscription and method names a room and carries a visitor token; the token must own
 *   that room, else `nosub` / an error result. Events only reach subscriptions of their room.
 * - Frames are handled one at a time, in order, with hub events interleaved in arrival order,
 *   so `ready` always precedes the first event of a subscription.
 * - Rate limit: a token bucket per connection; exceeding it, or a malformed frame, closes this
 *   connection only.
 */
import type { LiveEvent, LiveEvents } from '../../domain/live-events.ts';
import type { RoomAccess, WidgetAgent } from '../../domain/widget.ts';
import { newId } from '../../domain/ids.ts';
import { visitorView } from '../../domain/visibility.ts';
import { SUPPORTED_VERSIONS, changed, ddpError, ddpMessage, frames, parseFrame, tokenOf } from './protocol.ts';
import type { ClientFrame } from './protocol.ts';

export interface DdpLimits {
  maxSubscriptions: number;
  /** frames allowed in a burst, then `perSecond` sustained */
  burst: number;
  perSecond: number;
}

/** What a session asks about rooms and agents; the DDP route builds it from the services. */
export interface DdpRooms {
  /** The room when `token` is its visitor's token; otherwise undefined (unknown and foreign alike). */
  roomForToken(rid: string, token: string): Promise<RoomAccess | undefined>;
  /**
   * Where the room waits (spot from 1, the estimate once known), or undefined when it is not
   * queued: the same numbers as the `queue` events and our widget's (services/livechat/queue-position.ts).
   */
  queueInfo(rid: string): Promise<DdpQueueInfo | undefined>;
  agent(id: string): Promise<WidgetAgent | undefined>;
}

/** Rocket.Chat's `queueData` payload; no estimate until recent chats tell one. */
export interface DdpQueueInfo {
  spot: number;
  estimatedWaitTimeSeconds?: number;
}

export interface DdpDeps {
  rooms: DdpRooms;
  hub: LiveEvents;
  limits: DdpLimits;
}

export interface Transport {
  send(text: string): void;
  close(code: number, reason: string): void;
}

type StreamName = 'stream-room-messages' | 'stream-notify-room' | 'stream-livechat-room';
interface Sub {
  id: string;
  name: StreamName;
  eventName: string;
  rid: string;
}

const STREAMS = new Set<string>(['stream-room-messages', 'stream-notify-room', 'stream-livechat-room']);
const NOTIFY_EVENTS = new Set(['typing', 'deleteMessage']);

export class DdpSession {
  private connected = false;
  private closed = false;
  private failing = false;
  private readonly subs = new Map<string, Sub>();
  private readonly rooms = new Map<string, RoomAccess>();
  private chain: Promise<void> = Promise.resolve();
  private tokens: number;
  private lastRefill = Date.now();
  private readonly unsubscribeHub: () => void;
  lastReceivedAt = Date.now();

  constructor(
    private readonly deps: DdpDeps,
    private readonly transport: Transport,
  ) {
    this.tokens = deps.limits.burst;
    this.unsubscribeHub = deps.hub.subscribe((e) => {
      if (this.concerns(e)) this.enqueue(() => this.onEvent(e));
    });
  }

  receive(text: string): void {
    if (this.closed || this.failing) return;
    this.lastReceivedAt = Date.now();
    const allowed = this.take();
    const frame = allowed ? parseFrame(text) : undefined;
    if (!frame) {
      // Answered in order, after the frames already queued; nothing after it is read.
      this.failing = true;
      const [code, reason] = allowed ? [1007, 'Bad request'] : [1008, 'too-many-requests'];
      this.enqueue(async () => this.abort(code, reason));
      return;
    }
    this.enqueue(() => this.onFrame(frame));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribeHub();
    this.subs.clear();
  }

  private abort(code: number, reason: string): void {
    this.send(frames.error(reason));
    this.close();
    this.transport.close(code, reason);
  }

  private take(): boolean {
    const now = Date.now();
    const { burst, perSecond } = this.deps.limits;
    this.tokens = Math.min(burst, this.tokens + ((now - this.lastRefill) * perSecond) / 1000);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private send(text: string): void {
    if (!this.closed) this.transport.send(text);
  }

  private enqueue(fn: () => Promise<void>): void {
    this.chain = this.chain.then(fn).catch(() => {
      // a failed lookup drops that one frame or event; the connection stays usable
    });
  }

  private async onFrame(f: ClientFrame): Promise<void> {
    if (this.closed) return;
    if (f.msg === 'connect') {
      if (f.version !== undefined && !SUPPORTED_VERSIONS.includes(f.version)) return this.send(frames.failed());
      this.connected = true;
      return this.send(frames.connected(newId()));
    }
    if (f.msg === 'ping') return this.send(frames.pong(f.id));
    if (f.msg === 'pong') return;
    if (!this.connected) return this.abort(1002, 'Must connect first');
    if (f.msg === 'method') return this.onMethod(f.id, f.method, f.params);
    if (f.msg === 'sub') return this.onSub(f.id, f.name, f.params);
    this.subs.delete(f.id);
    this.send(frames.nosub(f.id));
  }

  private async room(rid: string, token: string | undefined): Promise<RoomAccess | undefined> {
    if (!token) return undefined;
    const known = this.rooms.get(rid);
    if (known && known.visitorToken === token) return known;
    const found = await this.deps.rooms.roomForToken(rid, token);
    if (found) this.rooms.set(rid, found);
    return found;
  }

  private async onMethod(id: string, method: string, params: unknown[]): Promise<void> {
    if (method === 'livechat:setUpConnection') {
      // The widget waits for this answer before it renders (docs/rocketchat-widget.md, 'Answers the widget waits for'); nothing to set up here.
      return this.send(frames.result(id));
    }
    if (method !== 'stream-notify-room')
      return this.send(frames.resultError(id, ddpError('404', `Method '${method}' not found`)));
    const [eventName, ...rest] = params;
    const [rid, event] = typeof eventName === 'string' ? eventName.split('/', 2) : [];
    const room = rid ? await this.room(rid, tokenOf(rest[rest.length - 1])) : undefined;
    if (!room) return this.send(frames.resultError(id, ddpError('not-allowed', 'Not allowed')));
    if (event === 'typing') {
      // The username is the room's visitor, never what the client claims.
      const typing = rest[1] === true;
      this.deps.hub.publish({
        kind: 'typing',
        audience: {
          rid: room.rid,
          visitorToken: room.visitorToken,
          servedById: room.servedById,
          departmentId: room.departmentId,
        },
        username: room.visitorUsername,
        typing,
        from: 'visitor',
      });
    }
    // Other room notifications (webrtc call status) are accepted and ignored: no error toast.
    this.send(frames.result(id));
  }

  private async onSub(id: string, name: string, params: unknown[]): Promise<void> {
    const eventName = typeof params[0] === 'string' ? params[0] : '';
    const opts = params[1] as { args?: unknown[] } | undefined;
    const token = tokenOf(Array.isArray(opts?.args) ? opts.args[0] : undefined);
    let rid = eventName;
    if (name === 'stream-notify-room') {
      const [r, event] = eventName.split('/', 2);
      rid = NOTIFY_EVENTS.has(event ?? '') ? (r ?? '') : '';
    }
    if (!STREAMS.has(name) || !rid) return this.send(frames.nosub(id, ddpError('not-allowed', 'Not allowed')));
    if (this.subs.size >= this.deps.limits.maxSubscriptions) {
      return this.send(frames.nosub(id, ddpError('too-many-subscriptions', 'Too many subscriptions')));
    }
    const room = await this.room(rid, token);
    if (!room) return this.send(frames.nosub(id, ddpError('not-allowed', 'Not allowed')));
    this.subs.set(id, { id, name: name as StreamName, eventName, rid });
    this.send(frames.ready(id));
    // A room queued before the widget subscribed learns its place now, not at the next change.
    if (name === 'stream-livechat-room' && room.open && !room.servedById) await this.sendQueue(rid);
  }

  /** Cheap synchronous pre-filter, so unrelated traffic is never queued on this connection. */
  private concerns(e: LiveEvent): boolean {
    if (this.subs.size === 0) return false;
    switch (e.kind) {
      case 'message':
        // Internal notes are staff-only: never queued for a visitor's connection.
        if (!visitorView(e.message)) return false;
        return this.rooms.get(e.audience.rid)?.visitorToken === e.audience.visitorToken;
      case 'typing':
      case 'room':
      case 'queue':
        return this.rooms.get(e.audience.rid)?.visitorToken === e.audience.visitorToken;
      case 'agent-status':
        return [...this.rooms.values()].some((r) => r.servedById === e.agentId);
      default:
        return false;
    }
  }

  private emit(name: StreamName, eventName: string, args: unknown[]): void {
    // One frame per subscription, as Rocket.Chat sends them (the widget subscribes some streams 3 times).
    for (const s of this.subs.values())
      if (s.name === name && s.eventName === eventName) this.send(changed(name, eventName, args));
  }

  private async onEvent(e: LiveEvent): Promise<void> {
    if (this.closed) return;
    switch (e.kind) {
      case 'message': {
        const message = visitorView(e.message);
        if (message) this.emit('stream-room-messages', e.audience.rid, [ddpMessage(message)]);
        return;
      }
      case 'typing':
        // Rocket.Chat does not echo typing back to its sender.
        if (e.from !== 'visitor') this.emit('stream-notify-room', `${e.audience.rid}/typing`, [e.username, e.typing]);
        return;
      case 'room':
        return this.onRoom(e);
      case 'agent-status':
        for (const r of this.rooms.values()) {
          if (r.servedById !== e.agentId) continue;
          const status = e.status === 'available' ? 'online' : 'offline';
          this.emit('stream-livechat-room', r.rid, [{ type: 'agentStatus', status }]);
        }
        return;
      case 'queue':
        // Told after every change of the queue (a take, a room ahead closing or leaving, a forward),
        // only to the rooms whose place or estimate changed.
        this.emit('stream-livechat-room', e.audience.rid, [{ type: 'queueData', data: queueData(e) }]);
        return;
    }
  }

  private async onRoom(e: Extract<LiveEvent, { kind: 'room' }>): Promise<void> {
    const r = this.rooms.get(e.audience.rid);
    if (!r) return;
    r.servedById = e.room.servedBy?._id;
    r.departmentId = e.room.departmentId;
    r.open = e.room.open;
    if ((e.action === 'taken' || e.action === 'forwarded') && r.servedById) {
      const agent = await this.deps.rooms.agent(r.servedById);
      if (agent) this.emit('stream-livechat-room', r.rid, [{ type: 'agentData', data: agent }]);
    }
    // A room put back in the queue hears its place from the `queue` event that follows.
  }

  private async sendQueue(rid: string): Promise<void> {
    const info = await this.deps.rooms.queueInfo(rid);
    if (info) this.emit('stream-livechat-room', rid, [{ type: 'queueData', data: queueData(info) }]);
  }
}

/** The widget shows an estimate only when the field is there and not zero, so an unknown one is left out. */
function queueData(info: DdpQueueInfo): DdpQueueInfo {
  return {
    spot: info.spot,
    ...(info.estimatedWaitTimeSeconds !== undefined ? { estimatedWaitTimeSeconds: info.estimatedWaitTimeSeconds } : {}),
  };
}
