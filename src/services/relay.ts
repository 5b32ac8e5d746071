/**
 * The Rocket.Chat relay's use case: an event an existing Rocket.Chat server sent us is stored
 * with its deliveries in one transaction, then fanned out by the worker like our own events.
 */
import type { Store } from '../store/open.ts';
import type { EventType } from '../domain/models.ts';
import { inTx } from './tx.ts';
import { recordRelayedEvent } from './events.ts';
import type { EventDeps, RecordedEvent } from './events.ts';

export interface RelayDeps extends EventDeps {
  store: Store;
}

export interface RelayedEventInput {
  type: EventType;
  rid: string | null;
  departmentId: string | null;
  /** The request body as received, stored and delivered verbatim. */
  body: string;
}

export class RelayService {
  constructor(private readonly deps: RelayDeps) {}

  async ingest(input: RelayedEventInput): Promise<RecordedEvent> {
    const { waker, now } = this.deps;
    return inTx(this.deps.store, (tx) => recordRelayedEvent(tx, { waker, now }, input));
  }
}
