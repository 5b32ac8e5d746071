/**
 * Live events: what a committed change tells live clients (agents, visitors, the UI), and the
 * two ports through which it travels. Services publish through `LivePublisher`; the realtime hub
 * implements `LiveEvents`, which the SSE route and the DDP session subscribe to.
 */
import type { Inquiry, Message, Room } from './models.ts';

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
  /**
   * A queued room's place in the queue changed (services/livechat/queue-position.ts), for its
   * visitor only: Rocket.Chat's `queueData` (spot from 1; the estimate once recent waits are known).
   */
  | { kind: 'queue'; audience: RoomAudience; spot: number; estimatedWaitTimeSeconds?: number }
  | { kind: 'agent-status'; agentId: string; status: 'available' | 'not-available' }
  | { kind: 'delivery'; deliveryId: string; endpointId: string; status: string };

/** Where services send a change after its commit. */
export interface LivePublisher {
  publish(event: LiveEvent): void;
}

/** Publish and listen: what live routes (SSE, DDP) read. Returns the unsubscribe function. */
export interface LiveEvents extends LivePublisher {
  subscribe(fn: (e: LiveEvent) => void): () => void;
}
