/**
 * The engine's in-memory queue of handed-off deliveries (issue 16): what a commit made, waiting
 * for a slot, per endpoint, with each room's deliveries in the order they were committed. No I/O.
 *
 * It is only a cache of work the store already holds: an entry dropped (the queue is full, the
 * endpoint is paused, the lease was refused) is found again by polling, so nothing here has to
 * survive a crash or be exact. What it must never do is reorder one room: an entry whose room has
 * a delivery in flight (by hand-off or by poll) waits behind it, and the entries of a room that
 * waits are taken in commit order once the room is free.
 */
import type { FreshDelivery } from '../store/outbox/enqueue.ts';

/** Entries kept at most; beyond, hand-offs are dropped and polling finds the rows (bounded memory in a backlog). */
export const FRESH_MAX = 20_000;

interface EndpointQueue {
  /** Arrival order, from `head` on. */
  items: FreshDelivery[];
  head: number;
  /** Rooms whose oldest entry may go now (their in-flight row finished): taken before `items`. */
  ready: FreshDelivery[];
  /** Entries of rooms with a delivery in flight, in commit order. */
  waiting: Map<string, FreshDelivery[]>;
}

export function roomKey(endpointId: string, orderKey: string): string {
  return `${endpointId}\u0000${orderKey}`;
}

export class FreshQueue {
  private readonly byEndpoint = new Map<string, EndpointQueue>();
  private count = 0;
  /** Ids of every entry held (arrival, ready or waiting): polling asks whether it found one of these. */
  private readonly ids = new Set<string>();
  /** Rooms with a delivery in flight in this engine (roomKey). */
  private readonly busyRooms = new Set<string>();

  get size(): number {
    return this.count;
  }

  /** Endpoints with entries, in the order they first had some (round-robin order). */
  endpoints(): IterableIterator<string> {
    return this.byEndpoint.keys();
  }

  /** false when the queue is full: the row is left to polling. */
  push(d: FreshDelivery): boolean {
    if (this.count >= FRESH_MAX) return false;
    let q = this.byEndpoint.get(d.endpointId);
    if (!q) {
      q = { items: [], head: 0, ready: [], waiting: new Map() };
      this.byEndpoint.set(d.endpointId, q);
    }
    q.items.push(d);
    this.count++;
    this.ids.add(d.id);
    return true;
  }

  /**
   * The next entry of the endpoint that may go now, or undefined. Entries met on the way whose
   * room is busy move to that room's waiting list.
   */
  take(endpointId: string): FreshDelivery | undefined {
    const q = this.byEndpoint.get(endpointId);
    if (!q) return undefined;
    const ready = q.ready.shift();
    if (ready) {
      this.count--;
      this.ids.delete(ready.id);
      this.settle(endpointId, q);
      return ready;
    }
    while (q.head < q.items.length) {
      const d = q.items[q.head]!;
      q.items[q.head++] = undefined as unknown as FreshDelivery;
      if (d.orderKey !== null) {
        const key = roomKey(endpointId, d.orderKey);
        const waiting = q.waiting.get(key);
        if (waiting || this.busyRooms.has(key)) {
          if (waiting) waiting.push(d);
          else q.waiting.set(key, [d]);
          continue;
        }
      }
      this.count--;
      this.ids.delete(d.id);
      this.settle(endpointId, q);
      return d;
    }
    this.settle(endpointId, q);
    return undefined;
  }

  /** A delivery of this room is in flight: later entries of the room wait. */
  busy(endpointId: string, orderKey: string | null): void {
    if (orderKey !== null) this.busyRooms.add(roomKey(endpointId, orderKey));
  }

  /**
   * The room's delivery in flight is done. `next`: whether its next entry may go (the delivery
   * left 'pending'); otherwise (it waits to retry) the room's waiting entries are dropped, since
   * the store would refuse them, and polling takes the room over.
   */
  done(endpointId: string, orderKey: string | null, next: boolean): void {
    if (orderKey === null) return;
    const key = roomKey(endpointId, orderKey);
    this.busyRooms.delete(key);
    const q = this.byEndpoint.get(endpointId);
    const waiting = q?.waiting.get(key);
    if (!q || !waiting) return;
    if (!next) {
      q.waiting.delete(key);
      this.count -= waiting.length;
      for (const w of waiting) this.ids.delete(w.id);
      this.settle(endpointId, q);
      return;
    }
    const first = waiting.shift()!;
    if (waiting.length === 0) q.waiting.delete(key);
    q.ready.push(first);
  }

  /** Drops every entry of the endpoint (paused, disabled, gone): polling finds its rows. */
  dropEndpoint(endpointId: string): void {
    const q = this.byEndpoint.get(endpointId);
    if (!q) return;
    let n = q.items.length - q.head + q.ready.length;
    for (const w of q.waiting.values()) n += w.length;
    this.count -= n;
    for (let i = q.head; i < q.items.length; i++) this.ids.delete(q.items[i]!.id);
    for (const d of q.ready) this.ids.delete(d.id);
    for (const w of q.waiting.values()) for (const d of w) this.ids.delete(d.id);
    this.byEndpoint.delete(endpointId);
  }

  /** Whether the endpoint has entries that could go (not only waiting ones). */
  hasReady(endpointId: string): boolean {
    const q = this.byEndpoint.get(endpointId);
    return q !== undefined && (q.ready.length > 0 || q.head < q.items.length);
  }

  /** Whether this delivery is held here (handed off, not taken yet). */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  clear(): void {
    this.ids.clear();
    this.byEndpoint.clear();
    this.busyRooms.clear();
    this.count = 0;
  }

  /** Compacts the arrival array now and then; forgets an endpoint with nothing left. */
  private settle(endpointId: string, q: EndpointQueue): void {
    if (q.head === q.items.length) {
      q.items = [];
      q.head = 0;
    } else if (q.head > 1024 && q.head * 2 > q.items.length) {
      q.items = q.items.slice(q.head);
      q.head = 0;
    }
    if (q.items.length === 0 && q.ready.length === 0 && q.waiting.size === 0) this.byEndpoint.delete(endpointId);
  }
}
