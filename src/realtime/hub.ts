/**
 * In-process fan-out of committed changes to live clients (agents, visitors, the UI).
 * Services publish after commit; the SSE route and the DDP socket (realtime/ddp) subscribe.
 * With several processes on PostgreSQL, realtime/pg-bridge.ts relays events between them.
 */
import { EventEmitter } from 'node:events';
import type { Inquiry, Message, Room } from '../domain/models.ts';

/** Who may see a room's live events: its visitor, its serving agent (and the previous one on a forward). */
export interface RoomAudience {
  rid: string;
  visitorToken: string;
  servedById?: string;
  previousServedById?: string;
  departmentId?: string;
}

export type LiveEvent =
  | { kind: 'message'; audience: RoomAudience; message: Message }
  | { kind: 'message-deleted'; audience: RoomAudience; _id: string }
  | {
      kind: 'room';
      audience: RoomAudience;
      room: Room;
      action: 'created' | 'taken' | 'forwarded' | 'closed' | 'updated' | 'queued';
    }
  /** Someone is (or stopped) typing in a room: the visitor over DDP, an agent over REST. */
  | { kind: 'typing'; audience: RoomAudience; username: string; typing: boolean; from: 'visitor' | 'agent' }
  | { kind: 'inquiry'; inquiry: Inquiry; action: 'queued' | 'taken' }
  | { kind: 'agent-status'; agentId: string; status: 'available' | 'not-available' }
  | { kind: 'delivery'; deliveryId: string; endpointId: string; status: string };

export class Hub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // every SSE connection is a listener; the default cap of 10 is a leak heuristic, not a limit
    this.emitter.setMaxListeners(0);
  }

  private relay: ((event: LiveEvent) => void) | undefined;

  /** A change of this process: to local listeners, and to other processes when bridged. */
  publish(event: LiveEvent): void {
    this.emitter.emit('event', event);
    this.relay?.(event);
  }

  /** An event another process published: to local listeners only. */
  emitLocal(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }

  setRelay(fn: ((event: LiveEvent) => void) | undefined): void {
    this.relay = fn;
  }

  subscribe(fn: (event: LiveEvent) => void): () => void {
    this.emitter.on('event', fn);
    return () => this.emitter.off('event', fn);
  }

  get listenerCount(): number {
    return this.emitter.listenerCount('event');
  }
}
