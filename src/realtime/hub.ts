/**
 * In-process fan-out of committed changes to live clients (agents, visitors, the UI).
 * Services publish after commit; the SSE route and the DDP socket (realtime/ddp) subscribe.
 * With several processes on PostgreSQL, realtime/bridge.ts relays events between them.
 */
import { EventEmitter } from 'node:events';
import type { LiveEvent, LiveEvents } from '../domain/live-events.ts';

export type { LiveEvent, RoomAudience } from '../domain/live-events.ts';

export class Hub implements LiveEvents {
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
