/**
 * Triggers (Rocket.Chat's livechat/triggers): managers keep the list, livechat/config hands the
 * enabled ones to the widgets. Nothing here produces an event or a delivery: a trigger runs in the
 * visitor's browser and its message stays there (domain/triggers.ts).
 */
import type { Store } from '../store/open.ts';
import {
  deleteTrigger,
  enabledTriggers,
  getTrigger,
  insertTrigger,
  listTriggers,
  updateTrigger,
} from '../store/triggers.ts';
import type { TriggerSortKey } from '../store/triggers.ts';
import { triggerProblem, widgetTriggers } from '../domain/triggers.ts';
import type { Trigger, TriggerInput, WidgetTrigger } from '../domain/triggers.ts';
import { newId } from '../domain/ids.ts';
import { fail } from '../domain/errors.ts';

export { isTriggerSortKey } from '../store/triggers.ts';
export type { TriggerSortKey } from '../store/triggers.ts';

export class TriggersService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  /** Rocket.Chat sorts by name unless told otherwise. */
  list(opts: { offset: number; count: number; sort?: { key: TriggerSortKey; dir: 'asc' | 'desc' } }) {
    return listTriggers(this.store.db, { ...opts, sort: opts.sort ?? { key: 'name', dir: 'asc' } });
  }

  get(id: string): Promise<Trigger | undefined> {
    return getTrigger(this.store.db, id);
  }

  /**
   * Create, or update when `id` is given. As in Rocket.Chat an unknown id changes nothing and is
   * not an error (LivechatTrigger.updateById); the answer says whether anything was saved.
   */
  async save(id: string | undefined | null, input: TriggerInput): Promise<{ _id: string; saved: boolean }> {
    const problem = triggerProblem(input);
    if (problem) fail('error-invalid-trigger', problem);
    if (id) return { _id: id, saved: await updateTrigger(this.store.db, id, input, this.now()) };
    const created = newId();
    await insertTrigger(this.store.db, created, input, this.now());
    return { _id: created, saved: true };
  }

  /** Rocket.Chat's removeById: deleting an unknown id is not an error. */
  async remove(id: string): Promise<boolean> {
    return deleteTrigger(this.store.db, id);
  }

  /** config.triggers: the enabled triggers, in Rocket.Chat's pick. */
  async forWidget(): Promise<WidgetTrigger[]> {
    return widgetTriggers(await enabledTriggers(this.store.db));
  }
}
